"""Benchmarking against a comparator, a target and siblings: hand-worked cases."""
from __future__ import annotations

import numpy as np
import pytest

from lybl.stats import benchmark
from lybl.present.colours import benchmark as colour
from lybl.stats.benchmarking import against_target, benchmark_two_level, quintiles


@pytest.mark.parametrize("lo,up,polarity,expected", [
    (21, 25, "high_is_good", "better"),      # whole interval above England's 20
    (15, 19, "high_is_good", "worse"),
    (18, 22, "high_is_good", "similar"),     # interval contains 20
    (20, 22, "high_is_good", "similar"),     # touching the comparator is not a difference
    (21, 25, "low_is_good", "worse"),
    (15, 19, "low_is_good", "better"),
    (21, 25, "no_judgement", "higher"),
    (15, 19, "no_judgement", "lower"),
])
def test_interval_against_comparator_value(lo, up, polarity, expected):
    assert benchmark((lo + up) / 2, lo, up, 20, polarity) == expected


def test_arrays_in_labels_out_with_reasons():
    labels = benchmark([23, np.nan, 23, 23], [21, 1, np.nan, 21], [25, 2, 26, 25],
                       [20, 20, 20, np.nan], "high_is_good")
    assert list(labels) == ["better", "not compared: no value", "not compared: no interval",
                            "not compared: no comparator"]


def test_polarity_per_row_and_unknown_polarity():
    labels = benchmark([23, 23], [21, 21], [25, 25], [20, 20], ["high_is_good", "low_is_good"])
    assert list(labels) == ["better", "worse"]
    with pytest.raises(ValueError, match="unknown polarity"):
        benchmark(1, 0, 2, 1, "up")


def test_two_level_variant():
    # 95% interval 21-25 excludes 20; 99.8% interval 19-27 does not: better at 95% only
    assert benchmark_two_level(23, 21, 25, 19, 27, 20, "high_is_good") == "better (95%)"
    assert benchmark_two_level(23, 21, 25, 20.5, 26, 20, "high_is_good") == "better (99.8%)"
    assert benchmark_two_level(17, 15, 19, 14, 19.5, 20, "high_is_good") == "worse (99.8%)"
    assert benchmark_two_level(20, 18, 22, 17, 23, 20, "high_is_good") == "similar"
    assert benchmark_two_level(23, np.nan, 25, 19, 27, 20, "high_is_good") == "not compared: no interval"
    assert colour("better (99.8%)") != colour("better (95%)")
    assert colour("not compared: no interval") == colour("not compared")


def test_against_target():
    assert against_target(95.3, 95.1, "high_is_good") == ("met", pytest.approx(0.2))
    assert against_target(624.3, 604, "low_is_good") == ("not met", pytest.approx(20.3))
    assert against_target(76, 76, "high_is_good")[0] == "met"
    assert against_target(70, np.nan, "high_is_good")[0] == "not compared: no target"
    assert against_target(70, 76, "no_judgement")[0] == "not compared: no direction of good"
    labels, gaps = against_target([80, 70], [76, 76], ["high_is_good", "high_is_good"])
    assert list(labels) == ["met", "not met"] and list(gaps) == [4, -6]


def test_quintiles():
    q, words = quintiles([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, np.nan], "low_is_good")
    assert list(q[:10]) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5] and np.isnan(q[10])
    assert words[0] == "Best" and words[9] == "Worst" and words[10] == "not ranked: no value"
    q, _ = quintiles([5, 5, 5, 9, 9])  # ties share the lower rank
    assert list(q) == [1, 1, 1, 4, 4]
    _, words = quintiles([1, 2, 3, 4, 5])
    assert list(words) == ["Lowest", "Low", "Middle", "High", "Highest"]


def test_two_level_without_a_998_interval_gives_the_plain_95_word():
    # 95% interval 21-25 excludes 20; nothing known at 99.8%: not "(95%)", which claims 99.8% includes 20
    assert benchmark_two_level(23, 21, 25, np.nan, np.nan, 20, "high_is_good") == "better"
    assert benchmark_two_level(17, 15, 19, np.nan, 21, 20, "high_is_good") == "worse"
    labels = benchmark_two_level([23, 23, 23], [21, 21, 21], [25, 25, 25], [np.nan, 19, 20.5],
                                 [np.nan, 27, 26], [20, 20, 20], "high_is_good")
    assert list(labels) == ["better", "better (95%)", "better (99.8%)"]
