"""Streamlit AppTest: every page runs from dashboard.py, filters survive page switches and links."""
import pytest
from streamlit.testing.v1 import AppTest

from lybl.config import ROOT

ENTRY = str(ROOT / "dashboard.py")

PAGES = ["pages/home.py", "pages/outcomes.py", "pages/data_sources.py"]


def app(built_db, **query) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def text_of(at) -> str:
    return " ".join(str(e.value) for kind in ("title", "markdown", "caption", "subheader")
                    for e in getattr(at, kind))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(built_db, page):
    at = app(built_db)
    at.switch_page(page).run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]


def test_home_shows_the_ten_ambitions(built_db):
    at = app(built_db)
    text = text_of(at)
    for number in range(1, 11):
        assert f"**{number}.** " in text
    assert "not yet agreed" in text


def test_place_filter_survives_page_switch(built_db):
    at = app(built_db)
    at.selectbox(key="place").set_value("E06000062").run()
    assert at.query_params["place"] == "E06000062"
    at.switch_page("pages/data_sources.py").run()
    assert at.selectbox(key="place").value == "E06000062"
    assert at.query_params["place"] == "E06000062"


def test_link_sets_the_place(built_db):
    at = app(built_db, place="E06000061")
    assert at.selectbox(key="place").value == "E06000061"
    assert "North Northamptonshire" in text_of(at)


def test_unknown_place_in_link_warns_once(built_db):
    at = app(built_db, place="E06999999")
    assert at.selectbox(key="place").value == "E54000059"
    assert any("E06999999" in w.value for w in at.warning)


def test_outcomes_page_reads_ambition_from_link(built_db):
    at = app(built_db)
    at.query_params["ambition"] = "9"
    at.switch_page("pages/outcomes.py").run()
    assert not at.exception
    assert any(t.value.startswith("9. ") for t in at.title)


def test_missing_database_is_shown_in_plain_words(tmp_path, monkeypatch, built_db):
    monkeypatch.setenv("LYBL_DB", str(tmp_path / "none.duckdb"))
    at = AppTest.from_file(ENTRY, default_timeout=30).run()
    assert not at.exception
    assert any("make db" in e.value for e in at.error)
