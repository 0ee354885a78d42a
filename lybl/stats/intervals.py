"""Confidence intervals as OHID Fingertips publishes them, vectorised.

- Proportions: Wilson score interval (Wilson 1927; Newcombe and Altman 2000).
- Crude rates: Byar's approximation to the Poisson interval, or the exact Poisson interval
  (chi-squared quantiles) when the count is below 10 (Breslow and Day 1987; Armitage and Berry 2002).
- Directly standardised rates: Dobson's method (Dobson et al. 1991), which scales Byar's (or the
  exact) interval of the total count by the DSR's standard error; the value and its interval are
  withheld when the total count is below 10, as Fingertips withholds them.

Each function takes scalars or arrays and returns the same shape. Missing inputs give NaN; impossible
ones (a negative count, a count above a proportion's denominator, a denominator of zero or less) raise
ValueError, because the build must stop rather than publish them. The formulas, and how they match
PHStatsMethods to 1e-6, are in docs/methods.md.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import ndtri
from scipy.stats import chi2

#: The confidence levels Fingertips publishes.
LEVELS = (0.95, 0.998)
#: Below this count Byar's approximation gives way to the exact Poisson interval,
#: and a directly standardised rate is not published.
SMALL_COUNT = 10


def z_value(conf: float) -> float:
    """The two-sided normal quantile: 1.959964 for 95%, 3.090232 for 99.8%."""
    if not 0 < conf < 1:
        raise ValueError(f"confidence level must be between 0 and 1, not {conf}")
    return float(ndtri(1 - (1 - conf) / 2))


def _arrays(count, denominator):
    """Count and denominator as float arrays broadcast to one shape."""
    c, d = np.broadcast_arrays(np.asarray(count, dtype=float), np.asarray(denominator, dtype=float))
    if np.any(c < 0):
        raise ValueError("a count is negative")
    if np.any(d <= 0):
        raise ValueError("a denominator is zero or negative")
    return c, d


def _shape(x, *inputs):
    """Return a Python float when every input is a scalar, so that scalar calls get scalars back;
    otherwise an array (the inputs broadcast together, so one array input makes the result an array)."""
    x = np.asarray(x, dtype=float)
    return float(x) if all(np.ndim(i) == 0 for i in inputs) else x


def wilson(count, denominator, conf: float = 0.95):
    """Wilson score limits of the proportion count/denominator, as fractions (0-1).

    Count and denominator broadcast together (a scalar count with an array of denominators gives arrays).
    """
    c, n = _arrays(count, denominator)
    if np.any(c > n):
        raise ValueError("a count is larger than its denominator, so it is not a proportion")
    z = z_value(conf)
    z2 = z * z
    half = z * np.sqrt(z2 + 4 * c * (1 - c / n))
    lower = (2 * c + z2 - half) / (2 * (n + z2))
    upper = (2 * c + z2 + half) / (2 * (n + z2))
    return lower, upper


def exact_poisson(count, conf: float = 0.95):
    """Exact Poisson limits of a count: chi-squared quantiles, 0 as the lower limit of a 0 count."""
    c = np.asarray(count, dtype=float)
    alpha = 1 - conf
    with np.errstate(invalid="ignore"):
        lower = np.where(c > 0, chi2.ppf(alpha / 2, 2 * np.where(c > 0, c, 1)) / 2, 0.0)
    lower = np.where(np.isnan(c), np.nan, lower)
    upper = chi2.ppf(1 - alpha / 2, 2 * c + 2) / 2
    return lower, upper


def byar(count, conf: float = 0.95):
    """Poisson limits of a count: Byar's method from 10 up, exact below 10 (Fingertips' rule)."""
    c = np.asarray(count, dtype=float)
    z = z_value(conf)
    safe = np.where(c > 0, c, 1.0)  # Byar's is only evaluated where the count is 10 or more
    byar_lower = safe * (1 - 1 / (9 * safe) - z / (3 * np.sqrt(safe))) ** 3
    byar_upper = (safe + 1) * (1 - 1 / (9 * (safe + 1)) + z / (3 * np.sqrt(safe + 1))) ** 3
    small = c < SMALL_COUNT
    lower, upper = np.array(byar_lower, ndmin=1), np.array(byar_upper, ndmin=1)
    small_1d = np.array(small, ndmin=1)
    if small_1d.any():  # chi-squared quantiles are slow: only for the counts below 10
        lower[small_1d], upper[small_1d] = exact_poisson(np.array(c, ndmin=1)[small_1d], conf)
    lower, upper = lower.reshape(np.shape(c)), upper.reshape(np.shape(c))
    missing = np.isnan(c)
    return np.where(missing, np.nan, lower), np.where(missing, np.nan, upper)


def proportion_ci(count, denominator, conf: float = 0.95, multiplier: float = 100):
    """A proportion and its Wilson interval, times multiplier (100 gives a percentage).

    >>> proportion_ci(50, 200)
    (25.0, 19.5..., 31.4...)
    """
    c, n = _arrays(count, denominator)
    lower, upper = wilson(c, n, conf)
    like = (count, denominator)
    return (_shape(c / n * multiplier, *like), _shape(lower * multiplier, *like),
            _shape(upper * multiplier, *like))


def rate_ci(count, denominator, conf: float = 0.95, multiplier: float = 100_000):
    """A crude rate per multiplier with Byar's interval (exact below a count of 10).

    A count of 0 gives a rate of 0 with lower limit 0 and the exact upper limit (3.689 events at 95%),
    where PHStatsMethods raises.
    """
    c, n = _arrays(count, denominator)
    lower, upper = byar(c, conf)
    like = (count, denominator)
    return (_shape(c / n * multiplier, *like), _shape(lower / n * multiplier, *like),
            _shape(upper / n * multiplier, *like))


def dsr_ci(count, population, standard_population, groups=None, conf: float = 0.95,
           multiplier: float = 100_000):
    """Directly standardised rate with Dobson's interval.

    Arguments are aligned arrays with one element per age band (per area, when ``groups`` is given):
    ``count`` events in the band, ``population`` the band's population, ``standard_population`` the
    band's weight in the standard (e.g. the 2013 European Standard Population). ``groups`` labels the
    area of each element; without it all elements form one area.

    DSR = sum(w_i * c_i / n_i) / sum(w_i) * multiplier, variance V = sum(c_i * (w_i / n_i)^2) / sum(w_i)^2,
    O = sum(c_i); limits = DSR + sqrt(V / O) * (Byar(O) - O) * multiplier. Value and limits are NaN
    when O is below 10 (Fingertips does not publish them).

    Scalars are one age band. A group with any band missing its count, population or standard
    population gets NaN value, lower, upper and count (and NaN population if a population is missing):
    it is not standardised from part of its bands. A missing group label raises ValueError.

    Returns (value, lower, upper) as floats for one area, or a DataFrame indexed by group with
    columns value, lower, upper, count, population.
    """
    c, n = _arrays(count, population)
    c, n, w = (np.atleast_1d(x) for x in np.broadcast_arrays(c, n, np.asarray(standard_population, dtype=float)))
    if groups is None:
        g = np.zeros(len(c), dtype=int)
    else:
        g = np.atleast_1d(np.asarray(groups))
        if g.shape != c.shape:
            raise ValueError(f"groups has shape {g.shape}, the counts {c.shape}")
        missing_group = np.flatnonzero(pd.isna(g))
        if len(missing_group):
            raise ValueError(f"{len(missing_group)} rows have no group label, e.g. at positions "
                             f"{missing_group[:5].tolist()}")
    frame = pd.DataFrame({"g": g, "c": c, "n": n, "wr": w * c / n, "sq": c * (w / n) ** 2, "w": w,
                          "gap": np.isnan(c) | np.isnan(n) | np.isnan(w), "gap_n": np.isnan(n)})
    grouped = frame.groupby("g", sort=True)
    sums = grouped[["c", "n", "wr", "sq", "w"]].sum()
    flags = grouped[["gap", "gap_n"]].any()
    sums.loc[flags["gap"].to_numpy(), ["c", "wr", "sq"]] = np.nan  # an incomplete area is missing
    sums.loc[flags["gap_n"].to_numpy(), "n"] = np.nan
    total = sums["c"].to_numpy()
    value = sums["wr"].to_numpy() / sums["w"].to_numpy()
    var = sums["sq"].to_numpy() / sums["w"].to_numpy() ** 2
    low_o, up_o = byar(total, conf)
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.sqrt(var / total)
    published = total >= SMALL_COUNT
    result = pd.DataFrame({
        "value": np.where(published, value * multiplier, np.nan),
        "lower": np.where(published, value * multiplier + se * (low_o - total) * multiplier, np.nan),
        "upper": np.where(published, value * multiplier + se * (up_o - total) * multiplier, np.nan),
        "count": total, "population": sums["n"].to_numpy()}, index=sums.index)
    if groups is None:
        row = result.iloc[0]
        return float(row["value"]), float(row["lower"]), float(row["upper"])
    return result.rename_axis("group")


def intervals(count, denominator, value_type: str, multiplier: float):
    """Value and 95% and 99.8% limits for a column of counts, by the indicator's value type.

    Returns a dict with value, lci95, uci95, lci998, uci998 arrays (the indicator_value columns).
    """
    if value_type == "proportion":
        fn = proportion_ci
    elif value_type == "crude rate":
        fn = rate_ci
    else:
        raise ValueError(f"no interval method for value type {value_type!r} from counts alone")
    value, l95, u95 = fn(count, denominator, 0.95, multiplier)
    _, l998, u998 = fn(count, denominator, 0.998, multiplier)
    return {"value": value, "lci95": l95, "uci95": u95, "lci998": l998, "uci998": u998}
