"""The Data page's freshness: each open-data file with its release and next expected release, stale once that
date has passed; the page says which, and shows the imports' agreement with Fingertips."""
from __future__ import annotations

from datetime import date

import pandas as pd
from streamlit.testing.v1 import AppTest

from lybl import config
from lybl.build.extract import read_catalogue
from lybl.read.freshness import sources

ENTRY = str(config.ROOT / "dashboard.py")


def test_every_file_the_build_read_is_listed_with_its_release(con):
    listed = sources(con, date(2025, 9, 1))
    catalogue = read_catalogue(config.DATA_DIR / "extract_sources.csv")
    assert sorted(listed["file"]) == sorted(catalogue)
    assert listed["publisher"].notna().all() and listed["licence"].notna().all()
    assert (listed["rows"] > 0).all() and listed["sha256"].str.len().eq(64).all()


def test_a_source_is_stale_once_its_next_release_has_passed(con):
    catalogue = read_catalogue(config.DATA_DIR / "extract_sources.csv")
    due = {rel: date.fromisoformat(c["next_release"]) for rel, c in catalogue.items() if c["next_release"]}
    assert due, "the catalogue expects at least one next release (A&E is monthly)"
    first = min(due.values())
    before = sources(con, first).set_index("file")["is_stale"]
    after = sources(con, date.fromordinal(first.toordinal() + 1)).set_index("file")["is_stale"]
    assert not before.any()
    assert set(after[after].index) == {rel for rel, d in due.items() if d == first}
    census = sources(con, date(2100, 1, 1)).set_index("file").loc["data/census2021_ts037_general_health_lsoa21.csv"]
    assert not census["is_stale"] and pd.isna(census["next_release"])  # a census has no next release


def test_the_data_page_lists_sources_and_says_which_are_stale(built_db):
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.run()
    at.switch_page("pages/data_sources.py").run()
    assert not at.exception
    frames = [d.value for d in at.dataframe]
    listed = next(f for f in frames if "next_release" in f.columns)
    assert len(listed) == len(read_catalogue(config.DATA_DIR / "extract_sources.csv"))
    # A&E to July 2025: its next monthly release was due in September 2025, long past today
    assert any("A&E Attendances" in str(w.value) and "past their next expected release" in str(w.value)
               and "due 11 Sep 2025" in str(w.value) for w in at.warning)
    assert "data/extracts" in " ".join(str(m.value) for m in at.markdown)
