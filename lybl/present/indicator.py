"""An indicator's figures as the table under its chart: every figure written by lybl.present.numbers."""
from __future__ import annotations

import pandas as pd

from lybl.ics import ics
from lybl.periods import display_period
from lybl.present import numbers


def figures_table(series: pd.DataFrame, unit: str | None) -> pd.DataFrame:
    """queries/indicator_series.sql rows as the page's table: the areas in order, England last, newest first."""
    ordered = series.assign(england=series["area_code"] == ics().england.code).sort_values(
        ["england", "area_sort", "period_end"], ascending=[True, True, False])
    return pd.DataFrame({
        "Area": ordered["area_name"],
        "Period": [display_period(p, e) for p, e in zip(ordered["period_label"], ordered["period_end"])],
        "Value": [numbers.with_unit(v, unit, s) for v, s in zip(ordered["value"], ordered["is_suppressed"])],
        "95% interval": [numbers.interval(lo, up, unit).removeprefix("95%: ")
                         for lo, up in zip(ordered["lci95"], ordered["uci95"])],
        "Count": ["" if c != c else numbers.figure(c, "count") for c in ordered["count"]],
        "Denominator": ["" if d != d else numbers.figure(d, "count") for d in ordered["denominator"]],
        "Compared with England (document)": ordered["published_comparison"].fillna(""),
        "Source": ordered["source_title"].fillna("") + " · " + ordered["source_ref"].fillna(""),
        "Note": ordered["value_note"].fillna(""),
    })
