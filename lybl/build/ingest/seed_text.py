"""Rules for figures as PDF-extracted text prints them (tested in tests/test_seed_text.py).

=====================  ==============  =========================================
printed                value           rule
=====================  ==============  =========================================
``12.2%``              12.2            percent sign dropped (the unit says %)
``2,598``              2598            thousands commas dropped
``£30,189``            30189           currency sign dropped
``42,1%``              42.1            a comma followed by exactly one or two digits
                                       and nothing else is a decimal comma
``35k patient views``  35000           'k' multiplies by 1,000; a note says so;
                                       trailing words are the unit, kept in the note
``-``, ``X``, ``Х``,   (no value)      a dash or a cross is "no figure"
empty
=====================  ==============  =========================================

Trend glyphs (†, ↓, →, +, 1, Х) are never parsed: they are kept as text and the
direction is computed from the values and the indicator's polarity.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

NO_FIGURE = {"", "-", "–", "—", "x", "х", "n/a", "na"}  # 'х' is Cyrillic, as extracted


@dataclass(frozen=True)
class Figure:
    value: float | None
    note: str | None = None


def parse_figure(text: str | None) -> Figure:
    """Parse a printed figure. Raises ValueError (with the reason) if it is not one."""
    raw = "" if text is None else str(text).strip()
    if raw.lower() in NO_FIGURE:
        return Figure(None)
    m = re.fullmatch(r"(£)?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(%|k\b)?\s*(.*)", raw, flags=re.IGNORECASE)
    if not m:
        raise ValueError(f"'{raw}' is not a figure")
    number, suffix, words = m.group(2), (m.group(3) or "").lower(), m.group(4).strip()
    notes = []
    if re.fullmatch(r"\d+,\d{1,2}", number):
        number = number.replace(",", ".")
        notes.append(f"printed '{raw}': decimal comma read as a point")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?", number):
        number = number.replace(",", "")
    else:
        raise ValueError(f"'{raw}': misplaced comma in the number")
    value = float(number)
    if suffix == "k":
        value *= 1000
        notes.append(f"printed '{raw}': rounded to the nearest thousand in the document")
    elif words:
        raise ValueError(f"'{raw}': unexpected words after the number")
    return Figure(value, "; ".join(notes) or None)
