"""lybl.stats.intervals against PHStatsMethods (DHSC) oracle tables, plus the edges the oracle lacks."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2

from lybl.stats import dsr_ci, proportion_ci, rate_ci
from lybl.stats.intervals import intervals, z_value

ORACLE = Path(__file__).parent / "oracle"
RTOL = 1e-6
LEVELS = [(0.95, "95"), (0.998, "99_8")]


def close(ours, theirs):
    np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=1e-9)


@pytest.mark.parametrize("table,fn", [("proportions", proportion_ci), ("rates", rate_ci)])
@pytest.mark.parametrize("conf,tag", LEVELS)
def test_proportions_and_rates_match_phstatsmethods(table, fn, conf, tag):
    t = pd.read_csv(ORACLE / f"{table}.csv")
    assert len(t) >= 2000
    if table == "rates":
        assert (t["count"] < 10).any() and (t["count"] >= 10).any()  # exact and Byar's both exercised
    value, lower, upper = fn(t["count"], t["denominator"], conf)
    close(value, t["value"])
    close(lower, t[f"lower_{tag}_ci"])
    close(upper, t[f"upper_{tag}_ci"])


@pytest.mark.parametrize("conf,tag", LEVELS)
def test_dsr_matches_phstatsmethods(conf, tag):
    inputs = pd.read_csv(ORACLE / "dsr_inputs.csv")
    t = pd.read_csv(ORACLE / "dsr.csv").set_index("id")
    ours = dsr_ci(inputs["count"], inputs["population"], inputs["esp"], groups=inputs["id"], conf=conf)
    assert (t["total count"] < 10).any()  # the withheld branch is exercised
    close(ours["count"], t["total count"])
    close(ours["value"], t["value"])
    close(ours["lower"], t[f"lower_{tag}_ci"])
    close(ours["upper"], t[f"upper_{tag}_ci"])


def test_z_values_are_fingertips_constants():
    assert z_value(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert z_value(0.998) == pytest.approx(3.090232, abs=1e-6)
    with pytest.raises(ValueError):
        z_value(95)


# --- edges the oracle's own workbooks lack -------------------------------------------------------

def test_zero_count_rate_is_zero_with_exact_upper_limit():
    value, lower, upper = rate_ci(0, 50_000)
    assert value == 0 and lower == 0
    # exact upper limit of a zero count: chi2(0.975, 2) / 2 = -ln(0.025) = 3.6889 events
    assert upper == pytest.approx(-np.log(0.025) / 50_000 * 100_000, rel=1e-9)
    _, _, upper998 = rate_ci(0, 50_000, conf=0.998)
    assert upper998 == pytest.approx(-np.log(0.001) / 50_000 * 100_000, rel=1e-9)


def test_zero_count_proportion():
    value, lower, upper = proportion_ci(0, 40)
    assert value == 0 and lower == pytest.approx(0, abs=1e-12)
    z2 = z_value(0.95) ** 2
    assert upper == pytest.approx(z2 / (40 + z2) * 100)  # Wilson upper limit of 0/n


def test_count_equal_to_denominator():
    value, lower, upper = proportion_ci(25, 25)
    z2 = z_value(0.95) ** 2
    assert value == 100 and upper == pytest.approx(100)
    assert lower == pytest.approx(25 / (25 + z2) * 100)


def test_tiny_denominators():
    value, lower, upper = proportion_ci(1, 1)
    assert value == 100 and 0 < lower < 100 and upper == pytest.approx(100)
    value, lower, upper = rate_ci(1, 1, multiplier=1)
    assert (lower, upper) == pytest.approx((chi2.ppf(0.025, 2) / 2, chi2.ppf(0.975, 4) / 2))


def test_missing_values_give_nan_not_errors():
    value, lower, upper = proportion_ci([np.nan, 5], [10, np.nan])
    assert np.isnan(value).all() and np.isnan(lower).all() and np.isnan(upper).all()
    value, lower, upper = rate_ci([np.nan, 3], [1000, 1000])
    assert np.isnan([value[0], lower[0], upper[0]]).all() and not np.isnan(upper[1])


def test_scalars_in_scalars_out_arrays_in_arrays_out():
    assert isinstance(proportion_ci(1, 2)[1], float)
    assert proportion_ci(np.array([1, 2]), np.array([4, 4]))[1].shape == (2,)


@pytest.mark.parametrize("count,denominator", [(-1, 10), (11, 10), (1, 0), (1, -5)])
def test_impossible_inputs_raise(count, denominator):
    with pytest.raises(ValueError):
        proportion_ci(count, denominator)


def test_byar_boundary_at_ten():
    # 9 uses the exact interval, 10 uses Byar's approximation (Fingertips' rule)
    _, lower9, _ = rate_ci(9, 1, multiplier=1)
    assert lower9 == pytest.approx(chi2.ppf(0.025, 18) / 2)
    _, lower10, _ = rate_ci(10, 1, multiplier=1)
    z = z_value(0.95)
    assert lower10 == pytest.approx(10 * (1 - 1 / 90 - z / (3 * np.sqrt(10))) ** 3)


def test_dsr_withheld_below_ten_and_single_area_returns_scalars():
    value, lower, upper = dsr_ci([2, 3], [1000, 2000], [5000, 5000])
    assert np.isnan([value, lower, upper]).all()
    value, lower, upper = dsr_ci([20, 30], [1000, 2000], [5000, 5000])
    # (20/1000*5000 + 30/2000*5000) / 10000 * 1e5 = 1750
    assert value == pytest.approx(1750) and lower < 1750 < upper


def test_intervals_by_value_type():
    out = intervals(np.array([5, 50]), np.array([100, 100]), "proportion", 100)
    assert set(out) == {"value", "lci95", "uci95", "lci998", "uci998"}
    assert (out["lci998"] < out["lci95"]).all() and (out["uci998"] > out["uci95"]).all()
    with pytest.raises(ValueError, match="no interval method"):
        intervals([1], [2], "directly standardised rate", 100_000)


def test_scalar_count_with_array_denominator_broadcasts():
    value, lower, upper = proportion_ci(5, [10, 20])
    assert value.shape == lower.shape == upper.shape == (2,)
    assert value == pytest.approx([50, 25])
    assert (lower[1], upper[1]) == pytest.approx(proportion_ci(5, 20)[1:])
    value, lower, upper = rate_ci(5, np.array([1000, 2000]))
    assert value == pytest.approx([500, 250]) and upper[1] == pytest.approx(rate_ci(5, 2000)[2])
    assert isinstance(proportion_ci(5, 10)[0], float)


@pytest.mark.parametrize("column", ["count", "population", "standard"])
def test_dsr_group_with_a_missing_input_is_missing(column):
    data = {"count": [50.0, 60, 30, 40], "population": [1000.0, 2000, 1000, 2000],
            "standard": [5000.0, 5000, 5000, 5000]}
    data[column][1] = np.nan
    out = dsr_ci(data["count"], data["population"], data["standard"], groups=["a", "a", "b", "b"])
    assert out.loc["a", ["value", "lower", "upper", "count"]].isna().all()
    assert out.loc["b"].notna().all() and out.loc["b", "count"] == 70


def test_dsr_missing_group_label_raises_and_scalars_work():
    with pytest.raises(ValueError, match="no group label"):
        dsr_ci([50, 60, 30], [1000, 2000, 1000], [5000, 5000, 5000], groups=["a", None, "b"])
    with pytest.raises(ValueError, match="no group label"):
        dsr_ci([50, 60, 30], [1000, 2000, 1000], [5000, 5000, 5000], groups=[1.0, np.nan, 2.0])
    value, lower, upper = dsr_ci(12, 1000, 5000)
    assert value == pytest.approx(1200) and lower < value < upper
    assert (value, lower, upper) == pytest.approx(dsr_ci([12], [1000], [5000]))
