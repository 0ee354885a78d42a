"""The scorecards as board tables: one row per metric, each area's figure with its change badge."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from lybl.ics import ics
from lybl.present.html import big, chip, link, small, text

GOOD = {"High": "high is good", "Low": "low is good"}


def outcome_table(table: pd.DataFrame, areas: list[str], colour: Callable[[str], tuple[str, bool]],
                  place: str) -> tuple[list[tuple[str, str]], list[list[str]]]:
    """(headers, rows) of the LYBL outcome scorecard from lybl.read.scorecard.wide rows."""
    headers = [("Metric and responsible programme", "34%")]
    headers += [(ics().short(a), f"{58 // max(len(areas), 1)}%") for a in areas] + [("", "6%")]
    rows = []
    for r in table.to_dict("records"):
        first = text(r["metric"]) + small(f"{r['owner']} · {GOOD.get(r['good_is'], 'which way is good: not stated')}")
        if not any(r[f"{a}|now"] for a in areas):
            first += small("no data yet")
        cells = [first]
        for a in areas:
            if not r[f"{a}|now"]:
                cells.append(small("—"))
                continue
            badge = chip(r[f"{a}|badge"], *colour(r[f"{a}|judgement"])) if r[f"{a}|badge"] else ""
            cells.append(big(r[f"{a}|now"]) + " " + badge + small(r[f"{a}|was"]))
        cells.append(link("Detail →", f"/indicator?indicator={r['indicator_id']}&place={place}")
                     if isinstance(r["indicator_id"], str) else "")
        rows.append(cells)
    return headers, rows
