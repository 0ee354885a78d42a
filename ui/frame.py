"""The navigation, and why every page in pages/ starts with ``framed()``.

Streamlit 1.67 treats a folder named ``pages/`` beside the entry script as an old-style multipage app until
``st.navigation`` has run once in the server process. So the very first visit to a fresh server, if it is a
deep link (``/compare?place=...``), runs ``pages/compare.py`` on its own: no navigation, no Place or LAP filter.
Every later run goes through ``dashboard.py``, whose ``st.navigation`` switches that mode off for the process.

``dashboard.py`` marks the runs it frames; a page run without the mark calls ``st.navigation`` (switching the
old mode off, as Streamlit documents) and reruns, and the rerun keeps the page and the link's query string, so it
goes through the frame. tests/test_browser.py opens a deep link as the first visit to a fresh server.
"""
from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

import streamlit as st

_FRAMED = contextvars.ContextVar("lybl_framed", default=False)


def pages() -> dict[str, list]:
    """The navigation: every page of the dashboard, its title, icon and link."""
    return {
        "Live Your Best Life": [
            st.Page("pages/home.py", title="Home", icon=":material/home:", url_path="", default=True),
            st.Page("pages/outcomes.py", title="Outcomes framework", icon=":material/account_tree:",
                    url_path="outcomes"),
            st.Page("pages/scorecard.py", title="Outcome scorecard", icon=":material/scoreboard:",
                    url_path="scorecard"),
            st.Page("pages/interventions.py", title="Multi-impact interventions", icon=":material/hub:",
                    url_path="interventions"),
            st.Page("pages/compare.py", title="North vs West", icon=":material/compare_arrows:", url_path="compare"),
            st.Page("pages/factsheet.py", title="HWB factsheet", icon=":material/description:", url_path="factsheet"),
            st.Page("pages/maps.py", title="Maps", icon=":material/map:", url_path="maps"),
            st.Page("pages/lap.py", title="LAP profile", icon=":material/location_city:", url_path="lap"),
            st.Page("pages/bcf.py", title="Better Care Fund", icon=":material/volunteer_activism:", url_path="bcf"),
            st.Page("pages/objectives.py", title="Objective tracker", icon=":material/flag:", url_path="objectives"),
            st.Page("pages/indicator.py", title="Indicator detail", icon=":material/query_stats:",
                    url_path="indicator"),
        ],
        "About": [
            st.Page("pages/data_sources.py", title="Data sources", icon=":material/database:", url_path="data"),
            st.Page("pages/upload.py", title="Upload figures", icon=":material/upload_file:", url_path="upload"),
            st.Page("pages/settings.py", title="Settings", icon=":material/settings:", url_path="settings"),
        ],
    }


@contextlib.contextmanager
def framing() -> Iterator[None]:
    """dashboard.py runs the chosen page inside this."""
    token = _FRAMED.set(True)
    try:
        yield
    finally:
        _FRAMED.reset(token)


def framed() -> None:
    """First line of every page: outside the frame (a fresh server's first, deep-linked run), rerun through it."""
    if not _FRAMED.get():
        st.navigation(pages(), position="hidden")  # resolves the same page: no "page not found"
        st.rerun()
