"""Commentary: one plain-English sentence per scorecard row, SPC chart and comparison, from its figures.

The same sentence is the figure's text alternative on the page (under the chart) and the slide's summary in a
board pack. Each sentence says only what a statistic tested or what the figures plainly are:

* a scorecard row: the latest figure, the one before, and whether the move is better or worse given which way
  is good (lybl.read.scorecard.change); it claims no significance, since none was tested;
* an SPC chart: the latest point, where it lies against the target, the Making Data Count variation of the
  last point and the assurance of the target against the process limits (lybl.stats.control_chart); the
  "will / will not be met" words are MDC's own reading of the assurance icon, said only when limits exist;
* a comparison with England: Fingertips' interval test (lybl.read.indicator.sentence), or the document's
  own words when the figure has no interval.
"""
from __future__ import annotations

import pandas as pd

from lybl.present.numbers import with_unit

#: what the last point's variation says, in words (keys: lybl.stats.control_chart.VARIATION_LABELS)
VARIATION = {
    "common_cause": "the variation is common cause",
    "improvement_high": "the latest point shows special-cause improvement (high)",
    "improvement_low": "the latest point shows special-cause improvement (low)",
    "concern_high": "the latest point shows special-cause concern (high)",
    "concern_low": "the latest point shows special-cause concern (low)",
    "neither_high": "the latest point shows special-cause variation (high)",
    "neither_low": "the latest point shows special-cause variation (low)",
}
#: Making Data Count's reading of each assurance icon
ASSURANCE = {
    "consistently_pass": "the target will be met consistently if nothing changes",
    "consistently_fail": "the target will not be met without change",
    "hit_and_miss": "the target will be met and missed at random (hit and miss)",
}


def _lower_first(name: str) -> str:
    """'Smoking at time of delivery' -> 'smoking at time of delivery'; 'A&E 4-hour' and 'IMD' are kept."""
    return name[:1].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def _against(value: float, target: float | None, unit: str | None, word: str = "target") -> str:
    if target is None or target != target:
        return ""
    shown = with_unit(target, unit)
    if value == target:
        return f", at the {shown} {word}"
    side = "above" if value > target else "below"
    return f", {side} the {shown} {word}"


def spc_sentence(measure: str, points: pd.DataFrame, target: float | None, unit: str | None,
                 polarity: str | None = None, area: str | None = None, word: str = "target") -> str:
    """'A&E 4-hour performance was 71.0% in July 2025, below the 76.0% target; the variation is common cause,
    so the target will not be met without change.'

    ``points``: lybl.read.interventions.control_chart output (period_label, value; attrs variation and
    assurance). With no limits (fewer than 15 points) it says so instead of reading any icon. Making Data Count
    reads the assurance icon only for a stable process: after a special cause it says the limits may no longer
    describe the process instead. ``word``: what the target is called ('target', 'plan').
    """
    shown = points.dropna(subset=["value"])
    if shown.empty:
        return f"{measure}{' for ' + area if area else ''} has no figures yet."
    last = shown.iloc[-1]
    who = f"{measure}{' in ' + area if area else ''}"
    head = f"{who} was {with_unit(last['value'], unit)} in {last['period_label']}" + _against(
        float(last["value"]), target, unit, word)
    variation, assurance = points.attrs.get("variation"), points.attrs.get("assurance")
    if variation not in VARIATION:
        return head + "; there are too few points for statistical process control to read the variation."
    words = VARIATION[variation]
    if variation != "common_cause":
        return (f"{head}; {words}, so the process may have changed and its limits may no longer describe it "
                "(the chart can be rebased at the change).")
    if assurance in ASSURANCE:
        return f"{head}; {words}, so {ASSURANCE[assurance].replace('target', word)}."
    return f"{head}; {words}."


def scorecard_sentence(metric: str, area: str, value: float, unit: str | None, period: str,
                       previous: float | None, previous_period: str | None, direction: str, judgement: str) -> str:
    """'Smoking at time of delivery in North Northamptonshire was 12.2% in 2022/23, down from 13.0% in 2021/22:
    better.' ``direction`` and ``judgement`` come from lybl.read.scorecard.change."""
    if value != value:
        return f"{metric} has no figure for {area} yet."
    head = f"{metric} in {area} was {with_unit(value, unit)} in {period}"
    if not direction or previous is None or previous != previous:
        return head + "; there is no earlier figure to compare with."
    was = f"{with_unit(previous, unit)} in {previous_period}"
    if direction == "same":
        return f"{head}, the same as {was}."
    moved = "up" if direction == "up" else "down"
    verdict = f": {judgement}" if judgement in ("better", "worse") else " (no direction is marked as good)"
    return f"{head}, {moved} from {was}{verdict}."


def tested(row) -> str | None:
    """A lybl.read.compare.statuses row's status where Fingertips' interval test made it, else None (a status
    read from the document's words is quoted, never called significant)."""
    return row.status if str(row.basis).startswith("95% interval") else None


def places_sentences(rows: pd.DataFrame) -> str:
    """One indicator's rows of lybl.read.compare.statuses in words: each Place against England, then the
    first two Places against each other (North vs West and its board-pack slide)."""
    from lybl.ics import ics
    from lybl.read.compare import places_sentence
    said = [comparison_sentence(ics().short(r.area_code, r.area_name), r.indicator_name, r.value, r.unit,
                                r.period_label, tested(r), r.published_comparison)
            for r in rows.itertuples() if r.area_code in ics().place_codes]
    return " ".join(said + [places_sentence(rows)])


def comparison_sentence(area: str, indicator: str, value: float, unit: str | None, period: str,
                        benchmark: str | None, published: str | None = None) -> str:
    """"North Northamptonshire's smoking at time of delivery, 12.2% (2022/23), is significantly worse than
    England." from Fingertips' comparison; the document's own words where there is no interval."""
    from lybl.read.indicator import BENCHMARK_WORDS
    if value != value:
        return f"{area} has no figure for {_lower_first(indicator)} yet."
    figure = f"{area}'s {_lower_first(indicator)}, {with_unit(value, unit)} ({period}),"
    if isinstance(benchmark, str) and benchmark in BENCHMARK_WORDS:
        return f"{figure} is {BENCHMARK_WORDS[benchmark]}."
    if isinstance(published, str) and published.strip():
        return f"{figure} is, in the document's words, “{published.strip()}”."
    return f"{figure} is not compared with England."


#: a status in a count of several (tested where there was an interval, else the document's words): no
#: "significantly", since not every one was tested
STATUS_WORDS = {"better": "better than England", "worse": "worse than England", "similar": "similar to England",
                "higher": "higher than England", "lower": "lower than England",
                "not compared": "not compared with England"}


def spine_sentence(area: str, statuses: pd.Series) -> str:
    """'Of 18 indicators, North Northamptonshire is significantly worse than England on 3, similar to England on
    12, ...' from lybl.read.compare.statuses."""
    if statuses.empty:
        return f"{area} has no figure for these indicators."
    statuses = statuses.fillna("not compared").astype(str)
    counts = statuses.where(~statuses.str.startswith("not compared"), "not compared").value_counts()
    return (f"Of {len(statuses)} indicators, {area} is " + ", ".join(
        f"{STATUS_WORDS.get(k, k)} on {n}" for k, n in counts.items()) +
        " (Fingertips' 95% interval test where the figure has an interval, else the document's words).")


#: what a map's colouring compares each area with (None: fifths of the values, no test)
MAP_AGAINST = {"place": "its Place", "england": "England", "quintile": None}


def map_sentence(level: str, statuses: pd.Series, against: str | None) -> str:
    """'Of 17 LAPs, 7 worse than its Place, 3 similar ...' (each area's 95% interval against ``against``; with
    ``against`` None the statuses are fifths of the values, which test nothing)."""
    counts = statuses[statuses.astype(bool)].value_counts()
    if against is None:
        return (f"The {len(statuses)} {level}s in fifths of their values (a ranking, not a test): "
                + ", ".join(f"{n} {k}" for k, n in counts.sort_index().items()) + ".")
    if counts.empty:
        return f"No {level} is compared: the figures have no intervals or are suppressed."
    return (f"Of {len(statuses)} {level}s, " + ", ".join(f"{n} {k}" for k, n in counts.items())
            + f" (each area's 95% interval against {against}).")
