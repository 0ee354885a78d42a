"""Aggregation sums counts and denominators, then recomputes; it never averages rates."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lybl.stats import aggregate, proportion_ci, rate_ci

LOOKUP = pd.DataFrame({"area_code": ["w1", "w2", "w3", "w4"], "LAP": ["L1", "L1", "L2", "L2"]})


def test_sums_then_recomputes_with_intervals():
    df = pd.DataFrame({"area_code": ["w1", "w2", "w3", "w4"], "count": [1, 30, 5, 5],
                       "denominator": [10, 1000, 50, 50]})
    out = aggregate(df, LOOKUP, "LAP").set_index("area_code")
    assert out.loc["L1", "count"] == 31 and out.loc["L1", "denominator"] == 1010
    # 31/1010, not the mean of 10% and 3%
    assert out.loc["L1", "value"] == pytest.approx(100 * 31 / 1010)
    _, lo, up = proportion_ci(31, 1010)
    assert (out.loc["L1", "lci95"], out.loc["L1", "uci95"]) == pytest.approx((lo, up))
    assert out.loc["L2", "children"] == 2 and out.loc["L2", "value"] == pytest.approx(10)
    assert out.loc["L1", "lci998"] < out.loc["L1", "lci95"]


def test_by_columns_and_rates():
    df = pd.DataFrame({"indicator_id": ["a", "a", "b", "b"], "area_code": ["w1", "w2", "w1", "w2"],
                       "count": [3, 4, 100, 200], "denominator": [1000, 2000, 1000, 2000]})
    out = aggregate(df, LOOKUP, "LAP", by=["indicator_id"], value_type="crude rate", multiplier=1000)
    assert list(out["indicator_id"]) == ["a", "b"]
    value, lo, up = rate_ci(7, 3000, multiplier=1000)
    assert out.iloc[0][["value", "lci95", "uci95"]].tolist() == pytest.approx([value, lo, up])


def test_a_missing_building_block_leaves_the_area_missing():
    df = pd.DataFrame({"area_code": ["w1", "w2", "w3", "w4"], "count": [1, np.nan, 5, 5],
                       "denominator": [10, 20, 50, 50]})
    out = aggregate(df, LOOKUP, "LAP").set_index("area_code")
    assert np.isnan(out.loc["L1", "count"]) and np.isnan(out.loc["L1", "value"])
    assert out.loc["L2", "count"] == 10


def test_unmapped_and_ambiguous_areas_raise():
    df = pd.DataFrame({"area_code": ["w9"], "count": [1], "denominator": [2]})
    with pytest.raises(ValueError, match="no LAP"):
        aggregate(df, LOOKUP, "LAP")
    twice = pd.concat([LOOKUP, LOOKUP.head(1)])
    with pytest.raises(ValueError, match="more than one LAP"):
        aggregate(df, twice, "LAP")


def test_a_child_twice_in_one_group_raises():
    df = pd.DataFrame({"indicator_id": ["a", "a", "a", "b"], "area_code": ["w1", "w2", "w1", "w1"],
                       "count": [1, 2, 3, 4], "denominator": [10, 20, 30, 40]})
    with pytest.raises(ValueError, match="w1"):
        aggregate(df, LOOKUP, "LAP", by=["indicator_id"])
    # the same child once in each of two groups is fine
    aggregate(df.iloc[[0, 1, 3]], LOOKUP, "LAP", by=["indicator_id"])


def test_a_child_without_a_row_leaves_its_parent_missing():
    # indicator a lacks w2 (in L1); indicator b has every ward
    df = pd.DataFrame({"indicator_id": ["a", "a", "a", "b", "b", "b", "b"],
                       "area_code": ["w1", "w3", "w4", "w1", "w2", "w3", "w4"],
                       "count": [1, 5, 5, 1, 2, 5, 5], "denominator": [10, 50, 50, 10, 20, 50, 50]})
    out = aggregate(df, LOOKUP, "LAP", by=["indicator_id"]).set_index(["indicator_id", "area_code"])
    assert out.loc[("a", "L1"), ["count", "denominator", "value", "lci95"]].isna().all()
    assert out.loc[("a", "L2"), "count"] == 10 and out.loc[("b", "L1"), "count"] == 3
