"""Recent trend: Fingertips' own unit-test series (fingertips-open TrendMarkerCalculatorTest) and edges."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lybl.stats import recent_trend
from lybl.stats.trend import ALL_LABELS, CANNOT, NO_CHANGE, THRESHOLD, recent_trends

# Fingertips' test set 1, oldest first (2014-2018): significant, chi2 46.77 by weighted regression
# and 47.90 by the chi-squared test for trend.
SET1 = dict(count=[994, 1023, 1199, 1332, 1367], denominator=[40299, 41527, 42811, 44064, 44701],
            value=[24.67, 24.6, 28, 30.2, 30.6], lower=[23.16, 23.15, 26.44, 28.63, 28.98],
            upper=[26.25, 26.19, 29.64, 31.9, 32.25])
# Fingertips' test set 2 (2014-2018): no significant trend.
SET2 = dict(count=[209, 213, 213, 239, 210], denominator=[1017, 1087, 1119, 1117, 1139],
            value=[20.5506, 19.5952, 19.0349, 21.3966, 18.4372],
            lower=[18.1803, 17.3444, 16.8421, 19.0918, 16.2925],
            upper=[23.1427, 22.0602, 21.4394, 23.8975, 20.7941])


def test_threshold_is_fingertips_constant():
    assert THRESHOLD == pytest.approx(9.54953570608324, rel=1e-12)


def test_fingertips_set1_weighted_regression():
    r = recent_trend(SET1["value"], SET1["lower"], SET1["upper"], polarity="low_is_good")
    assert round(r.chi_square, 2) == 46.77
    assert r.method == "weighted regression"
    assert r.label == "Increasing and getting worse"


def test_fingertips_set1_chi_squared_for_proportions():
    r = recent_trend(SET1["value"], SET1["lower"], SET1["upper"], SET1["count"], SET1["denominator"],
                     polarity="high_is_good", proportion=True)
    assert round(r.chi_square, 1) == 47.9
    assert r.method == "chi-squared test for trend"
    assert r.label == "Increasing and getting better"


def test_fingertips_set2_not_significant():
    assert recent_trend(SET2["value"], SET2["lower"], SET2["upper"]).label == NO_CHANGE
    r = recent_trend(SET2["value"], count=SET2["count"], denominator=SET2["denominator"], proportion=True)
    assert r.label == NO_CHANGE


def test_fingertips_proportions_at_100_percent_cannot_be_calculated():
    r = recent_trend([100, 60, 20, 25, 50], count=[5, 3, 1, 1, 2], denominator=[5, 5, 5, 4, 4],
                     proportion=True)
    assert r.label == CANNOT and np.isnan(r.chi_square)


def test_fewer_than_five_points_cannot_be_calculated():
    r = recent_trend(SET1["value"][1:], SET1["lower"][1:], SET1["upper"][1:])
    assert r.label == CANNOT and r.points == 4
    # five values but one without an interval: only four usable points
    r = recent_trend(SET1["value"], [np.nan] + SET1["lower"][1:], SET1["upper"])
    assert r.label == CANNOT


def test_only_last_five_points_are_used():
    # an old point far away must not change the result
    r = recent_trend([0.001] + SET1["value"], [0] + SET1["lower"], [0.002] + SET1["upper"])
    assert round(r.chi_square, 2) == 46.77


def test_decreasing_labels_and_no_judgement():
    v = SET1["value"][::-1]
    lo, up = SET1["lower"][::-1], SET1["upper"][::-1]
    assert recent_trend(v, lo, up, polarity="low_is_good").label == "Decreasing and getting better"
    assert recent_trend(v, lo, up, polarity="high_is_good").label == "Decreasing and getting worse"
    assert recent_trend(v, lo, up).label == "Decreasing"
    assert recent_trend(SET1["value"], SET1["lower"], SET1["upper"]).label == "Increasing"


def test_outlier_check_blocks_a_trend_made_by_one_point():
    # flat series with a single huge last point: chi2 is large, but leaving that point out the
    # slope changes sign, so Fingertips reports no significant change
    value = [10.4, 10.2, 10.1, 10.0, 30.0]  # without the last point the slope is negative
    lower = [v - 0.5 for v in value]
    upper = [v + 0.5 for v in value]
    r = recent_trend(value, lower, upper)
    assert r.chi_square > THRESHOLD
    assert r.label == NO_CHANGE


def test_many_series_at_once_matches_one_at_a_time():
    rng = np.random.default_rng(4)
    rows = []
    for s in range(60):
        n = rng.integers(3, 9)
        v = 20 + rng.normal(0, 1, n).cumsum() + rng.choice([0, 1.5]) * np.arange(n)
        half = rng.uniform(0.2, 2, n)
        rows.append(pd.DataFrame({"s": s, "t": np.arange(n), "value": v, "lci95": v - half, "uci95": v + half,
                                  "count": np.nan, "denominator": np.nan, "polarity": "high_is_good",
                                  "value_type": "proportion"}))
    frame = pd.concat(rows)
    together = recent_trends(frame, ["s"], order="t").set_index("s")
    for s, g in frame.groupby("s"):
        alone = recent_trend(g["value"], g["lci95"], g["uci95"], polarity="high_is_good")
        assert together.loc[s, "trend"] == alone.label
    assert set(together["trend"]) <= set(ALL_LABELS)
    assert {"Increasing and getting better", NO_CHANGE, CANNOT} <= set(together["trend"])


def test_unknown_polarity():
    with pytest.raises(ValueError):
        recent_trend([1, 2, 3, 4, 5], polarity="up")


def test_unknown_polarity_in_a_frame_raises():
    frame = pd.DataFrame({"series": [1] * 5 + [2] * 5, "order": list(range(5)) * 2,
                          "value": SET1["value"] * 2, "lci95": SET1["lower"] * 2, "uci95": SET1["upper"] * 2,
                          "count": np.nan, "denominator": np.nan,
                          "polarity": ["high_is_good"] * 5 + ["up"] * 5, "value_type": "other"})
    with pytest.raises(ValueError, match="'up'"):
        recent_trends(frame, ["series"], order="order")
    frame["polarity"] = "low_is_good"
    assert recent_trends(frame, ["series"], order="order")["trend"].tolist() == [
        "Increasing and getting worse"] * 2


def test_years_to_reach_a_target_at_the_recent_rate():
    from lybl.stats.trend import years_to_reach
    ends = pd.date_range("2020-03-31", periods=5, freq="12MS") + pd.offsets.MonthEnd(0)
    rising = [60.0, 62.0, 64.0, 66.0, 68.0]  # two points a year
    assert years_to_reach(ends, rising, 75.0) == pytest.approx(3.5, abs=0.05)
    assert years_to_reach(ends, rising, 60.0) is None          # moving away: not closing
    assert years_to_reach(ends, [70.0] * 5, 75.0) is None      # flat: not closing
    assert years_to_reach(ends, rising, 68.0) == 0.0           # already there
    monthly = pd.date_range("2024-01-31", periods=8, freq="ME")
    assert years_to_reach(monthly, [70, 70, 70, 71, 71.5, 72, 72.5, 73], 76.0) == pytest.approx(0.5, abs=0.02)
