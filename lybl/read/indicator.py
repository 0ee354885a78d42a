"""One indicator in plain words: how an area compares with England and where it is heading."""
from __future__ import annotations

import pandas as pd

from lybl.ics import ics
from lybl.stats.trend import CANNOT, NO_CHANGE

BENCHMARK_WORDS = {
    "better": "significantly better than England",
    "worse": "significantly worse than England",
    "similar": "similar to England",
    "higher": "significantly higher than England",
    "lower": "significantly lower than England",
}


def sentence(area_name: str, benchmark: str | None, trend: str | None, published_comparison: str | None) -> str:
    """'North Northamptonshire is significantly worse than England and getting better.'

    The comparison is computed (Fingertips' method) where the figure has an interval; otherwise the
    document's own words are quoted; otherwise it says there is no comparison. The trend is
    Fingertips' recent trend where it can be calculated.
    """
    if isinstance(benchmark, str) and benchmark in BENCHMARK_WORDS:
        compared = f"is {BENCHMARK_WORDS[benchmark]}"
    elif isinstance(published_comparison, str) and published_comparison.strip():
        compared = f"is, in the document's words, “{published_comparison.strip()}”"
    else:
        compared = "has no comparison with England"
    if not isinstance(trend, str) or trend == CANNOT:
        heading = "has no recent trend yet (Fingertips' test needs five points)"
    elif trend == NO_CHANGE:
        heading = "shows no significant change recently"
    elif " and getting " in trend:
        heading = "is " + trend.split(" and ", 1)[1]  # 'getting better' / 'getting worse'
        heading += f" ({trend.split(' and ', 1)[0].lower()})"
    else:
        heading = f"is {trend.lower()}"
    return f"{area_name} {compared} and {heading}."


def latest_rows(series: pd.DataFrame) -> pd.DataFrame:
    """The latest figure of each area in a series frame (queries/indicator_series.sql)."""
    return series.sort_values("period_end").groupby("area_code", sort=False).tail(1)


def coverage_note(latest: pd.DataFrame, place: str) -> str | None:
    """Why the chosen Place has no line of its own: no figure at all yet, or a figure for the ICB only."""
    icb = ics().icb
    if latest[latest["area_code"] != ics().england.code].empty:
        return f"**No figure for this Place or for {icb.short} yet.**"
    if place != icb.code and place not in set(latest["area_code"]):
        return f"Reported for {icb.short} as a whole, not for this Place: the ICB's figure is shown."
    return None
