"""Status colours: Fingertips' (default) or a colour-blind-safe set, chosen on /settings.

Every status is also written as a word with an arrow or tick, so no reader depends on colour. The
choice lives in session state and, when it is not the default, in the link (?palette=colour-blind).
"""
from __future__ import annotations

import streamlit as st

#: status -> (background, dark text?)
PALETTES = {
    "Fingertips": {"better": ("#92D050", True), "worse": ("#C00000", False), "no change": ("#D9D9D9", True),
                   "similar": ("#FFC000", True), "met": ("#92D050", True), "not met": ("#C00000", False),
                   "higher": ("#BED2FF", True), "lower": ("#5555E6", False), "": ("#EEEEEE", True)},
    # Okabe-Ito: blue for better, orange for worse, distinguishable in every common colour-vision type
    "colour-blind": {"better": ("#0072B2", False), "worse": ("#E69F00", True), "no change": ("#D9D9D9", True),
                     "similar": ("#BBBBBB", True), "met": ("#0072B2", False), "not met": ("#E69F00", True),
                     "higher": ("#CC79A7", True), "lower": ("#56B4E9", True), "": ("#EEEEEE", True)},
}
DEFAULT = "Fingertips"


def init() -> str:
    """Read the palette from the link once, then keep it in session state (and the link if not default)."""
    if "palette" not in st.session_state:
        wanted = st.query_params.get("palette", DEFAULT)
        st.session_state["palette"] = wanted if wanted in PALETTES else DEFAULT
    chosen = st.session_state["palette"]
    if chosen != DEFAULT and st.query_params.get("palette") != chosen:
        st.query_params["palette"] = chosen
    elif chosen == DEFAULT and "palette" in st.query_params:
        del st.query_params["palette"]
    return chosen


def colour(status: str) -> tuple[str, bool]:
    """(background, dark text?) of a status in the chosen palette."""
    palette = PALETTES[st.session_state.get("palette", DEFAULT)]
    return palette.get(status, palette[""])
