"""Multi-impact intervention scorecards: each measure against its target, and SPC where a series allows."""
from __future__ import annotations

import numpy as np
import pandas as pd

from lybl.read.scorecard import pair
from lybl.stats.benchmarking import against_target
from lybl.stats.control_chart import spc

IMPROVEMENT = {"high_is_good": "increase", "low_is_good": "decrease"}
MIN_POINTS = 15


def measures(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per measure (queries/intervention_measures.sql): now, change, target and whether it is met.

    Columns added: now, change, judgement, target_status ('met' / 'not met' / '' with no target or
    no figure), gap.
    """
    m = pair(rows[rows["recency"].fillna(1) == 1].set_index("measure_id"),
             rows[rows["recency"] == 2].set_index("measure_id"))
    m["change"] = m["badge"]  # the intervention tables show the arrow and word only
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


def control_chart(series: pd.DataFrame, polarity: str, target: float | None, rebase=None) -> pd.DataFrame:
    """SPC of a monthly series (queries/monthly_series.sql), limits restarting at its break points.

    ``rebase``: a date the user chose; the limits also restart at the first month ending on or after it
    (Making Data Count's "rebasing" after a known change). A break at the first point is no break. With
    fewer than 15 points in a phase that phase has no limits; the frame's attrs carry the icons and the note.
    """
    restart = series["recalculate"].to_numpy(bool).copy()
    if rebase is not None and len(series):
        after = np.flatnonzero(pd.to_datetime(series["period_end"]).to_numpy() >= np.datetime64(pd.Timestamp(rebase)))
        if len(after):
            restart[after[0]] = True
    recalc = [i for i in np.flatnonzero(restart) if i > 0]
    points = spc(series["value"].to_numpy(float), IMPROVEMENT.get(polarity), target, recalc=recalc,
                 min_points=MIN_POINTS)
    out = pd.concat([series[["period_label", "period_end", "break_note"]].reset_index(drop=True), points], axis=1)
    out.attrs = points.attrs
    return out
