"""The multi-impact intervention scorecards as board tables, and the target gap in words."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from lybl.present import numbers
from lybl.present.html import big, chip, link, small, text

STATUS = {"met": "✔ met", "not met": "✘ not met"}
HEADERS = [("Measure", "38%"), ("Latest", "20%"), ("Change", "12%"), ("Target", "8%"), ("Against target", "12%"),
           ("SPC", "10%")]


def spc_view(row: dict, monthly: pd.DataFrame, notes: pd.DataFrame, rebase: str | None = None):
    """(points, figure, sentence) of one series of lybl.read.spc.summary (``row``, from ``chosen``): its control
    chart rebased at ``rebase`` ('YYYY-MM'), its events and trajectory (lybl.notes) drawn, and its sentence.
    The page /interventions and its board-pack slide both draw it here."""
    from lybl.present.charts import spc_chart
    from lybl.read.commentary import spc_sentence
    from lybl.read.interventions import control_chart
    points = control_chart(monthly, row["polarity"], row["target"], rebase=f"{rebase}-01" if rebase else None)
    events, trajectory = notes[notes["kind"] == "event"], notes[notes["kind"] == "trajectory"]
    figure = spc_chart(points, f"{row['area']}: {row['measure']}, monthly", row["target"], row["unit"], events,
                       trajectory.astype({"value": float}))
    return points, figure, spc_sentence(row["measure"], points, row["target"], row["unit"], row["polarity"],
                                        row["area"])


def gap_words(gap: float, unit: str | None, against: str = "the target") -> str:
    """'+2.5 percentage points against the target', '-120 against plan'."""
    points = unit == "%"
    shown = numbers.figure(gap, None if points else unit, places=1 if points else None)
    return f"{'+' if gap > 0 else ''}{shown}{' percentage points' if points else ''} against {against}"


def measure_rows(measures: pd.DataFrame, spc_points: Callable[[dict], int], min_points: int,
                 colour: Callable[[str], tuple[str, bool]], place: str) -> list[list[str]]:
    """One intervention's measures (lybl.read.interventions.measures rows) as table rows; ``spc_points``
    gives the number of monthly points a measure has for SPC."""
    out = []
    for r in measures.to_dict("records"):
        good = r["good_is"] if isinstance(r["good_is"], str) else ""
        first = text(r["measure"]) + small(f"good is {good.lower()}" if good in ("High", "Low") else "")
        if not r["now"]:
            out.append([first, small("no data yet"), "", "", "", ""])
            continue
        badge = chip(r["change"], *colour(r["judgement"])) if r["change"] else ""
        target = (text(numbers.with_unit(r["target"], r["unit"])) if r["target"] == r["target"]
                  else small("none printed"))
        status = ""
        if r["target_status"]:
            status = (chip(STATUS[r["target_status"]], *colour(r["target_status"]))
                      + small(gap_words(r["gap"], r["unit"])))
        n = spc_points(r)
        spc_text = "SPC chart below" if n >= min_points else f"too few points for SPC ({n})"
        detail = link("Detail →", f"/indicator?indicator={r['indicator_id']}&place={place}")
        out.append([first, big(r["now"]) + small(r["was"]), badge, target, status, small(spc_text) + detail])
    return out
