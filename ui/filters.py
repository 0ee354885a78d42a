"""Global filters, drawn once in dashboard.py.

Streamlit drops query parameters when the user switches page, so each filter lives in
session state and is written back to st.query_params on every run: a copied link
reproduces the view, and switching pages never loses a filter.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from lybl.ics import ics

if TYPE_CHECKING:
    import pandas as pd



def place_filter(options: dict[str, str]) -> str:
    """Sidebar Place selector; returns the chosen area code. ``options``: code -> name."""
    if "place" not in st.session_state:
        default = ics().icb.code  # the whole ICS
        wanted = st.query_params.get("place", default)
        if wanted not in options:
            st.session_state["filter_warning"] = (
                f"Unknown place code '{wanted}' in the link; showing {options[default]}.")
            wanted = default
        st.session_state["place"] = wanted
    st.sidebar.selectbox("Place", list(options), format_func=options.get, key="place",
                         help="Every page shows this Place; pages that compare the Places "
                              "show them all and highlight it.")
    return st.session_state["place"]


def choose_lap(code: str, options: "pd.DataFrame") -> None:
    """Make ``code`` the LAP filter, and its Place the Place filter. Call from a widget callback: callbacks
    run before the sidebar is drawn again."""
    st.session_state["lap"] = code
    st.session_state["place"] = options.set_index("area_code").loc[code, "place_code"]


def place_of_linked_lap(options: "pd.DataFrame") -> None:
    """A link with ?lap= opens on that LAP's Place (whatever ?place= says), before the Place filter is drawn."""
    wanted = st.query_params.get("lap")
    if "place" not in st.session_state and wanted in set(options["area_code"]):
        st.session_state["place"] = options.set_index("area_code").loc[wanted, "place_code"]


def laps_of(options: "pd.DataFrame", place: str) -> "pd.DataFrame":
    """The LAPs of ``place`` (all of them for the ICB)."""
    return options if place not in set(options["place_code"]) else options[options["place_code"] == place]


def lap_filter(options: "pd.DataFrame", place: str) -> str | None:
    """Sidebar LAP selector under the Place: the LAPs of the chosen Place (all of them for the ICB),
    or none. Kept in session state and the link (?lap=CODE) like the Place; returns the LAP or None."""
    if "lap" not in st.session_state:
        wanted = st.query_params.get("lap")
        if wanted and wanted not in set(options["area_code"]):
            st.session_state["filter_warning"] = f"Unknown LAP code '{wanted}' in the link; showing no LAP."
            wanted = None
        st.session_state["lap"] = wanted or ""
    mine = laps_of(options, place)
    labels = {r.area_code: f"{r.area_name} ({r.community}{', provisional wards' if r.is_provisional else ''})"
              for r in mine.itertuples()}
    if st.session_state["lap"] not in labels:
        st.session_state["lap"] = ""
    st.sidebar.selectbox("Local Area Partnership", ["", *labels], key="lap",
                         format_func=lambda code: labels.get(code, "All of the Place"),
                         help="Pages then show this LAP beside its Place and England. Most LAPs' wards are a "
                              f"provisional grouping ({ics().laps}) until the councils publish theirs.")
    lap = st.session_state["lap"] or None
    if lap and mine.set_index("area_code").loc[lap, "is_provisional"]:
        st.sidebar.caption("This LAP's wards are a **provisional** grouping until the council publishes its own "
                           f"({ics().laps}).")
    if lap and st.query_params.get("lap") != lap:
        st.query_params["lap"] = lap
    elif not lap and "lap" in st.query_params:
        del st.query_params["lap"]
    return lap


def keep_in_url(**values: str | list[str] | None) -> None:
    """Write the filters back to the URL (other parameters of the page are kept): a list as repeated
    parameters, None to drop one."""
    for key, value in values.items():
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif isinstance(value, list):
            if st.query_params.get_all(key) != value:
                st.query_params[key] = value
        elif st.query_params.get(key) != value:
            st.query_params[key] = value


def current_place() -> str:
    """The Place chosen in the sidebar (the default before the frame has drawn it)."""
    return st.session_state.get("place", ics().icb.code)


def current_scope() -> str:
    """The area the pages are filtered to: the LAP chosen in the sidebar, else the Place."""
    return st.session_state.get("lap") or current_place()


def lap_chooser(options: "pd.DataFrame", place: str) -> None:
    """A LAP selector on a page that needs one: choosing here sets the sidebar's LAP filter."""
    if options.empty:
        st.info("This ICS has no Local Area Partnerships configured (config/<ICS>.toml, files.laps).")
        return
    labels = {r.area_code: f"{r.area_name} ({r.community})" for r in laps_of(options, place).itertuples()}
    st.selectbox("Local Area Partnership", list(labels), format_func=labels.get, index=None, key="lap_profile",
                 placeholder="Choose a LAP (it becomes the sidebar's LAP filter)",
                 on_change=lambda: choose_lap(st.session_state["lap_profile"], options))
