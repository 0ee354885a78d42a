"""The one number formatter: every figure on a page is written by ``figure``.

Decimals and unit come from the indicator's unit (``indicator.unit``): percentages and rates to one decimal
place, counts and pounds whole, with thousands separators and never in scientific notation; "suppressed"
for a figure withheld by disclosure control and "no data" where there is none. The document's printed text
("35k patient views", "42,1%") is kept as provenance, not shown as the figure.
"""
from __future__ import annotations

import math

#: decimal places by unit; other units by size (below)
DECIMALS = {"%": 1, "% of LSOAs": 1, "count": 0, "£": 0, "years": 1, "per 100,000": 1, "per 10,000": 1,
            "per 1,000": 1, "index (England 2015 = 100)": 1, "score": 2, "rank of 296 (1 = most deprived)": 0}
SUPPRESSED, NO_DATA = "suppressed", "no data"


def decimals(unit: str | None, value: float) -> int:
    """Decimal places for a figure in ``unit``: the unit's own, else 0 from 1,000, 1 from 1, 2 below."""
    if unit in DECIMALS:
        return DECIMALS[unit]
    size = abs(value)
    return 0 if size >= 1000 else 1 if size >= 1 else 2


def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def figure(value, unit: str | None = None, suppressed: bool = False, places: int | None = None) -> str:
    """A figure as every page writes it: '69.3%', '£30,190', '150,100', '624.3', 'suppressed', 'no data'."""
    if suppressed:
        return SUPPRESSED
    if missing(value):
        return NO_DATA
    value = float(value)
    digits = decimals(unit, value) if places is None else places
    text = f"{abs(value):,.{digits}f}"
    sign = "-" if value < 0 and text.strip("0.,") else ""
    if unit == "£":
        return f"{sign}£{text}"
    if unit in ("%", "% of LSOAs"):
        return f"{sign}{text}%"
    return sign + text
