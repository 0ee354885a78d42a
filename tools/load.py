"""`make load`: many sessions switching pages over Streamlit's websocket, the way browsers ask for page runs.

Each session opens ``/_stcore/stream`` and loops: it sends the rerun a page switch sends (page name and query
string), reads forward messages until the script run has finished, and counts the run, any exception or
"could not be shown" error drawn on the page, and any dropped connection. No think time. This is the protocol
of ``../shared/tools/wsload.py``, kept here so the repository measures itself and a test can assert 0 errors.

    python -m tools.load                      # the dashboard and a bare hello page, 25 sessions, 60 s each
    python -m tools.load --proxy              # also: two replicas behind nginx (tools/replicas.py)
    python -m tools.load --url http://host:port  # an already running deployment only

Throughput and latency are benchmark figures: printed, never asserted (tests assert only 0 errors).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from tests.servers import streamlit_process

ROOT = Path(__file__).resolve().parents[1]
#: the pages a team switches among (url path and query; "" is Home)
PAGES = ["", "outcomes", "scorecard", "interventions", "compare", "factsheet", "maps", "lap", "bcf", "objectives",
         "indicator", "data"]
HELLO = "import streamlit as st\nst.write('hello')\n"


#: Streamlit options of every server the load test starts: XSRF off, as behind a proxy that handles it
LOAD_ARGS = ["--server.enableXsrfProtection", "false", "--server.enableCORS", "false"]


@contextmanager
def dashboard_server(env: dict | None = None, port: int | None = None):
    """The dashboard on a free local port with the repository's settings; yields (ws URL, process)."""
    with streamlit_process(ROOT / "dashboard.py", None, 120, env, LOAD_ARGS, port) as (url, proc):
        yield ws_of(url), proc


#: the dashboard's own server settings (.streamlit/config.toml [runner] and [server]) that change its speed
OUR_SETTINGS = ["--runner.postScriptGC", "false", "--server.fileWatcherType", "none"]


@contextmanager
def hello_server(our_settings: bool = False):
    """A bare hello page: the baseline every figure is a ratio to, run with Streamlit's defaults as a new app
    is (its own folder, no .streamlit/config.toml), or with the dashboard's speed settings; yields
    (ws URL, process)."""
    args = LOAD_ARGS + (OUR_SETTINGS if our_settings else [])
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "hello.py").write_text(HELLO)
        with streamlit_process(Path(folder) / "hello.py", None, 120, None, args, cwd=Path(folder)) as (url, p):
            yield ws_of(url), p


def ws_of(url: str) -> str:
    """The websocket of a server at http(s)://host:port."""
    return url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"


def rss_mb(pid: int) -> int:
    """Resident memory of a process, MB (Linux)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) // 1024


async def _session(url: str, pages: list[str], until: float, stats: dict, rng: random.Random | None,
                   cookie: str | None = None) -> None:
    """One session until ``until``: random pages, or (``rng`` None) each page once, in order. ``cookie``: the
    browser's replica cookie (deploy/nginx.conf keeps a browser on one replica by it)."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    try:
        headers = {"Cookie": f"lybl_replica={cookie}"} if cookie else None
        async with websockets.connect(url, max_size=2 ** 27, open_timeout=60, additional_headers=headers) as ws:
            tour = iter(pages)
            while time.time() < until:
                page = rng.choice(pages) if rng else next(tour, None)
                if page is None:
                    break
                path, _, query = page.partition("?")
                msg = BackMsg()
                msg.rerun_script.query_string = query
                msg.rerun_script.page_name = path
                t0 = time.time()
                await ws.send(msg.SerializeToString())
                while True:
                    fm = ForwardMsg()
                    fm.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=120))
                    kind = fm.WhichOneof("type")
                    if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                        element = fm.delta.new_element
                        if element.WhichOneof("type") == "exception":
                            stats["errors"].append((page, element.exception.message[:160]))
                        elif element.WhichOneof("type") == "alert" and "could not be shown" in element.alert.body:
                            stats["errors"].append((page, element.alert.body[:160]))
                    if kind == "script_finished":
                        break
                stats["runs"].append((page, time.time() - t0))
    except Exception as error:  # a dropped or refused connection
        stats["dropped"].append(f"{type(error).__name__}: {error}"[:200])


def drive(ws_url: str, pages: list[str], sessions: int, seconds: float, seed: int = 0, cookies: bool = False) -> dict:
    """``sessions`` websocket sessions switching among ``pages`` for ``seconds``; the raw counts. ``cookies``:
    each session is a browser with its own replica cookie."""
    stats: dict = {"runs": [], "errors": [], "dropped": []}
    until = time.time() + seconds

    async def all_sessions():
        await asyncio.gather(*(_session(ws_url, pages, until, stats, random.Random(seed + i),
                                        f"browser-{seed + i}" if cookies else None) for i in range(sessions)))
    asyncio.run(all_sessions())
    return stats


def tour(ws_url: str, pages: list[str]) -> dict:
    """One session visits each page once, in order (warms a server; proves every page runs)."""
    stats: dict = {"runs": [], "errors": [], "dropped": []}
    asyncio.run(_session(ws_url, pages, time.time() + 600, stats, None))
    return stats


def summary(stats: dict, sessions: int, seconds: float) -> dict:
    times = sorted(t for _, t in stats["runs"])
    pct = (lambda q: round(times[min(len(times) - 1, int(q * (len(times) - 1)))], 3)) if times else (lambda q: None)
    by_page: dict[str, list[float]] = {}
    for page, t in stats["runs"]:
        by_page.setdefault(page, []).append(t)
    return {"sessions": sessions, "seconds": seconds, "runs": len(times),
            "runs_per_s": round(len(times) / seconds, 2), "p50_s": pct(0.5), "p95_s": pct(0.95),
            "errors": len(stats["errors"]), "error_examples": stats["errors"][:3],
            "dropped": len(stats["dropped"]), "dropped_examples": stats["dropped"][:3],
            "p50_by_page_s": {p: round(statistics.median(v), 3) for p, v in sorted(by_page.items())}}


def measure(ws_url: str, pages: list[str], sessions: int, seconds: float, pid: int | None = None,
            cookies: bool = False) -> dict:
    """Warm the server (one session visits each page), then load it; the summary, with the server's RSS."""
    tour(ws_url, pages)
    result = summary(drive(ws_url, pages, sessions, seconds, cookies=cookies), sessions, seconds)
    if pid is not None:
        result["server_rss_mb"] = rss_mb(pid)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--memory-sessions", type=int, default=10,
                        help="sessions of the memory figure (server RSS after a run with this many)")
    parser.add_argument("--url", help="load this running deployment (http://host:port) instead of starting servers")
    parser.add_argument("--proxy", action="store_true", help="also two replicas behind nginx (tools/replicas.py)")
    parser.add_argument("--json", type=Path, help="write the results here as well (make bench's table reads it)")
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args(argv)
    results: dict[str, dict] = {}
    if args.url:
        results["deployment"] = measure(ws_of(args.url), args.pages, args.sessions, args.seconds)
    else:
        with hello_server() as (ws, proc):
            results["bare"] = measure(ws, [""], args.sessions, args.seconds, proc.pid)
        with hello_server(our_settings=True) as (ws, proc):
            results["bare, our settings"] = measure(ws, [""], args.sessions, args.seconds, proc.pid)
        with dashboard_server() as (ws, proc):
            results["dashboard"] = measure(ws, args.pages, args.sessions, args.seconds, proc.pid)
            results[f"dashboard, {args.memory_sessions} sessions"] = measure(
                ws, args.pages, args.memory_sessions, min(args.seconds, 30), proc.pid)
        if args.proxy:
            from tools import replicas
            results.update(replicas.measure(args.pages, args.sessions, args.seconds))
    print(json.dumps(results, indent=1))
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 1 if any(r["errors"] or r["dropped"] for r in results.values()) else 0


def table(results: dict[str, dict]) -> str:
    bare = results.get("bare", {}).get("runs_per_s")
    lines = [f"{'load':22} {'sessions':>8} {'runs/s':>7} {'of bare':>8} {'p50 s':>7} {'p95 s':>7} {'errors':>6} "
             f"{'RSS MB':>7}"]
    for name, r in results.items():
        share = f"{r['runs_per_s'] / bare:.0%}" if bare else "-"
        lines.append(f"{name:22} {r['sessions']:>8} {r['runs_per_s']:>7} {share:>8} {r['p50_s']!s:>7} "
                     f"{r['p95_s']!s:>7} {r['errors'] + r['dropped']:>6} {r.get('server_rss_mb', '-')!s:>7}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
