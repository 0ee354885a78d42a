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


#: units whose figure carries its unit as a symbol ('42.1%', '£30,190') or needs no word ('count')
SYMBOLS = {"%", "% of LSOAs", "£", "count", "", None}


def with_unit(value, unit: str | None = None, suppressed: bool = False) -> str:
    """A figure with its unit in words where the unit has no symbol: '2,598.4 per 100,000', '42.1%'."""
    text = figure(value, unit, suppressed)
    if unit in SYMBOLS or text in (SUPPRESSED, NO_DATA) or not isinstance(unit, str):
        return text
    return f"{text} {unit}"


def interval(lower, upper, unit: str | None = None, level: str = "95%") -> str:
    """'95%: 40.2% to 44.0%', or '' where the figure has no interval."""
    if missing(lower) or missing(upper):
        return ""
    return f"{level}: {figure(lower, unit)} to {figure(upper, unit)}"


def plotly_format(unit: str | None, value: float = 1.0) -> str:
    """The same decimals for a chart's hover and axis: a d3-format such as ',.1f' (Plotly's syntax)."""
    return f",.{decimals(unit, value)}f"


def exact(value) -> str:
    """Every digit a file gave, with thousands separators: for checking an upload cell by cell."""
    return NO_DATA if missing(value) else f"{float(value):,.10g}"


def plotly_value(field: str, unit: str | None) -> str:
    """A chart's hover text for a figure, written as ``figure``/``with_unit`` write it: '%{y:,.1f}%',
    '£%{x:,.0f}', '%{y:,.1f} per 100,000'. ``field`` is Plotly's name for it ('x', 'y', 'customdata[1]')."""
    spec = "%{" + field + ":" + plotly_format(unit) + "}"
    if unit == "£":
        return "£" + spec
    if unit in ("%", "% of LSOAs"):
        return spec + "%"
    return spec if unit in SYMBOLS or not isinstance(unit, str) else f"{spec} {unit}"


#: columns of a download that hold a figure in the row's unit (the XLSX shows them as the page does)
FIGURE_COLUMNS = {"value", "lci95", "uci95", "lci998", "uci998", "england_value", "place_value", "lowest", "q25",
                  "median", "q75", "highest", "now_value", "then_value", "target", "plan"}


def excel_format(unit: str | None) -> str:
    """The Excel number format that shows a figure as ``figure`` writes it: '#,##0.0"%"', '"£"#,##0'."""
    places = DECIMALS.get(unit, 1) if unit is not None else 1
    number = "#,##0" + ("." + "0" * places if places else "")
    if unit == "£":
        return '"£"' + number
    if unit in ("%", "% of LSOAs"):
        return number + '"%"'
    return number
