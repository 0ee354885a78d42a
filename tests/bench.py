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
from lybl.build.database import build

SAMPLE = {"area": "E54000059", "ambition": 3, "indicator": "adult_smoking_prevalence", "since": "2022-09-06",
          "indicators": ["ae_4hr_performance", "inpatients_over_21_days"],
          "level": "LSOA", "lap": "N4", "today": "2026-11-29"}
PAGES = ["pages/home.py", "pages/outcomes.py", "pages/scorecard.py", "pages/interventions.py", "pages/compare.py",
         "pages/factsheet.py", "pages/maps.py", "pages/lap.py", "pages/bcf.py", "pages/objectives.py",
         "pages/indicator.py", "pages/data_sources.py", "pages/pack.py"]


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


def _best(fn, repeats: int = 20) -> float:
    """Best of ``repeats`` wall times of fn(), in ms (the least disturbed run)."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return min(times)


def bench_stats() -> None:
    """The engine at England scale (33,755 LSOAs), against row-by-row code doing the same work."""
    import numpy as np
    import pandas as pd

    from lybl.stats import proportion_ci, rate_ci, spc, suppress
    from lybl.stats.disclosure import hierarchy_relations
    from lybl.stats.intervals import wilson
    from lybl.stats.trend import recent_trends

    n = 33_755
    rng = np.random.default_rng(0)
    denominator = rng.integers(1_000, 3_000, n).astype(float)
    count = np.floor(rng.random(n) * denominator * 0.2)
    frame = pd.DataFrame({"count": count, "denominator": denominator})
    print(f"\n{'statistic, England LSOAs (n=33,755)':44} {'ms':>9} {'row-by-row ms':>14} {'speed-up':>9}")

    def rows_wilson():
        frame.apply(lambda r: wilson(r["count"], r["denominator"]), axis=1)

    vector = _best(lambda: wilson(count, denominator))
    slow = _best(rows_wilson, repeats=1)
    print(f"{'Wilson 95% limits (numpy)':44} {vector:9.3f} {slow:14.0f} {slow / vector:8.0f}x   (target < 1 ms)")
    print(f"{'proportion_ci, 95%, value and limits':44} {_best(lambda: proportion_ci(count, denominator)):9.3f}")
    print(f"{'rate_ci, 99.8% (Byar / exact)':44} {_best(lambda: rate_ci(count, denominator, 0.998)):9.3f}")

    series = pd.DataFrame({"s": np.repeat(np.arange(n), 5), "t": np.tile(np.arange(5), n),
                           "value": rng.uniform(10, 20, 5 * n)})
    series = series.assign(lci95=series["value"] - 1, uci95=series["value"] + 1, count=np.nan,
                           denominator=np.nan, polarity="high_is_good", value_type="other")
    print(f"{'recent trend, one series per LSOA':44} {_best(lambda: recent_trends(series, ['s'], 't'), 3):9.1f}")
    monthly = rng.normal(75, 3, n)
    print(f"{'SPC, one series of 33,755 points':44} {_best(lambda: spc(monthly, 'increase', 76), 5):9.1f}")

    # disclosure control over a Place-sized hierarchy: 600 LSOAs -> 60 wards -> 17 LAPs -> 2 Places -> ICB
    parents = {f"L{i}": f"W{i % 60}" for i in range(600)}
    parents |= {f"W{i}": f"A{i % 17}" for i in range(60)} | {f"A{i}": f"P{i % 2}" for i in range(17)}
    parents |= {"P0": "ICB", "P1": "ICB"}
    leaves = pd.Series(rng.poisson(12, 600).astype(float), index=[f"L{i}" for i in range(600)])
    totals = leaves.groupby(leaves.index.map(parents)).sum()
    cells = [leaves, totals]
    for _ in range(3):
        totals = totals.groupby(totals.index.map(parents)).sum()
        cells.append(totals)
    cells = pd.concat(cells)
    relations = hierarchy_relations(parents)
    print(f"{'disclosure control, 680 cells, 80 relations':44} {_best(lambda: suppress(cells, relations), 3):9.1f}")


BROWSER_PAGES = {path: "Query:" for path in ("/", "/outcomes?ambition=1", "/scorecard", "/interventions", "/compare",
                                              "/compare?view=overview", "/compare?view=spine", "/compare?view=trends",
                                              "/compare?view=changes", "/factsheet", "/bcf", "/objectives",
                                              "/maps", "/lap?lap=N4", "/indicator", "/data")}


def bench_browser(db: Path, repeats: int = 7) -> None:
    """What a board member sees: headless Chromium, from navigation until the page's last line shows."""
    from playwright.sync_api import sync_playwright

    from tests.servers import CHROMIUM_ARGS, chromium_path, streamlit_server

    if not chromium_path():
        print("\nbrowser: skipped (no Chromium; apt-get install chromium or set LYBL_CHROMIUM)")
        return
    hello = Path(tempfile.mkdtemp()) / "hello.py"
    hello.write_text("import streamlit as st\nst.write('hello')\n")

    def load(page, url: str, text: str) -> float:
        t0 = time.perf_counter()
        page.goto(url)
        page.get_by_text(text).first.wait_for(timeout=60000)
        return time.perf_counter() - t0

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        with streamlit_server(hello, db) as url:
            load(page, url, "hello")  # warm the browser cache and the server
            base = statistics.median(load(page, url, "hello") for _ in range(repeats))
        print(f"\nbare hello page in Chromium: {base * 1000:.0f} ms (navigation to text shown, median of {repeats})")
        print(f"{'page':28} {'ms':>8} {'ratio':>6}   (target <= 1.3)")
        with streamlit_server(config.ROOT / "dashboard.py", db) as url:
            for path, text in BROWSER_PAGES.items():
                load(page, url + path, text)
                t = statistics.median(load(page, url + path, text) for _ in range(repeats))
                print(f"{path:28} {t * 1000:8.0f} {t / base:6.2f}")
        browser.close()


def main() -> None:
    import logging
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    path = Path(tempfile.mkdtemp()) / "bench.duckdb"
    build(db=path, log=lambda line: None)
    os.environ["LYBL_DB"] = str(path)
    bench_stats()
    bench_queries(path)
    bench_pages()
    bench_browser(path)


if __name__ == "__main__":
    main()
