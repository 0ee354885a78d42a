"""Benchmarking as Fingertips does it: an area's interval against a comparator's value.

- ``benchmark``: "confidence intervals overlapping reference value" at one level (95% by default).
  The area is higher than the comparator when its lower limit is above the comparator's value, lower
  when its upper limit is below it, similar otherwise; polarity turns higher/lower into better/worse.
- ``benchmark_two_level``: the 95% and 99.8% variant, which says at which level a difference holds:
  'better (99.8%)' when the 99.8% interval also excludes the comparator, 'better (95%)' when only the
  95% one does (the 99.8% interval includes it), and the plain 95% word ('better') when the 95%
  interval excludes the comparator but there is no 99.8% interval to say which.
- ``against_target``: met / not met and by how much.
- ``quintiles``: where each area sits among its siblings (e.g. England's upper-tier authorities).

All take scalars or arrays and return arrays of labels (np.str_ arrays, or a str for scalar input).
"""
from __future__ import annotations

import numpy as np

POLARITIES = ("high_is_good", "low_is_good", "no_judgement")

NO_INTERVAL = "not compared: no interval"
NO_COMPARATOR = "not compared: no comparator"
NO_VALUE = "not compared: no value"
NO_DIRECTION = "not compared: no direction of good"

def _direction_words(polarity):
    """(word when higher, word when lower) for each element's polarity."""
    pol = np.asarray(polarity, dtype=object)
    bad = ~np.isin(pol, POLARITIES)
    if bad.any():
        raise ValueError(f"unknown polarity {pol[bad].ravel()[0]!r}; expected one of {POLARITIES}")
    up = np.where(pol == "high_is_good", "better", np.where(pol == "low_is_good", "worse", "higher"))
    down = np.where(pol == "high_is_good", "worse", np.where(pol == "low_is_good", "better", "lower"))
    return up, down


def _out(labels, *inputs):
    labels = np.asarray(labels)
    return str(labels) if all(np.ndim(x) == 0 for x in inputs) else labels


def benchmark(value, lower, upper, comparator, polarity):
    """better / similar / worse (or higher / similar / lower with no judgement of good).

    Areas without a value, without an interval or without a comparator value are "not compared: ..."
    with the reason.
    """
    v, lo, up, c = (np.asarray(x, dtype=float) for x in (value, lower, upper, comparator))
    higher_word, lower_word = _direction_words(polarity)
    labels = np.select(
        [np.isnan(v), np.isnan(lo) | np.isnan(up), np.isnan(c), lo > c, up < c],
        [NO_VALUE, NO_INTERVAL, NO_COMPARATOR, higher_word, lower_word],
        default="similar")
    return _out(labels, value, lower, upper, comparator, polarity)


def benchmark_two_level(value, lower95, upper95, lower998, upper998, comparator, polarity):
    """Fingertips' 95% and 99.8% variant: 'better (99.8%)', 'better (95%)', 'similar', ...

    The 99.8% label wins where the 99.8% interval also excludes the comparator; '(95%)' means the
    99.8% interval includes it. Where the 99.8% interval is missing, a 95% difference gets the plain
    word ('better'), since nothing is known at 99.8%.
    """
    at95 = np.asarray(benchmark(value, lower95, upper95, comparator, polarity))
    at998 = np.asarray(benchmark(value, lower998, upper998, comparator, polarity))
    compared = ~np.char.startswith(at95.astype(str), "not compared") & (at95 != "similar")
    strong = compared & (at998 == at95)
    known998 = at998 != NO_INTERVAL
    labels = np.where(strong, np.char.add(at95.astype(str), " (99.8%)"),
                      np.where(compared & known998, np.char.add(at95.astype(str), " (95%)"), at95))
    return _out(labels, value, lower95, upper95, lower998, upper998, comparator, polarity)


def against_target(value, target, polarity):
    """('met' | 'not met' | 'not compared: ...', gap) where gap = value - target.

    A target is met when the value is at or beyond it in the good direction: at least the target when
    high is good, at most the target when low is good.
    """
    v, t = np.asarray(value, dtype=float), np.asarray(target, dtype=float)
    pol = np.asarray(polarity, dtype=object)
    _direction_words(pol)  # validates
    met = np.where(pol == "high_is_good", v >= t, v <= t)
    labels = np.select(
        [np.isnan(v), np.isnan(t), pol == "no_judgement", met],
        [NO_VALUE, "not compared: no target", NO_DIRECTION, "met"], default="not met")
    gap = v - t
    if np.ndim(value) == 0 and np.ndim(target) == 0 and np.ndim(polarity) == 0:
        return str(labels), float(gap)
    return labels, gap


QUINTILE_WORDS = {
    "no_judgement": ("Lowest", "Low", "Middle", "High", "Highest"),
    "high_is_good": ("Worst", "Worse", "Middle", "Better", "Best"),
    "low_is_good": ("Best", "Better", "Middle", "Worse", "Worst"),
}


def quintiles(values, polarity: str = "no_judgement"):
    """(quintile 1-5 by value, 1 = lowest values; its word given polarity), NaN values left out.

    Areas are ranked by value (ties share the lower rank) and quintile = floor(5 * (rank - 1) / n) + 1,
    so each quintile holds a fifth of the areas with values, to within one.
    """
    if polarity not in QUINTILE_WORDS:
        raise ValueError(f"unknown polarity {polarity!r}; expected one of {POLARITIES}")
    v = np.asarray(values, dtype=float)
    ok = ~np.isnan(v)
    n = ok.sum()
    order = np.sort(v[ok])
    rank = np.searchsorted(order, v, side="left") + 1  # 'min' ranking of ties
    q = np.where(ok, np.floor(5 * (rank - 1) / max(n, 1)) + 1, np.nan)
    words = np.asarray(QUINTILE_WORDS[polarity] + ("not ranked: no value",))
    idx = np.where(ok, np.nan_to_num(q, nan=1).astype(int) - 1, 5)
    return q, words[idx]
