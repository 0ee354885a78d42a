"""One indicator in plain words: how an area compares with England and where it is heading."""
from __future__ import annotations

import pandas as pd

from lybl.ics import ics
from lybl.present.numbers import with_unit
from lybl.stats.trend import CANNOT, NO_CHANGE, years_to_reach

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


def gap_sentence(area_name: str, series: pd.DataFrame, england_value: float, trend: str | None,
                 unit: str | None) -> str | None:
    """'At its recent rate of change, North Northamptonshire would reach England's 74.2% in about 3.5 years.'

    Only for a series whose recent trend Fingertips' test found significant (else no rate is claimed);
    'not closing' when it moves away from England's latest value; None without a trend or England figure.
    ``series``: the area's rows of queries/indicator_series.sql, oldest first.
    """
    if not isinstance(trend, str) or trend in (CANNOT, NO_CHANGE) or england_value != england_value:
        return None
    shown = series[~series["is_suppressed"].astype(bool)]
    years = years_to_reach(shown["period_end"], shown["value"], england_value)
    target = with_unit(england_value, unit)
    if years is None:
        return (f"{area_name} is not closing the gap with England ({target}): its recent significant change "
                "moves it away.")
    if years == 0:
        return f"{area_name} is at England's value ({target})."
    return (f"At its recent rate of change (a straight line through its last five points), {area_name} would "
            f"reach England's current value, {target}, in about {years:.1f} years (docs/methods.md).")


def in_words(series: pd.DataFrame, assessed: pd.DataFrame, unit: str | None) -> list[tuple[str, str | None]]:
    """(sentence, years-to-close-the-gap sentence or None) for each assessed area, in the page's area order.

    ``series``: queries/indicator_series.sql; ``assessed``: queries/indicator_assessment.sql indexed by
    area_code. Indicator detail writes them, and its chart's text alternative and board-pack slide are
    ``summary`` of them."""
    latest = latest_rows(series).sort_values("area_sort")
    england = latest.loc[latest["area_code"] == ics().england.code, "value"]
    england = float(england.iloc[0]) if len(england) else float("nan")
    out = []
    for row in latest[latest["area_code"].isin(assessed.index)].itertuples():
        a = assessed.loc[row.area_code]
        own = series[series["area_code"] == row.area_code].sort_values("period_end")
        out.append((sentence(row.area_name, a["benchmark"], a["trend"], row.published_comparison),
                    gap_sentence(row.area_name, own, england, a["trend"], unit)))
    return out


def summary(words: list[tuple[str, str | None]]) -> str | None:
    """The first two areas' sentences (with their gap sentences): a chart's text alternative."""
    return " ".join(s for pair in words[:2] for s in pair if s) or None
