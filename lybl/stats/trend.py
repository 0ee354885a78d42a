"""Fingertips' recent-trend test over an indicator's last five points, vectorised across series.

Method, as in the Fingertips trend-marker calculator (fingertips-open, TrendMarkerCalculator):
- Take the five most recent points that carry what the test needs. Fewer than five: "Cannot be
  calculated".
- Proportions with counts and denominators: the chi-squared test for trend (Cochran-Armitage) with
  time t = 1..5: chi2 = N (N·Σ r t − R·Σ n t)² / (R (N − R) (N·Σ n t² − (Σ n t)²)), where r are counts,
  n denominators, R = Σ r, N = Σ n. Direction: the least-squares slope of logit(r / n) on t.
- Everything else with 95% intervals: weighted least squares of the value on t with weights
  1 / se², se = (upper − lower) / 3.92; chi2 = (slope / se(slope))².
- Significant when chi2 > 9.5495 (chi-squared, 1 df, 99.8%) and the slope keeps its sign when each of
  the five points in turn is left out (Fingertips' outlier check); otherwise "No significant change".
- Direction and polarity give Fingertips' labels.

A proportion of 0% or 100% at any of the five points has no logit, and an interval of zero width no
weight: such series are "Cannot be calculated", as Fingertips shows them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import chi2 as chi2_dist

POINTS = 5
#: chi-squared (1 df) at 99.8%: 9.54953570608324, the constant in Fingertips' calculator
THRESHOLD = float(chi2_dist.ppf(0.998, 1))
CANNOT = "Cannot be calculated"
NO_CHANGE = "No significant change"
LABELS = {
    ("increasing", "high_is_good"): "Increasing and getting better",
    ("increasing", "low_is_good"): "Increasing and getting worse",
    ("decreasing", "high_is_good"): "Decreasing and getting worse",
    ("decreasing", "low_is_good"): "Decreasing and getting better",
    ("increasing", "no_judgement"): "Increasing",
    ("decreasing", "no_judgement"): "Decreasing",
}
#: The polarities a series can have.
POLARITIES = ("high_is_good", "low_is_good", "no_judgement")
#: Every label a trend can have, in Fingertips' words.
ALL_LABELS = tuple(LABELS.values()) + (NO_CHANGE, CANNOT)

_T = np.arange(1, POINTS + 1, dtype=float)
#: row 0 keeps every point; row k leaves out point k (1-based): the outlier check's six fits
_KEEP = np.vstack([np.ones(POINTS), 1 - np.eye(POINTS)])


def _consistent(slopes: np.ndarray) -> np.ndarray:
    """True where all six slopes (all points, and each point left out) share a sign (zero counts +)."""
    return np.abs(np.where(slopes < 0, -1, 1).sum(axis=1)) == len(_KEEP)


def weighted_regression(value, lower, upper):
    """(slope, chi2, consistent) for (n, 5) arrays of values and 95% limits, oldest first."""
    w = 1 / ((np.asarray(upper, float) - np.asarray(lower, float)) / 3.92) ** 2
    v = np.asarray(value, float)
    k = _KEEP[None, :, :]
    s1 = (w[:, None, :] * k).sum(-1)
    s2 = ((w * v * _T)[:, None, :] * k).sum(-1)
    s3 = ((w * _T)[:, None, :] * k).sum(-1)
    s4 = ((w * v)[:, None, :] * k).sum(-1)
    s5 = ((w * _T ** 2)[:, None, :] * k).sum(-1)
    det = s1 * s5 - s3 ** 2
    slopes = (s1 * s2 - s3 * s4) / det
    chi2 = (slopes[:, 0] / np.sqrt(s1[:, 0] / det[:, 0])) ** 2
    return slopes[:, 0], chi2, _consistent(slopes)


def chi_square_for_trend(count, denominator):
    """(slope of logit, chi2, consistent) for (n, 5) arrays of counts and denominators, oldest first."""
    r, n = np.asarray(count, float), np.asarray(denominator, float)
    big_n, big_r = n.sum(1), r.sum(1)
    rt, nt, nt2 = (r * _T).sum(1), (n * _T).sum(1), (n * _T ** 2).sum(1)
    chi2 = big_n * (big_n * rt - big_r * nt) ** 2 / (big_r * (big_n - big_r) * (big_n * nt2 - nt ** 2))
    y = np.log(r / (n - r))
    k = _KEEP[None, :, :]
    m = _KEEP.sum(1)[None, :]
    sy = (y[:, None, :] * k).sum(-1)
    sty = ((y * _T)[:, None, :] * k).sum(-1)
    st, st2 = (_KEEP * _T).sum(1)[None, :], (_KEEP * _T ** 2).sum(1)[None, :]
    slopes = (m * sty - sy * st) / (m * st2 - st ** 2)
    return slopes[:, 0], chi2, _consistent(slopes)


def _labels(slope, chi2, consistent, polarity, valid):
    significant = valid & consistent & (chi2 > THRESHOLD)
    pol = pd.Series(np.broadcast_to(np.asarray(polarity, dtype=object), slope.shape))
    rising = pol.map({p: LABELS[("increasing", p)] for _, p in LABELS}).to_numpy()
    falling = pol.map({p: LABELS[("decreasing", p)] for _, p in LABELS}).to_numpy()
    named = np.where(slope > 0, rising, falling)
    return np.where(~valid, CANNOT, np.where(significant, named, NO_CHANGE))


@dataclass(frozen=True)
class TrendResult:
    label: str          # one of ALL_LABELS
    method: str         # "chi-squared test for trend", "weighted regression" or ""
    chi_square: float   # NaN when it cannot be calculated
    points: int         # points available for the test (5 when it ran)


def recent_trend(value, lower=None, upper=None, count=None, denominator=None, *,
                 polarity: str = "no_judgement", proportion: bool = False) -> TrendResult:
    """Recent trend of one series given oldest first (arrays of equal length; None where unknown).

    ``proportion=True`` with counts and denominators uses the chi-squared test for trend; otherwise
    the 95% limits ``lower`` and ``upper`` are needed. Points missing what the test needs are skipped,
    then the last five are used.
    """
    if polarity not in POLARITIES:
        raise ValueError(f"unknown polarity {polarity!r}")
    n = len(value)
    col = {k: (np.full(n, np.nan) if x is None else np.asarray(x, float))
           for k, x in (("value", value), ("lci95", lower), ("uci95", upper), ("count", count),
                        ("denominator", denominator))}
    frame = pd.DataFrame({**col, "series": 0, "order": np.arange(n), "polarity": polarity,
                          "value_type": "proportion" if proportion else "other"})
    out = recent_trends(frame, ["series"], order="order").iloc[0]
    return TrendResult(out["trend"], out["trend_method"], float(out["trend_chi_square"]),
                       int(out["trend_points"]))


def recent_trends(frame: pd.DataFrame, by: list[str], order: str = "period_end") -> pd.DataFrame:
    """Recent trend of every series in a long frame, one row per series.

    ``frame`` has the ``by`` columns, ``order`` (time), value, lci95, uci95, count, denominator,
    polarity and value_type. Returns the ``by`` columns with trend, trend_method, trend_chi_square,
    trend_points. Series of proportions whose last five points all carry counts and denominators use
    the chi-squared test; others use weighted regression on their last five points with intervals.
    Raises ValueError when a polarity is not one of POLARITIES.
    """
    bad = frame.loc[~frame["polarity"].isin(POLARITIES), "polarity"]
    if len(bad):
        raise ValueError(f"unknown polarity {bad.iloc[0]!r}; expected one of {POLARITIES}")
    f = frame.sort_values(by + [order])
    keys = f.drop_duplicates(by)[by + ["polarity", "value_type"]].reset_index(drop=True)
    has_value = f["value"].notna()
    chi_rows = f[has_value & f["count"].notna() & f["denominator"].notna()
                 & (f["value_type"] == "proportion")]
    reg_rows = f[has_value & f["lci95"].notna() & f["uci95"].notna()]

    def last_five(rows, columns):
        tail = rows.groupby(by, sort=False).tail(POINTS)
        n = tail.groupby(by, sort=False).size().rename("n").reset_index()
        full = n[n["n"] == POINTS][by]
        tail = tail.merge(full, on=by)
        arrays = {c: tail[c].to_numpy(float).reshape(-1, POINTS) for c in columns}
        return full, arrays, n

    out = keys.assign(trend=CANNOT, trend_method="", trend_chi_square=np.nan, trend_points=0)
    counts = f[has_value].groupby(by, sort=False).size().rename("available").reset_index()
    out = out.merge(counts, on=by, how="left")
    out["trend_points"] = out.pop("available").fillna(0).clip(upper=POINTS).astype(int)
    index = pd.MultiIndex.from_frame(out[by]) if len(by) > 1 else pd.Index(out[by[0]])

    for rows, columns, method in ((reg_rows, ["value", "lci95", "uci95"], "weighted regression"),
                                  (chi_rows, ["count", "denominator"], "chi-squared test for trend")):
        full, a, _ = last_five(rows, columns)
        if full.empty:
            continue
        if method == "weighted regression":
            valid = (a["uci95"] > a["lci95"]).all(1)
            with np.errstate(divide="ignore", invalid="ignore"):
                slope, chi2, consistent = weighted_regression(a["value"], a["lci95"], a["uci95"])
        else:
            valid = ((a["count"] > 0) & (a["count"] < a["denominator"])).all(1)
            with np.errstate(divide="ignore", invalid="ignore"):
                slope, chi2, consistent = chi_square_for_trend(a["count"], a["denominator"])
        where = index.get_indexer(pd.MultiIndex.from_frame(full) if len(by) > 1 else full[by[0]])
        labels = _labels(slope, chi2, consistent, out["polarity"].to_numpy()[where], valid)
        out.loc[where, "trend"] = labels
        out.loc[where, "trend_method"] = np.where(valid, method, "")
        out.loc[where, "trend_chi_square"] = np.where(valid, chi2, np.nan)
    return out.drop(columns=["polarity", "value_type"])


def years_to_reach(period_end, value, target: float) -> float | None:
    """Years until a series reaches ``target`` at its current rate of change, or None if it is not moving
    towards it.

    The rate is the least-squares slope of the last ``POINTS`` values on their period ends (in years),
    the same five points Fingertips' recent-trend test reads; the gap is ``target`` minus the latest value.
    0 when the latest value is already at the target. Callers use it only where that test found a
    significant trend (lybl.read.indicator.gap_sentence), so the rate is one the statistics support.
    """
    ends = pd.to_datetime(pd.Series(period_end)).to_numpy()
    v = np.asarray(value, dtype=float)
    keep = ~np.isnan(v)
    ends, v = ends[keep][-POINTS:], v[keep][-POINTS:]
    if len(v) < 2 or np.isnan(target):
        return None
    years = (ends - ends[0]) / np.timedelta64(1, "D") / 365.25
    slope = np.polyfit(years, v, 1)[0]
    gap = target - v[-1]
    if gap == 0:
        return 0.0
    if slope == 0 or np.sign(slope) != np.sign(gap):
        return None
    return float(gap / slope)
