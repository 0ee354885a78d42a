"""Status colours: Fingertips' (default) or a colour-blind-safe set, chosen on /settings.

Every status is also written as a word with an arrow or tick, so no reader depends on colour. The
choice lives in session state and, when it is not the default, in the link (?palette=colour-blind).
"""
from __future__ import annotations

import streamlit as st

from lybl.present import colours
from ui.filters import keep_in_url

PALETTES = colours.STATUS  # the choices on /settings (lybl.present.colours)
DEFAULT = colours.DEFAULT_PALETTE


def init() -> str:
    """Read the palette from the link once, then keep it in session state (and the link if not default)."""
    if "palette" not in st.session_state:
        wanted = st.query_params.get("palette", DEFAULT)
        st.session_state["palette"] = wanted if wanted in PALETTES else DEFAULT
    chosen = st.session_state["palette"]
    keep_in_url(palette=chosen if chosen != DEFAULT else None)  # the default needs no parameter
    return chosen


def current() -> str:
    """The chosen palette's name (a cache key for anything coloured by status)."""
    return st.session_state.get("palette", DEFAULT)


def colour(status: str) -> tuple[str, bool]:
    """(background, dark text?) of a status in the chosen palette."""
    return colours.status(status, st.session_state.get("palette", DEFAULT))


def status_colours() -> dict[str, str]:
    """Each status's background in the chosen palette (for charts that colour by status)."""
    return {s: colour(s)[0] for s in ("better", "similar", "worse", "higher", "lower", "")}
