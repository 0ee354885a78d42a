"""A Streamlit server and the system Chromium, for the browser tests and the browser benchmark."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from lybl.config import ROOT

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    return os.environ.get("LYBL_CHROMIUM") or shutil.which("chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until ``url``/_stcore/health answers (a Streamlit server, or a proxy in front of one)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"{Path(str(proc.args[0])).name} exited early (code {proc.returncode})") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {timeout:.0f} s") from None
            time.sleep(0.3)


@contextmanager
def streamlit_server(script: Path, db: Path | None, timeout: float = 60, env: dict | None = None,
                     args: list[str] | None = None, port: int | None = None):
    """Serve ``script`` on a free local port (or ``port``), with extra environment variables and Streamlit
    options; yield its URL; stop it afterwards."""
    with streamlit_process(script, db, timeout, env, args, port) as (url, _):
        yield url


@contextmanager
def streamlit_process(script: Path, db: Path | None, timeout: float = 60, env: dict | None = None,
                      args: list[str] | None = None, port: int | None = None, cwd: Path = ROOT):
    """As streamlit_server, run in ``cwd`` (whose .streamlit/config.toml applies); yields (URL, process).
    ``db`` None: the server's LYBL_DB is the environment's."""
    port = port or free_port()
    env = {**os.environ, **({"LYBL_DB": str(db)} if db else {}), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
           **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true", *(args or [])],
                            cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, timeout)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
