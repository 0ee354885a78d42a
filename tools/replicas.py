"""Two (or N) dashboard replicas behind nginx on this machine, all reading one database file: the deployment
of deploy/nginx.conf, for the load test (`make load LOAD_ARGS=--proxy`) and tests/test_replicas.py.

    python -m tools.replicas            # serve it until Ctrl+C and print the address

Each replica is `streamlit run dashboard.py` with the same LYBL_DB and LYBL_STATE; nginx (Debian's package,
found on PATH or at /usr/sbin/nginx) keeps each browser on one replica by a cookie and passes the websocket
through.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.servers import free_port, wait_healthy
from tools import load

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx.conf"


def nginx_path() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def config(run: Path, port: int, replicas: list[int]) -> str:
    """deploy/nginx.conf for a proxy on ``port`` in front of local replicas on ``replicas``."""
    servers = "\n".join(f"        server 127.0.0.1:{p};" for p in replicas)
    text = TEMPLATE.read_text()
    for name, value in {"run": run, "port": port, "servers": servers}.items():
        text = text.replace("${" + name + "}", str(value))  # nginx's own $variables stay as they are
    return text


@contextmanager
def deployment(n: int = 2, env: dict | None = None):
    """``n`` replicas and nginx in front; yields (the proxy's http URL, the replicas' URLs, their processes)."""
    nginx = nginx_path()
    if nginx is None:
        raise RuntimeError("nginx is not installed: apt-get install nginx")
    with ExitStack() as stack, tempfile.TemporaryDirectory() as run:
        started = [stack.enter_context(load.streamlit_process(ROOT / "dashboard.py", None, 120, env, load.LOAD_ARGS))
                   for _ in range(n)]
        port = free_port()
        conf = Path(run) / "nginx.conf"
        conf.write_text(config(Path(run), port, [int(url.rsplit(":", 1)[1]) for url, _ in started]))
        proxy = subprocess.Popen([nginx, "-c", str(conf), "-p", run], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)
        try:
            url = f"http://127.0.0.1:{port}"
            try:
                wait_healthy(url, proxy, timeout=30)
            except RuntimeError as error:
                raise RuntimeError(f"nginx did not start: {proxy.stderr.read() if proxy.poll() is not None else error}")
            yield url, [u for u, _ in started], [p for _, p in started]
        finally:
            proxy.terminate()
            proxy.wait(10)


def measure(pages: list[str], sessions: int, seconds: float) -> dict[str, dict]:
    """The load test through nginx to two replicas (each session a browser with its own cookie)."""
    with deployment(2) as (url, _, processes):
        result = load.measure(load.ws_of(url), pages, sessions, seconds, cookies=True)
        result["server_rss_mb"] = sum(load.rss_mb(p.pid) for p in processes)
    return {"2 replicas behind nginx": result}


def main() -> int:
    with deployment(2) as (url, replicas, _):
        print(f"nginx at {url}, replicas at {', '.join(replicas)}: Ctrl+C to stop", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main())
