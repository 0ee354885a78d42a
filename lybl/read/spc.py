"""The Making Data Count summary: every monthly series with its SPC reading, one row each.

Each row: the measure and area, the latest month and value, the target, the variation and assurance keys
(lybl.stats.control_chart) and the sentence (lybl.read.commentary.spc_sentence). The same rows feed the table
on /interventions and the board pack's slide.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from lybl.read.commentary import spc_sentence
from lybl.read.interventions import control_chart

COLUMNS = ["indicator_id", "area_code", "measure", "area", "polarity", "months", "latest_label", "latest", "unit", "target",
           "variation", "assurance", "sentence"]


def key(indicator: str, area: str) -> str:
    """A series' key in links and choosers: 'ae_4hr_performance@E54000059'."""
    return f"{indicator}@{area}"


def keys(rows: pd.DataFrame) -> list[str]:
    """The key of each row of ``summary``."""
    return [key(i, a) for i, a in zip(rows["indicator_id"], rows["area_code"])]


def chosen(rows: pd.DataFrame, wanted: str | None) -> dict:
    """The ``summary`` row whose key is ``wanted`` (else the first), as a dict; a missing target is None."""
    found = keys(rows)
    row = rows.iloc[found.index(wanted) if wanted in found else 0].to_dict()
    return row | {"target": None if pd.isna(row["target"]) else float(row["target"])}


def targets_of(measures: pd.DataFrame) -> dict[str, float]:
    """Each indicator's target as the intervention scorecards print it (lybl.read.interventions.measures)."""
    known = measures.dropna(subset=["indicator_id", "target"])
    return known.drop_duplicates("indicator_id").set_index("indicator_id")["target"].astype(float).to_dict()


def summary(series: pd.DataFrame, monthly: Callable[[str, str], pd.DataFrame], targets: dict[str, float]) -> pd.DataFrame:
    """One row per series of queries/spc_series.sql; ``monthly(indicator, area)`` gives its monthly_series rows."""
    rows = []
    for s in series.itertuples():
        target = targets.get(s.indicator_id)
        points = control_chart(monthly(s.indicator_id, s.area_code), s.polarity, target)
        shown = points.dropna(subset=["value"])
        last = shown.iloc[-1] if len(shown) else None
        rows.append({
            "indicator_id": s.indicator_id, "area_code": s.area_code, "measure": s.indicator_name,
            "area": s.area_name, "polarity": s.polarity, "months": len(points),
            "latest_label": None if last is None else last["period_label"],
            "latest": None if last is None else float(last["value"]), "unit": s.unit, "target": target,
            "variation": points.attrs.get("variation"), "assurance": points.attrs.get("assurance"),
            "sentence": spc_sentence(s.indicator_name, points, target, s.unit, s.polarity, s.area_name)})
    return pd.DataFrame(rows, columns=COLUMNS)
