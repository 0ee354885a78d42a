"""Scorecards as the board reads them: current against previous, which way is good, and the change.

The direction of change is computed from the two values and the indicator's polarity; the glyphs the
documents print (often garbled in extraction: '†', 'Х', '1') are kept only as text, never read. Figures are
written by lybl.present.numbers from the value and the indicator's unit; the printed text ("42,1%", "35k")
stays in value_text, as provenance.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from lybl.ics import ics
from lybl.periods import display_period
from lybl.present.numbers import with_unit

ARROWS = {"up": "▲", "down": "▼", "same": "▶"}


def change(current, previous, polarity) -> tuple[np.ndarray, np.ndarray]:
    """(direction 'up' / 'down' / 'same' / '', judgement 'better' / 'worse' / 'no change' / '').

    The judgement needs a polarity: with no judgement of good ('no_judgement') an up or down move is
    neither better nor worse and the judgement is ''. Missing values give ''.
    """
    cur, prev = np.asarray(current, dtype=float), np.asarray(previous, dtype=float)
    pol = np.broadcast_to(np.asarray(polarity, dtype=object), cur.shape)
    missing = np.isnan(cur) | np.isnan(prev)
    direction = np.where(missing, "", np.where(cur > prev, "up", np.where(cur < prev, "down", "same")))
    good_up = pol == "high_is_good"
    good_down = pol == "low_is_good"
    judged = good_up | good_down
    better = (direction == "up") & good_up | (direction == "down") & good_down
    worse = (direction == "down") & good_up | (direction == "up") & good_down
    judgement = np.where(direction == "same", "no change",
                         np.where(judged & better, "better", np.where(judged & worse, "worse", "")))
    return direction, judgement


def _describe(direction: str, judgement: str, previous: str, period) -> str:
    """'▲ better: was 74.2% (2021-22)', '▶ no change from 47.5% (Q2)', 'no previous figure'."""
    if not direction:
        return "no previous figure"
    was = f"{previous} ({period})"
    if direction == "same":
        return f"{ARROWS['same']} no change from {was}"
    return f"{ARROWS[direction]} {judgement or direction}: was {was}"


def pair(cur: pd.DataFrame, prev: pd.DataFrame) -> pd.DataFrame:
    """Each current figure joined with the one before it, and the change described (every scorecard).

    ``cur`` and ``prev`` are indexed alike, with value, value_text, period_label, period_end, unit,
    polarity and is_suppressed. Adds: now ('75.4% (2022-23)', 'suppressed', '' with no figure), was
    ('was 74.2% (2021-22)', '' with no previous figure), badge ('▲ better'), judgement and change (one
    sentence).
    """
    both = cur.join(prev[["period_label", "period_end", "value", "value_text"]], suffixes=("", "_prev"), how="left")
    for suffix in ("", "_prev"):
        both["period_label" + suffix] = [display_period(p, e) for p, e in
                                         zip(both["period_label" + suffix], both["period_end" + suffix])]
    direction, judgement = change(both["value"], both["value_prev"],
                                  both["polarity"].fillna("no_judgement").to_numpy())
    unit = both["unit"].to_numpy()
    suppressed = both["is_suppressed"].astype(object).fillna(False).astype(bool)
    both["now"] = [with_unit(v, u, sup) if sup else "" if pd.isna(v) else f"{with_unit(v, u)} ({p})"
                   for v, u, p, sup in zip(both["value"], unit, both["period_label"], suppressed)]
    printed_prev = [with_unit(v, u) for v, u in zip(both["value_prev"], unit)]
    both["was"] = [f"was {t} ({p})" if not pd.isna(v) else ""
                   for t, v, p in zip(printed_prev, both["value_prev"], both["period_label_prev"])]
    both["badge"] = [f"{ARROWS[d]} {j or d}" if d and d != "same" else (f"{ARROWS['same']} no change" if d else "")
                     for d, j in zip(direction, judgement)]
    both["judgement"] = judgement
    both["direction"] = direction
    both["change"] = [_describe(d, j, t, p) for d, j, t, p in
                      zip(direction, judgement, printed_prev, both["period_label_prev"])]
    return both


def wide(values: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """One row per metric with, for each area, 'now', 'change' and the printed glyph.

    ``values``: rows of queries/scorecard_values.sql (recency 1 = current, 2 = previous).
    ``metrics``: every metric of the scorecard (so metrics without data are listed as gaps).
    Columns: metric_id, metric, owner, good_is, last_update, then per area code: "<code>|now",
    "<code>|change" (one sentence), "<code>|badge" ('▲ better'), "<code>|was", "<code>|judgement",
    "<code>|printed" (the document's glyph, as text), "<code>|source_ref", "<code>|sentence" (the row in
    words, lybl.read.commentary.scorecard_sentence).
    """
    from lybl.read.commentary import scorecard_sentence
    key = ["metric_id", "area_code"]
    both = pair(values[values["recency"] == 1].set_index(key), values[values["recency"] == 2].set_index(key))
    both["was"] = both["was"].replace("", "no previous figure")
    both["printed"] = both["published_trend"].fillna("")
    both["sentence"] = [
        scorecard_sentence(m, ics().short(a, n), v, u if isinstance(u, str) else None, p, vp, pp, d, j)
        if not sup else f"{m}: the figure for {ics().short(a, n)} is suppressed to protect small numbers."
        for m, a, n, v, u, p, vp, pp, d, j, sup in zip(
            both["metric"], both.index.get_level_values("area_code"), both["area_name"], both["value"], both["unit"],
            both["period_label"], both["value_prev"], both["period_label_prev"], both["direction"], both["judgement"],
            both["is_suppressed"].astype(object).fillna(False).astype(bool))]
    cells = both[["now", "change", "badge", "was", "judgement", "printed", "source_ref", "sentence"]].unstack("area_code")
    cells.columns = [f"{area}|{field}" for field, area in cells.columns]
    out = metrics.set_index("metric_id").join(cells, how="left").reset_index()
    return out.fillna({c: "" for c in cells.columns})


def scorecard_areas(values: pd.DataFrame) -> list[str]:
    """The scorecard's columns: the Places side by side, then the ICB (rows reported for it alone)."""
    areas = values.drop_duplicates("area_code").assign(icb=lambda d: d["area_code"] == ics().icb.code)
    return list(areas.sort_values(["icb", "area_sort"])["area_code"])


def sort_orders(areas: list[str]) -> dict[str, str | None]:
    """The scorecard's orders: the document's, by programme, or one area's worse figures first."""
    return {"document order": None, "responsible programme": "owner"} | {
        f"{ics().short(a)}: worse first": a for a in areas}


def sort_table(table: pd.DataFrame, key: str | None) -> pd.DataFrame:
    """``wide`` rows in an order of ``sort_orders``."""
    if key == "owner":
        return table.sort_values(["owner", "metric_id"], kind="stable")
    if key:
        rank = table[f"{key}|judgement"].map({"worse": 0, "no change": 1, "better": 2}).fillna(3)
        return table.assign(_rank=rank).sort_values(["_rank", "metric_id"], kind="stable").drop(columns="_rank")
    return table
