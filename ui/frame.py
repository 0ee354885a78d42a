"""The frame around every page (navigation, Place and LAP filters, errors in plain words), and why every
page in pages/ starts with ``framed()``.

Streamlit 1.67 treats a folder named ``pages/`` beside the entry script as an old-style multipage app until
``st.navigation`` has run once in the server process. So the very first visit to a fresh server, if it is a
deep link (``/compare?place=...``), runs ``pages/compare.py`` on its own: no navigation, no Place or LAP filter.
Every later run goes through ``dashboard.py``, whose ``st.navigation`` switches that mode off for the process.

``run`` marks the page runs it frames. A page run without the mark (that first visit; and every AppTest run,
since AppTest looks for pages/ afresh each time) calls ``run`` itself: its ``st.navigation`` switches the old
mode off, as Streamlit documents, resolves the same page and draws it inside the frame, in the same script
run, so the link's query string and any button press are kept; then the unframed run stops. The browser test
test_a_deep_link_is_the_first_visit_to_a_fresh_server proves the first case.
"""
from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterator

import streamlit as st

from lybl.errors import LyblError
from lybl.ics import ics
from lybl.present import colours
from ui import data, palette, present
from ui.filters import keep_in_url, lap_filter, place_filter, place_of_linked_lap

_FRAMED = contextvars.ContextVar("lybl_framed", default=False)


def pages() -> dict[str, list]:
    """The navigation: every page of the dashboard, its title, icon and link."""
    return {
        ics().strategy or "Outcomes": [
            st.Page("pages/home.py", title="Home", icon=":material/home:", url_path="", default=True),
            st.Page("pages/outcomes.py", title="Outcomes framework", icon=":material/account_tree:",
                    url_path="outcomes"),
            st.Page("pages/scorecard.py", title="Outcome scorecard", icon=":material/scoreboard:",
                    url_path="scorecard"),
            st.Page("pages/interventions.py", title="Multi-impact interventions", icon=":material/hub:",
                    url_path="interventions"),
            st.Page("pages/compare.py", title=" vs ".join(p.short for p in ics().places[:2]),
                    icon=":material/compare_arrows:", url_path="compare"),
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
            st.Page("pages/pack.py", title="Board pack", icon=":material/slideshow:", url_path="pack"),
            st.Page("pages/settings.py", title="Settings", icon=":material/settings:", url_path="settings"),
        ],
    }


@contextlib.contextmanager
def framing() -> Iterator[None]:
    """run() draws the chosen page inside this."""
    token = _FRAMED.set(True)
    try:
        yield
    finally:
        _FRAMED.reset(token)


def run() -> None:
    """The frame: page setup, navigation, the sidebar's filters, then the chosen page inside them."""
    st.set_page_config(page_title="LYBL Insight", page_icon=":material/monitoring:", layout="wide")

    table = pages()
    page = st.navigation(table, position="hidden" if present.presenting() else "top")  # filters: in the sidebar
    # Screen-shared at 1280x720: less empty space above the title, a smaller page title.
    # Captions in NHS secondary text colour: 6.4:1 on white (Streamlit's faded grey is 4:1, under WCAG AA).
    st.html(f"<style>[data-testid='stCaptionContainer']{{color:{colours.SECONDARY};opacity:1}}"
            "[data-testid='stMainBlockContainer']{padding-top:4rem;padding-bottom:1rem}"
            "h1{font-size:2rem!important;padding-top:0!important}</style>")
    st.sidebar.markdown(f"**LYBL Insight**  \n{ics().title}")
    try:
        info = data.query("build_info").set_index("key")["value"]
        built_for = info.get("ics", ics().key)
        if built_for != ics().key:
            raise LyblError(f"The database was built for {built_for}, not {ics().key} (LYBL_ICS): rebuild it with "
                            f"LYBL_ICS={ics().key} make db, or give each ICS its own LYBL_DB.")
        if synthetic := info.get("synthetic"):  # python -m lybl synth: said on every page, above everything
            st.warning(f"**Synthetic data.** This database has {synthetic}. Those figures are made up, to measure "
                       "speed at England scale; they are not compared with England, so maps show them grey.",
                       icon=":material/science:")
        places = data.query("place_options").set_index("area_code")["area_name"].to_dict()
        laps = data.query("lap_options")
        present.from_the_link()
        place_of_linked_lap(laps)
        place = place_filter(places)
        keep_in_url(place=place)
        lap_filter(laps, place)
        palette.init()
        if warning := st.session_state.pop("filter_warning", None):
            st.warning(warning)
        if present.presenting():
            present.controls(present.page_files(table))  # the table built above, not a second one
        else:
            present.add_button(page)
        with framing():
            page.run()
    except LyblError as error:  # typed engine errors are shown once, here, in plain words
        st.error(str(error))
    except Exception as error:  # anything else: a plain message on the page, the details in the server log
        logging.getLogger("lybl").exception("page failed")
        st.error(f"This page could not be shown ({type(error).__name__}). The details are in the server log; "
                 "please report the page's link.")


def framed() -> None:
    """First line of every page: outside the frame, draw the frame (and this page inside it), then stop."""
    if not _FRAMED.get():
        run()
        st.stop()
