"""Making Data Count's variation and assurance icons, drawn as small SVGs (after NHS England's icon set).

Variation: a circle in the point colour of lybl.present.colours.SPC (grey common cause, blue improvement,
orange concern, purple neither), a letter H or L for a high or low special cause, and a row of dots that
shows the pattern. Assurance: P (consistently passes, blue), F (consistently fails, orange), ? (hit and miss,
grey) across a dashed target line. Each SVG has a <title>, so a screen reader and a tooltip say what it means.
"""
from __future__ import annotations

import base64
from html import escape

from lybl.present.colours import SPC, TEXT, WHITE
from lybl.stats.control_chart import ASSURANCE_LABELS, VARIATION_LABELS

SIZE = 40
_DOTS = {"flat": [(10, 22), (15, 20), (20, 23), (25, 21), (30, 22)],
         "high": [(10, 30), (15, 30), (20, 29), (25, 23), (30, 20)],
         "low": [(10, 20), (15, 20), (20, 21), (25, 27), (30, 30)]}
ASSURANCE_COLOURS = {"consistently_pass": SPC["improvement"], "consistently_fail": SPC["concern"],
                     "hit_and_miss": SPC["common_cause"]}
ASSURANCE_LETTERS = {"consistently_pass": "P", "consistently_fail": "F", "hit_and_miss": "?"}


def _svg(title: str, colour: str, body: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 40 40" '
            f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
            f'<circle cx="20" cy="20" r="17" fill="{WHITE}" stroke="{colour}" stroke-width="3"/>{body}</svg>')


def variation_icon(key: str | None) -> str:
    """The variation icon of a VARIATION_LABELS key ('' with no limits)."""
    if key not in VARIATION_LABELS:
        return ""
    kind, _, side = ("common_cause", "", "") if key == "common_cause" else key.partition("_")
    colour = SPC[kind]
    dots = "".join(f'<circle cx="{x}" cy="{y}" r="2.4" fill="{colour if i >= 3 and side else SPC["common_cause"]}"/>'
                   for i, (x, y) in enumerate(_DOTS[side or "flat"]))
    letter = (f'<text x="20" y="15" font-family="Arial" font-size="10" font-weight="bold" text-anchor="middle" '
              f'fill="{TEXT}">{"H" if side == "high" else "L"}</text>') if side else ""
    return _svg(VARIATION_LABELS[key], colour, dots + letter)


def assurance_icon(key: str | None) -> str:
    """The assurance icon of an ASSURANCE_LABELS key ('' with no target or no limits)."""
    if key not in ASSURANCE_LABELS:
        return ""
    colour = ASSURANCE_COLOURS[key]
    body = (f'<line x1="6" y1="27" x2="34" y2="27" stroke="{colour}" stroke-width="2" stroke-dasharray="3 2"/>'
            f'<text x="20" y="24" font-family="Arial" font-size="16" font-weight="bold" text-anchor="middle" '
            f'fill="{TEXT}">{ASSURANCE_LETTERS[key]}</text>')
    return _svg(ASSURANCE_LABELS[key], colour, body)


def data_uri(svg: str) -> str | None:
    """An SVG as a data: URI (for a table's image column); None for no icon."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode() if svg else None
