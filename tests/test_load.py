"""The load test of `make load`, short: many sessions switching pages over the websocket see no error.

Throughput and latency are benchmark figures (`make load`, `make bench`), never asserted here.
"""
from __future__ import annotations

from tools import load


def test_sessions_switching_every_page_see_no_error(built_db):
    with load.dashboard_server(env={"LYBL_DB": str(built_db)}) as (ws, _):
        visited = load.tour(ws, load.PAGES)
        stats = load.drive(ws, load.PAGES, sessions=4, seconds=8)
    assert [page for page, _ in visited["runs"]] == load.PAGES  # every page ran once, then the load
    for found in (load.summary(visited, 1, 1), load.summary(stats, 4, 8)):
        assert found["runs"] and found["errors"] == 0, found["error_examples"]
        assert found["dropped"] == 0, found["dropped_examples"]


def test_the_load_test_counts_an_error_drawn_on_a_page(tmp_path):
    """The counter is real: a page that fails shows its exception, and the load test counts it."""
    (tmp_path / "broken.py").write_text("import streamlit as st\nst.write('before')\nraise ValueError('broken')\n")
    with load.streamlit_process(tmp_path / "broken.py", None, 60, None, load.LOAD_ARGS, cwd=tmp_path) as (url, _):
        stats = load.drive(load.ws_of(url), [""], sessions=2, seconds=2)
    assert stats["runs"] and len(stats["errors"]) == len(stats["runs"])
    assert "broken" in stats["errors"][0][1]
