"""LYBL Insight: the frame around every page (navigation, global filters, errors)."""
from __future__ import annotations

import logging

import streamlit as st

from lybl.errors import LyblError
from lybl.ics import ics
from ui import data, palette
from ui.filters import keep_in_url, lap_filter, place_filter, place_of_linked_lap
from ui.frame import framing, pages

st.set_page_config(page_title="LYBL Insight", page_icon=":material/monitoring:", layout="wide")

page = st.navigation(pages(), position="top")  # the sidebar keeps the filters, at the top where they are seen
# Screen-shared at 1280x720: less empty space above the title, a smaller page title.
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:4rem;padding-bottom:1rem}"
        "h1{font-size:2rem!important;padding-top:0!important}</style>")
st.sidebar.markdown(f"**LYBL Insight**  \n{ics().title}")
try:
    places = data.query("place_options").set_index("area_code")["area_name"].to_dict()
    laps = data.query("lap_options")
    place_of_linked_lap(laps)
    place = place_filter(places)
    keep_in_url(place=place)
    lap_filter(laps, place)
    palette.init()
    if warning := st.session_state.pop("filter_warning", None):
        st.warning(warning)
    with framing():
        page.run()
except LyblError as error:  # typed engine errors are shown once, here, in plain words
    st.error(str(error))
except Exception as error:  # anything else: a plain message on the page, the details in the server log
    logging.getLogger("lybl").exception("page failed")
    st.error(f"This page could not be shown ({type(error).__name__}). The details are in the server log; "
             "please report the page's link.")
