"""Multi-impact intervention scorecards: each measure against its target, and SPC where a series allows."""
from __future__ import annotations

import numpy as np
import pandas as pd

from lybl.periods import display_period
from lybl.scorecard import ARROWS, as_printed, change
from lybl.stats.benchmarking import against_target
from lybl.stats.control_chart import spc

IMPROVEMENT = {"high_is_good": "increase", "low_is_good": "decrease"}
MIN_POINTS = 15


def measures(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per measure (queries/intervention_measures.sql): now, change, target and whether it is met.

    Columns added: now, change, judgement, target_status ('met' / 'not met' / '' with no target or
    no figure), gap.
    """
    cur = rows[rows["recency"].fillna(1) == 1].set_index("measure_id")
    prev = rows[rows["recency"] == 2].set_index("measure_id")[["value", "period_label", "period_end", "value_text"]]
    m = cur.join(prev, suffixes=("", "_prev"))
    m["period_label"] = [display_period(p, e) for p, e in zip(m["period_label"], m["period_end"])]
    m["period_label_prev"] = [display_period(p, e) for p, e in zip(m["period_label_prev"], m["period_end_prev"])]
    direction, judgement = change(m["value"], m["value_prev"], m["polarity"].fillna("no_judgement").to_numpy())
    m["now"] = [f"{as_printed(t, v, u)} ({p})" if not pd.isna(v) else ""
                for t, v, u, p in zip(m["value_text"], m["value"], m["unit"], m["period_label"])]
    m["change"] = [f"{ARROWS[d]} {j or ('no change' if d == 'same' else d)}" if d else "" for d, j in
                   zip(direction, judgement)]
    m["was"] = [f"was {as_printed(t, v, u)} ({p})" if not pd.isna(v) else ""
                for t, v, u, p in zip(m["value_text_prev"], m["value_prev"], m["unit"], m["period_label_prev"])]
    m["judgement"] = judgement
    pol = m["polarity"].fillna("no_judgement").to_numpy()
    status, gap = against_target(m["value"].to_numpy(float), m["target"].to_numpy(float), pol)
    known = ~np.char.startswith(np.asarray(status, dtype=str), "not compared")
    m["target_status"] = np.where(known, status, "")
    m["gap"] = np.where(known, gap, np.nan)
    return m.reset_index()


def headline(m: pd.DataFrame) -> str:
    """'1 of 3 measures with a target meeting it' for one intervention's measures."""
    with_target = m["target"].notna()
    if not with_target.any():
        return "no measure has a target in the scorecard"
    met = (m["target_status"] == "met").sum()
    return f"{met} of {with_target.sum()} measure{'s' if with_target.sum() > 1 else ''} with a target meeting it"


def control_chart(series: pd.DataFrame, polarity: str, target: float | None) -> pd.DataFrame:
    """SPC of a monthly series (queries/monthly_series.sql), limits restarting at its break points.

    A break at the first point is no break. With fewer than 15 points in a phase that phase has no
    limits; the frame's attrs carry the icons and the note.
    """
    recalc = [i for i in np.flatnonzero(series["recalculate"].to_numpy(bool)) if i > 0]
    points = spc(series["value"].to_numpy(float), IMPROVEMENT.get(polarity), target, recalc=recalc,
                 min_points=MIN_POINTS)
    out = pd.concat([series[["period_label", "period_end", "break_note"]].reset_index(drop=True), points], axis=1)
    out.attrs = points.attrs
    return out
