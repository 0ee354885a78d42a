"""`make bench`: named-query latency and page render time as ratios to a bare 'hello' page.

Prints, never asserts: timings belong here, not in unit tests.
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from lybl import config, db
from lybl.build import build

SAMPLE = {"area": "E54000059", "ambition": 3, "indicator": "adult_smoking_prevalence"}
PAGES = ["pages/home.py", "pages/outcomes.py", "pages/data_sources.py"]


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def bench_queries(path: Path, repeats: int = 200) -> None:
    con = db.connect(path)
    print(f"{'query':32} {'p50 ms':>8} {'p95 ms':>8}   (target p95 <= 10 ms)")
    for name in db.query_names():
        params = {p: SAMPLE[p] for p in db.load_query(name).params}
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            db.run_query(con, name, **params)
            times.append((time.perf_counter() - t0) * 1000)
        print(f"{name:32} {statistics.median(times):8.2f} {p95(times):8.2f}")


def bench_pages(repeats: int = 10) -> None:
    from streamlit.testing.v1 import AppTest
    hello = Path(tempfile.mkdtemp()) / "hello.py"
    hello.write_text("import streamlit as st\nst.write('hello')\n")

    def render(switch: str | None) -> float:
        times = []
        for _ in range(repeats):
            at = AppTest.from_file(str(hello if switch is None else config.ROOT / "dashboard.py"), default_timeout=60)
            at.run()  # the first run of a session warms it, as a running server would be
            if switch is None:
                t0 = time.perf_counter()
                at.run()
            else:
                t0 = time.perf_counter()
                at.switch_page(switch).run()
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    base = render(None)
    print(f"\nbare hello page: {base * 1000:.1f} ms (AppTest rerun, median of {repeats})")
    print(f"{'page':28} {'ms':>8} {'ratio':>6}   (target <= 1.3)")
    for page in PAGES:
        t = render(page)
        print(f"{page:28} {t * 1000:8.1f} {t / base:6.2f}")


def main() -> None:
    import logging
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    path = Path(tempfile.mkdtemp()) / "bench.duckdb"
    build(db=path, log=lambda line: None)
    os.environ["LYBL_DB"] = str(path)
    bench_queries(path)
    bench_pages()


if __name__ == "__main__":
    main()
