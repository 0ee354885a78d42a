"""Board tables on a page: the HTML of lybl.present.html, drawn with st.html."""
from __future__ import annotations

import streamlit as st

from lybl.present.html import big, chip, link, small, table, text

__all__ = ["big", "chip", "link", "render", "small", "text"]


def render(headers: list[tuple[str, str]], rows: list[list[str]]) -> None:
    """headers: (label, css width); rows: cells already escaped or built with the helpers."""
    st.html(table(headers, rows))
