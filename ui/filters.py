"""Global filters, drawn once in dashboard.py.

Streamlit drops query parameters when the user switches page, so each filter lives in
session state and is written back to st.query_params on every run: a copied link
reproduces the view, and switching pages never loses a filter.
"""
from __future__ import annotations

import streamlit as st

DEFAULT_PLACE = "E54000059"


def place_filter(options: dict[str, str]) -> str:
    """Sidebar Place selector; returns the chosen area code. ``options``: code -> name."""
    if "place" not in st.session_state:
        wanted = st.query_params.get("place", DEFAULT_PLACE)
        if wanted not in options:
            st.session_state["filter_warning"] = (
                f"Unknown place code '{wanted}' in the link; showing {options[DEFAULT_PLACE]}.")
            wanted = DEFAULT_PLACE
        st.session_state["place"] = wanted
    st.sidebar.selectbox("Place", list(options), format_func=options.get, key="place",
                         help="Every page shows this Place; pages that compare North and West "
                              "show both and highlight it.")
    return st.session_state["place"]


def keep_in_url(**values: str) -> None:
    """Write the filters back to the URL (other parameters of the page are kept)."""
    for key, value in values.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def current_place() -> str:
    """The Place chosen in the sidebar (the default before the frame has drawn it)."""
    return st.session_state.get("place", DEFAULT_PLACE)
