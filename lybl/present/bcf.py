"""Better Care Fund metrics as a board table: actual against plan, and the minutes' own words."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from lybl.present import numbers
from lybl.present.html import big, chip, link, small, text
from lybl.present.interventions import gap_words
from lybl.stats.benchmarking import against_target

STATUS = {"met": "✔ met plan", "not met": "✘ plan not met"}
HEADERS = [("Metric", "26%"), ("Actual", "14%"), ("Plan", "9%"), ("Against plan", "13%"), ("The minutes' words", "38%")]


def metric_rows(rows: pd.DataFrame, colour: Callable[[str], tuple[str, bool]], place: str) -> list[list[str]]:
    """queries/bcf_metrics.sql rows as table rows, one per metric; a plan is met at or beyond it the good way."""
    out = []
    for _, g in rows.groupby("metric_id", sort=False):
        first = g.iloc[0]
        name = text(first["name"][0].upper() + first["name"][1:]) + small(
            f"good is {first['good_is'].lower()} · {first['indicator_name']}")
        figures, status = [], ""
        for r in g.itertuples():
            if r.value != r.value:  # no figure printed
                continue
            category = isinstance(r.category, str) and r.category
            figures.append(big(numbers.with_unit(r.value, r.unit)) + small(r.category.lower() if category
                                                                             else r.period_label))
            if r.plan == r.plan and not category:
                result, gap = against_target(r.value, r.plan, r.polarity)
                status = chip(STATUS[result], *colour(result)) + small(gap_words(gap, r.unit, "plan"))
        plan = text(numbers.with_unit(first["plan"], first["unit"])) if first["plan"] == first["plan"] \
            else small("none printed")
        if figures:
            name += link("Detail →", f"/indicator?indicator={first['indicator_id']}&place={place}")
        out.append([name, "<br>".join(figures) or small("no figure printed"), plan, status,
                    small(f"“{first['words']}”")])
    return out
