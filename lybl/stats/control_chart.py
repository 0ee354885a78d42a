"""Statistical process control: the NHS England "Making Data Count" XmR chart.

Method, in plain words. A series of values in time order is split into phases (a new phase starts
where the limits are recalculated, e.g. after a change in how the data are reported). In each phase:

* the centre line is the mean of the phase's baseline points (its first ``baseline`` points, or all
  of them);
* a moving range is the absolute difference between a point and the point before it in the same
  phase; the mean moving range mR̄ is taken over the baseline's moving ranges;
* the process limits are mean ± 2.66 × mR̄ (2.66 = 3 / 1.128, so they sit at 3 sigma with
  sigma = mR̄ / 1.128), and the 2-sigma lines at mean ± (2/3) × 2.66 × mR̄.

A phase whose limits would rest on fewer than ``min_points`` (15) points gets no limits and no
flags: Making Data Count asks for at least 15 points. The minimum applies to the points the limits
are computed from, i.e. the phase's baseline, not to the phase's length: a phase of 30 points with
``baseline=10`` gets no limits, because its limits would rest on 10 points. Four rules then mark special-cause points:

1. ``outside_limits``: a point above the upper or below the lower process limit;
2. ``shift``: 7 or more points in a row on the same side of the mean (a point on the mean breaks it);
3. ``trend``: 7 or more points in a row each higher (or each lower) than the one before, i.e. six
   consecutive increases; an equal value breaks it. NHSRplotthedots flags exactly this "7 point
   trend" (six rises); some Making Data Count material (2019) describes a trend as six points, so the
   length is the ``trend_points`` parameter;
4. ``two_of_three``: two or three of any three points in a row beyond the same 2-sigma line (they may
   also be beyond the process limit); the points beyond that line are flagged.

Each special-cause point has a side: for a point outside the limits, the side of the mean it is on;
otherwise for a trend point, the trend's direction; otherwise the side of the mean. The improvement
direction is applied last: a high point is an improvement when higher is better, a concern when
lower is better, and neither when no direction is given. The variation icon describes the last
point; the assurance icon compares a target with the last phase's process limits (no icon when the target
is None or NaN).

References: NHS England and NHS Improvement, "Making Data Count" (2019) and "Making Data Count:
Strengthening your decisions"; NHS-R Community, NHSRplotthedots (R package), whose calculations this
module follows (it does not screen outlying moving ranges out of mR̄).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

LIMIT = 2.66  # 3 / d2, d2 = 1.128 for moving ranges of two points
D2 = 1.128
NEAR_LIMIT = 2 * LIMIT / 3  # the 2-sigma lines, as NHSRplotthedots draws them

COLUMNS = [
    "value", "phase", "mean", "lower", "upper", "lower_2sigma", "upper_2sigma",
    "outside_limits", "shift", "trend", "two_of_three", "special_cause", "side", "point_type",
]

VARIATION_LABELS = {
    "common_cause": "Common cause variation",
    "improvement_high": "Special cause variation – improvement (high)",
    "improvement_low": "Special cause variation – improvement (low)",
    "concern_high": "Special cause variation – concern (high)",
    "concern_low": "Special cause variation – concern (low)",
    "neither_high": "Special cause variation – neither improvement nor concern (high)",
    "neither_low": "Special cause variation – neither improvement nor concern (low)",
}
ASSURANCE_LABELS = {
    "consistently_pass": "Consistently passes the target",
    "consistently_fail": "Consistently fails the target",
    "hit_and_miss": "Hit and miss: the target lies inside the process limits",
}
# Making Data Count colours: lybl.present.colours.SPC.

_DIRECTIONS = {"increase": 1, "decrease": -1, None: 0}
TOO_FEW = "too few points for SPC"


# ---------------------------------------------------------------- rules: pure functions over arrays
def _phase_starts(phase: np.ndarray | None, n: int) -> np.ndarray:
    """True where a phase begins (always at 0)."""
    starts = np.zeros(n, dtype=bool)
    if n:
        starts[0] = True
        if phase is not None:
            starts[1:] = phase[1:] != phase[:-1]
    return starts


def _run_lengths(key: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """For each point, the length of the run of equal ``key`` it belongs to; runs also end at ``breaks``."""
    if len(key) == 0:
        return np.zeros(0, dtype=int)
    new = breaks.copy()
    new[0] = True
    new[1:] |= key[1:] != key[:-1]
    run_id = np.cumsum(new) - 1
    return np.bincount(run_id)[run_id]


def _side_of(values: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """+1 above, -1 below, 0 on the centre line or where it is NaN."""
    return (values > centre).astype(int) - (values < centre).astype(int)


def outside_limits(values: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """Rule 1: points above the upper or below the lower process limit (NaN limits flag nothing)."""
    return (values > upper) | (values < lower)


def shift(values: np.ndarray, mean: np.ndarray, phase: np.ndarray | None = None, points: int = 7) -> np.ndarray:
    """Rule 2: every point of a run of ``points`` or more in a row on one side of the mean."""
    side = _side_of(values, mean)
    return (side != 0) & (_run_lengths(side, _phase_starts(phase, len(side))) >= points)


def trend_direction(values: np.ndarray, phase: np.ndarray | None = None, points: int = 7) -> np.ndarray:
    """+1 / -1 for points in a run of ``points`` or more each higher / lower than the one before, else 0.

    ``points`` counts points, so 7 means six consecutive rises. A point that ends one trend and starts
    the next (a peak between a rise and a fall) takes the later trend's direction, as NHSRplotthedots does.
    """
    n = len(values)
    starts = _phase_starts(phase, n)
    step = np.zeros(n, dtype=int)  # sign of the step into each point; none at a phase start
    step[1:] = np.sign(np.diff(values)).astype(int)
    step[starts] = 0
    in_run = (step != 0) & (_run_lengths(step, starts) >= points - 1)
    direction = np.where(in_run, step, 0)
    first_step = in_run & np.r_[True, step[1:] != step[:-1]]
    direction[np.flatnonzero(first_step) - 1] = step[first_step]  # the point the run climbs from
    return direction


def trend(values: np.ndarray, phase: np.ndarray | None = None, points: int = 7) -> np.ndarray:
    """Rule 3: every point of a run of ``points`` or more strictly rising (or strictly falling) points."""
    return trend_direction(values, phase, points) != 0


def two_of_three(values: np.ndarray, lower_2sigma: np.ndarray, upper_2sigma: np.ndarray,
                 phase: np.ndarray | None = None) -> np.ndarray:
    """Rule 4: in any 3 points in a row (one phase), 2 or 3 beyond the same 2-sigma line: flag those."""
    n = len(values)
    flags = np.zeros(n, dtype=bool)
    if n < 3:
        return flags
    ph = np.zeros(n, dtype=int) if phase is None else phase
    same_phase = ph[2:] == ph[:-2]
    for beyond in (values > upper_2sigma, values < lower_2sigma):
        count = beyond[:-2].astype(int) + beyond[1:-1] + beyond[2:]
        window = (count >= 2) & same_phase  # window starting at each point
        covered = np.zeros(n, dtype=bool)
        for offset in range(3):
            covered[offset:offset + n - 2] |= window
        flags |= beyond & covered
    return flags


# ---------------------------------------------------------------- limits and icons
def _limits(x: np.ndarray, phase: np.ndarray, baseline: int | None, min_points: int):
    """Per-point mean and mean moving range of the point's phase (NaN where the phase is too short)."""
    starts = np.flatnonzero(_phase_starts(phase, len(x)))
    size = np.bincount(phase)
    used = size if baseline is None else np.minimum(size, baseline)
    position = np.arange(len(x)) - starts[phase]
    in_base = position < used[phase]
    moving_range = np.abs(np.diff(x, prepend=x[:1]))
    has_range = in_base & (position >= 1)
    ok = used >= min_points
    mean = np.full(len(size), np.nan)
    mr_bar = np.full(len(size), np.nan)
    mean[ok] = np.bincount(phase, weights=np.where(in_base, x, 0.0))[ok] / used[ok]
    mr_bar[ok] = np.bincount(phase, weights=np.where(has_range, moving_range, 0.0))[ok] / (used[ok] - 1)
    return mean[phase], mr_bar[phase], used, ok


def _assurance(target: float | None, direction: int, lower: float, upper: float) -> str | None:
    if target is None or pd.isna(target) or direction == 0 or np.isnan(lower):
        return None
    if target > upper:
        return "consistently_fail" if direction > 0 else "consistently_pass"
    if target < lower:
        return "consistently_pass" if direction > 0 else "consistently_fail"
    return "hit_and_miss"


def _validate(values, improvement, recalc, baseline, min_points, shift_points, trend_points):
    x = np.asarray(values, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"SPC needs a 1-D series of values, got {x.ndim} dimensions")
    bad = np.flatnonzero(~np.isfinite(x))
    if len(bad):
        raise ValueError(f"SPC needs a complete series: NaN or infinite values at positions {bad[:10].tolist()}")
    if improvement not in _DIRECTIONS:
        raise ValueError(f"improvement must be 'increase', 'decrease' or None, not {improvement!r}")
    cuts = np.asarray(recalc, dtype=int).ravel()
    if len(cuts) and (cuts[0] < 1 or cuts[-1] > len(x) - 1 or np.any(np.diff(cuts) <= 0)):
        raise ValueError(f"recalc must be increasing positions between 1 and {len(x) - 1}, got {list(recalc)}")
    if baseline is not None and baseline < 2:
        raise ValueError("baseline must be at least 2 points (one moving range)")
    if min_points < 2 or shift_points < 1 or trend_points < 2:
        raise ValueError("min_points and trend_points must be at least 2, shift_points at least 1")
    return x, cuts


def spc(values, improvement: str | None = None, target: float | None = None, *,
        baseline: int | None = None, recalc: Sequence[int] = (), min_points: int = 15,
        shift_points: int = 7, trend_points: int = 7) -> pd.DataFrame:
    """XmR chart of ``values`` (time order) with Making Data Count special-cause rules and icons.

    ``improvement``: "increase", "decrease" or None. ``target``: for the assurance icon. ``baseline``:
    limits from each phase's first N points only. ``recalc``: 0-based positions where a new phase
    (with its own limits) starts. Returns one row per point (columns ``COLUMNS``; a pandas Series
    keeps its index) with ``attrs["variation"]``, ``attrs["assurance"]`` and ``attrs["note"]``.
    ``point_type`` and ``side`` are None where there is no judgement (no limits / common cause).
    """
    x, cuts = _validate(values, improvement, recalc, baseline, min_points, shift_points, trend_points)
    n = len(x)
    phase = np.zeros(n, dtype=int)
    phase[cuts] = 1
    phase = np.cumsum(phase)
    if n:
        mean, mr_bar, used, ok = _limits(x, phase, baseline, min_points)
    else:
        mean = mr_bar = np.zeros(0)
        used, ok = np.zeros(1, dtype=int), np.zeros(1, dtype=bool)
    lower, upper = mean - LIMIT * mr_bar, mean + LIMIT * mr_bar
    lower2, upper2 = mean - NEAR_LIMIT * mr_bar, mean + NEAR_LIMIT * mr_bar
    judged = ~np.isnan(mean)

    rule_outside = outside_limits(x, lower, upper)
    rule_shift = shift(x, mean, phase, shift_points) & judged
    direction = np.where(judged, trend_direction(x, phase, trend_points), 0)
    rule_two = two_of_three(x, lower2, upper2, phase)
    special = rule_outside | rule_shift | (direction != 0) | rule_two

    above = _side_of(x, mean)
    side_sign = np.where(rule_outside, above, np.where(direction != 0, direction, above)) * special
    improve = _DIRECTIONS[improvement]
    kind = np.where(side_sign * improve > 0, "improvement", "concern") if improve else np.full(n, "neither")
    point_type = np.where(special, kind, "common_cause").astype(object)
    point_type[~judged] = None
    side = np.where(side_sign > 0, "high", "low").astype(object)
    side[side_sign == 0] = None

    index = values.index if isinstance(values, pd.Series) else None
    frame = pd.DataFrame({
        "value": x, "phase": phase, "mean": mean, "lower": lower, "upper": upper,
        "lower_2sigma": lower2, "upper_2sigma": upper2, "outside_limits": rule_outside,
        "shift": rule_shift, "trend": direction != 0, "two_of_three": rule_two, "special_cause": special,
        "side": pd.Series(side, dtype=object, index=index),
        "point_type": pd.Series(point_type, dtype=object, index=index),
    }, index=index)

    short = [f"phase {p}: limits from {u} points, fewer than {min_points}" for p, u in enumerate(used) if not ok[p]]
    frame.attrs["note"] = f"{TOO_FEW} ({'; '.join(short)})" if short else ""
    last = point_type[-1] if n else None
    frame.attrs["variation"] = None if last is None else last if last == "common_cause" else f"{last}_{side[-1]}"
    frame.attrs["assurance"] = _assurance(target, improve, lower[-1], upper[-1]) if n else None
    return frame
