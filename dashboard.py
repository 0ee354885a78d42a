"""LYBL Insight: the frame around every page (navigation, global filters, errors)."""
from __future__ import annotations

import logging

import streamlit as st

from lybl.errors import LyblError
from ui import data, palette
from ui.filters import keep_in_url, lap_filter, place_filter, place_of_linked_lap

st.set_page_config(page_title="LYBL Insight", page_icon=":material/monitoring:", layout="wide")

PAGES = {
    "Live Your Best Life": [
        st.Page("views/home.py", title="Home", icon=":material/home:", url_path="", default=True),
        st.Page("views/outcomes.py", title="Outcomes framework", icon=":material/account_tree:",
                url_path="outcomes"),
        st.Page("views/scorecard.py", title="Outcome scorecard", icon=":material/scoreboard:",
                url_path="scorecard"),
        st.Page("views/interventions.py", title="Multi-impact interventions", icon=":material/hub:",
                url_path="interventions"),
        st.Page("views/compare.py", title="North vs West", icon=":material/compare_arrows:", url_path="compare"),
        st.Page("views/factsheet.py", title="HWB factsheet", icon=":material/description:", url_path="factsheet"),
        st.Page("views/maps.py", title="Maps", icon=":material/map:", url_path="maps"),
        st.Page("views/lap.py", title="LAP profile", icon=":material/location_city:", url_path="lap"),
        st.Page("views/bcf.py", title="Better Care Fund", icon=":material/volunteer_activism:", url_path="bcf"),
        st.Page("views/objectives.py", title="Objective tracker", icon=":material/flag:", url_path="objectives"),
        st.Page("views/indicator.py", title="Indicator detail", icon=":material/query_stats:",
                url_path="indicator"),
    ],
    "About": [
        st.Page("views/data_sources.py", title="Data sources", icon=":material/database:", url_path="data"),
        st.Page("views/upload.py", title="Upload figures", icon=":material/upload_file:", url_path="upload"),
        st.Page("views/settings.py", title="Settings", icon=":material/settings:", url_path="settings"),
    ],
}

page = st.navigation(PAGES, position="top")  # the sidebar keeps the filters, at the top where they are seen
# Screen-shared at 1280x720: less empty space above the title, a smaller page title.
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:4rem;padding-bottom:1rem}"
        "h1{font-size:2rem!important;padding-top:0!important}</style>")
st.sidebar.markdown("**LYBL Insight**  \nNorthamptonshire outcomes dashboard")
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
    page.run()
except LyblError as error:  # typed engine errors are shown once, here, in plain words
    st.error(str(error))
except Exception as error:  # anything else: a plain message on the page, the details in the server log
    logging.getLogger("lybl").exception("page failed")
    st.error(f"This page could not be shown ({type(error).__name__}). The details are in the server log; "
             "please report the page's link.")
