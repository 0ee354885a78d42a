"""Board tables as plain HTML that wraps long names and fits a 1280x720 screen share.

st.dataframe scrolls sideways once a scorecard has more than a few columns; these tables wrap instead,
and every coloured status also carries its word and arrow (never colour alone). Pure strings: the page
draws them with ui.tables.render.
"""
from __future__ import annotations

from html import escape

from lybl.present.colours import BLUE, BORDER, PALE, SECONDARY, TEXT, WHITE

STYLE = f"""
<style>
.lybl-table{{border-collapse:collapse;width:100%;table-layout:fixed;font-size:0.92rem;line-height:1.25}}
.lybl-table th{{text-align:left;font-weight:600;border-bottom:2px solid {BORDER};padding:4px 6px;vertical-align:bottom}}
.lybl-table td{{border-bottom:1px solid {PALE};padding:4px 6px;vertical-align:top}}
.lybl-table .small{{color:{SECONDARY};font-size:0.8rem}}
.lybl-chip{{display:inline-block;border-radius:3px;padding:0 5px;font-weight:600;max-width:100%;overflow-wrap:anywhere}}
.lybl-table a{{color:{BLUE};text-decoration:none}}
.lybl-big{{font-size:1.05rem;font-weight:600;overflow-wrap:anywhere}}
.lybl-table td{{overflow-wrap:anywhere}}
</style>
"""


def chip(text: str, background: str, dark_text: bool = True) -> str:
    colour = TEXT if dark_text else WHITE
    return f'<span class="lybl-chip" style="background:{background};color:{colour}">{escape(text)}</span>'


def small(text: str) -> str:
    return f'<div class="small">{escape(text)}</div>' if text else ""


def big(text: str) -> str:
    return f'<span class="lybl-big">{escape(text)}</span>'


def link(label: str, href: str) -> str:
    return f'<a href="{escape(href, quote=True)}" target="_self">{escape(label)}</a>'


def text(value: str) -> str:
    return escape(value or "")


def table(headers: list[tuple[str, str]], rows: list[list[str]]) -> str:
    """headers: (label, css width); rows: cells already escaped or built with the helpers above."""
    head = "".join(f'<th style="width:{w}">{escape(h)}</th>' for h, w in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'{STYLE}<table class="lybl-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
