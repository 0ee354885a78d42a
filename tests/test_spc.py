"""SPC (Making Data Count XmR chart): every expected number is worked out by hand in a comment."""
import numpy as np
import pandas as pd
import pytest

from lybl.present.colours import SPC
from lybl.stats.control_chart import (
    ASSURANCE_LABELS, COLUMNS, VARIATION_LABELS, shift, spc, trend, trend_direction, two_of_three,
)

# The hand-worked base series: 15 points, all common cause.
BASE = [10, 12, 11, 13, 12, 10, 11, 12, 13, 11, 10, 12, 9, 11, 8]
# sum = (10+12+11+13+12) + (10+11+12+13+11) + (10+12+9+11+8) = 58 + 57 + 50 = 165 -> mean = 165 / 15 = 11
# moving ranges: 2,1,2,1,2,1,1,1,2,1,2,3,2,3 -> 14 of them, sum 24 -> mR̄ = 24 / 14 = 12/7 = 1.7142857
# 2.66 × 12/7 = 31.92 / 7 = 4.56 -> process limits 11 ± 4.56 = 6.44 .. 15.56
# 2-sigma: (2/3) × 4.56 = 3.04 -> 7.96 .. 14.04
# Every series below appends points to BASE and fixes the limits on it with baseline=15, so the
# appended points are judged against mean 11, limits 6.44 / 15.56 and 2-sigma lines 7.96 / 14.04.
# BASE ends ..., 11 (on the mean), 8 (below the mean, just inside the 2-sigma line 7.96).


def judged(extra, improvement=None, target=None, **kw):
    return spc(BASE + list(extra), improvement, target, baseline=15, **kw)


def test_hand_worked_mean_and_limits():
    df = spc(BASE)
    assert list(df.columns) == COLUMNS
    assert df["mean"].tolist() == pytest.approx([11.0] * 15)
    assert df["upper"].iloc[0] == pytest.approx(15.56)
    assert df["lower"].iloc[0] == pytest.approx(6.44)
    assert df["upper_2sigma"].iloc[0] == pytest.approx(14.04)
    assert df["lower_2sigma"].iloc[0] == pytest.approx(7.96)
    # sigma = mR̄ / 1.128 = 1.7142857 / 1.128 = 1.51976; 3 sigma = 4.5593 ~ 4.56 (2.66 is 3/1.128 rounded)
    assert (df["upper"].iloc[0] - 11) / 3 == pytest.approx(12 / 7 / 1.128, rel=1e-3)
    assert df["phase"].tolist() == [0] * 15
    # no rule fires: no point beyond 6.44/15.56; longest run on one side of 11 is 2 (12 | 13, 12 ...);
    # longest rise is 10, 11, 12, 13 (3 rises); nothing beyond 7.96/14.04 (8 > 7.96, 13 < 14.04)
    assert not df["special_cause"].any()
    assert set(df["point_type"]) == {"common_cause"}
    assert df["side"].isna().all()
    assert df.attrs == {"note": "", "variation": "common_cause", "assurance": None}


def test_outside_limits():
    df = judged([16])  # 16 > 15.56
    assert df["outside_limits"].tolist() == [False] * 15 + [True]
    assert df["side"].iloc[-1] == "high"
    df = judged([6])  # 6 < 6.44
    assert df["outside_limits"].iloc[-1] and df["side"].iloc[-1] == "low"
    df = judged([15.5])  # 15.5 < 15.56: inside (beyond 2 sigma, but alone in its windows)
    assert not df["special_cause"].any()
    df = judged([6.5])  # 6.5 > 6.44; the window (11, 8, 6.5) has only 6.5 below 7.96
    assert not df["special_cause"].any()


def test_shift_seven_on_one_side_but_not_six():
    # 8 (last BASE point) is below the mean, so the run above starts with the first appended point;
    # 12/13 alternate so there is no trend and none passes the 2-sigma line 14.04.
    six = judged([12, 13, 12, 13, 12, 13])
    assert not six["shift"].any() and not six["special_cause"].any()
    seven = judged([12, 13, 12, 13, 12, 13, 12])
    assert seven["shift"].tolist() == [False] * 15 + [True] * 7
    assert seven["trend"].sum() == 0 and seven["two_of_three"].sum() == 0
    assert seven["side"].iloc[15:].tolist() == ["high"] * 7


def test_shift_below_includes_earlier_points_and_point_on_mean_breaks():
    # 11 (on the mean) then 7 below: a run of 7 below -> shift low
    below = judged([11, 10, 9, 10, 9, 10, 9, 10])
    assert below["shift"].tolist() == [False] * 16 + [True] * 7
    assert below.attrs["variation"] == "neither_low"
    # BASE's last point 8 is below the mean: 8 then 6 appended below = 7 below -> the 8 is flagged too
    joined = judged([10, 9, 10, 9, 10, 9])
    assert joined["shift"].tolist() == [False] * 14 + [True] * 7
    # 7 of 8 above, but the 11 on the mean splits them into runs of 3 and 4
    broken = judged([12, 13, 12, 11, 13, 12, 13, 12])
    assert not broken["shift"].any()


def test_trend_seven_points_six_rises():
    # 8 (last BASE point) -> 9 .. 14: six rises, seven points (positions 14..20); 14 < 14.04, and
    # only 12, 13, 14 lie above the mean (no shift)
    up = judged([9, 10, 11, 12, 13, 14])
    assert up["trend"].tolist() == [False] * 14 + [True] * 7
    assert up["shift"].sum() == 0 and up["two_of_three"].sum() == 0 and up["outside_limits"].sum() == 0
    assert up["side"].iloc[14:].tolist() == ["high"] * 7  # 8 .. 11 are not above the mean, but rising
    # 8 -> 9 .. 13: five rises, six points: not a trend by default ...
    assert not judged([9, 10, 11, 12, 13])["trend"].any()
    # ... but it is with trend_points=6 (the six-point definition)
    assert judged([9, 10, 11, 12, 13], trend_points=6)["trend"].sum() == 6
    # an equal value breaks the run: 8, 9, 10, 10, 11, 12, 13 has rises of 2 and 3
    assert not judged([9, 10, 10, 11, 12, 13])["special_cause"].any()


def test_trend_falling_is_low_even_above_the_mean():
    # 8 -> 15 rises; 15, 14, 13, 12, 11, 10, 9 is seven points falling (positions 15..21).
    # 15 is beyond 14.04 but 14 is not, and 11 (on the mean) stops a shift.
    df = judged([15, 14, 13, 12, 11, 10, 9], "increase")
    assert df["trend"].tolist() == [False] * 15 + [True] * 7
    assert df["special_cause"].sum() == 7
    assert df["side"].iloc[15:].tolist() == ["low"] * 7
    assert df["point_type"].iloc[15:].tolist() == ["concern"] * 7


def test_trend_peak_takes_the_later_direction():
    # 0..6 rise (7 points), 6..0 fall (7 points): the peak 6 belongs to both and is "low" (later trend)
    d = trend_direction(np.array([0, 1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1, 0], dtype=float))
    assert d.tolist() == [1] * 6 + [-1] * 7


def test_two_of_three():
    # 14.5, 12, 14.5: two of three beyond 14.04 -> the two 14.5s, not the 12
    df = judged([11, 14.5, 12, 14.5])
    assert df["two_of_three"].tolist() == [False] * 16 + [True, False, True]
    assert df["special_cause"].sum() == 2 and df["side"].iloc[-1] == "high"
    # 14.5, 12, 12, 14.5: no window of three holds two beyond 14.04
    assert not judged([11, 14.5, 12, 12, 14.5])["special_cause"].any()
    # 14.5 above 14.04 and 7.5 below 7.96 in one window: opposite sides do not count
    assert not judged([11, 14.5, 7.5, 12])["special_cause"].any()
    # 7.5, 9, 7 below the line 7.96 twice -> low; 7 > 6.44 so neither is outside the limits
    low = judged([11, 7.5, 9, 7])
    assert low["two_of_three"].tolist() == [False] * 16 + [True, False, True]
    assert low["outside_limits"].sum() == 0 and low["side"].iloc[-1] == "low"


def test_two_of_three_counts_points_beyond_the_process_limit():
    # 16 (> 15.56) and 14.5 (> 14.04) in one window: both flagged by two-of-three; 16 also outside
    df = judged([11, 16, 14.5])
    assert df["two_of_three"].tolist()[-2:] == [True, True]
    assert df["outside_limits"].tolist()[-2:] == [True, False]


def test_rule_functions_work_on_plain_arrays():
    x = np.array([1, 2, 2, 3, 4, 5, 6, 7, 8.0])
    assert trend(x).tolist() == [False, False] + [True] * 7  # 2 -> 8: six rises; the repeated 2 breaks
    assert shift(x, np.full(9, 1.5)).tolist() == [False] + [True] * 8
    assert two_of_three(np.array([3, 0, 3.0]), np.full(3, -2.0), np.full(3, 2.0)).tolist() == [True, False, True]


@pytest.mark.parametrize("improvement, expected", [
    ("increase", "improvement"), ("decrease", "concern"), (None, "neither"),
])
def test_improvement_direction(improvement, expected):
    high = judged([16], improvement)  # 16 > 15.56: high special cause
    low = judged([6], improvement)  # 6 < 6.44: low special cause
    mirrored = {"improvement": "concern", "concern": "improvement", "neither": "neither"}[expected]
    assert high["point_type"].iloc[-1] == expected and high["side"].iloc[-1] == "high"
    assert low["point_type"].iloc[-1] == mirrored and low["side"].iloc[-1] == "low"
    assert high["point_type"].iloc[:-1].tolist() == ["common_cause"] * 15
    assert expected in SPC


@pytest.mark.parametrize("extra, improvement, icon", [
    ([], "increase", "common_cause"),
    ([16], "increase", "improvement_high"),
    ([6], "decrease", "improvement_low"),
    ([16], "decrease", "concern_high"),
    ([6], "increase", "concern_low"),
    ([16], None, "neither_high"),
    ([6], None, "neither_low"),
    ([16, 11], "increase", "common_cause"),  # the icon follows the LAST point only
])
def test_variation_icons(extra, improvement, icon):
    df = judged(extra, improvement)
    assert df.attrs["variation"] == icon
    assert icon in VARIATION_LABELS


@pytest.mark.parametrize("target, improvement, icon", [
    (20, "increase", "consistently_fail"),  # 20 > upper 15.56: higher is better, never reached
    (20, "decrease", "consistently_pass"),  # every point stays below 20
    (5, "increase", "consistently_pass"),  # 5 < lower 6.44: every point above it
    (5, "decrease", "consistently_fail"),
    (11, "increase", "hit_and_miss"),  # 6.44 <= 11 <= 15.56
    (15.5, "decrease", "hit_and_miss"),
    (20, None, None),  # no improvement direction: no assurance
    (None, "increase", None),  # no target
])
def test_assurance_icons(target, improvement, icon):
    df = spc(BASE, improvement, target)
    assert df.attrs["assurance"] == icon
    assert icon is None or icon in ASSURANCE_LABELS


def test_baseline_fixes_the_limits():
    extra = [17, 18, 17, 18, 17]
    fixed = judged(extra)
    # limits from BASE only: mean 11, upper 15.56 -> all five later points are outside
    assert fixed["mean"].tolist() == pytest.approx([11.0] * 20)
    assert fixed["upper"].tolist() == pytest.approx([15.56] * 20)
    assert fixed["outside_limits"].tolist() == [False] * 15 + [True] * 5
    # without a baseline: mean = (165 + 87) / 20 = 12.6; moving ranges add |17-8| = 9 and four 1s:
    # mR̄ = (24 + 13) / 19 = 37/19 -> upper = 12.6 + 2.66 × 37/19 = 12.6 + 5.18 = 17.78: only the 18s are out
    free = spc(BASE + extra)
    assert free["mean"].iloc[0] == pytest.approx(12.6)
    assert free["upper"].iloc[0] == pytest.approx(12.6 + 2.66 * 37 / 19)
    assert free["outside_limits"].tolist() == [False] * 15 + [False, True, False, True, False]


def test_recalc_gives_each_phase_its_own_limits():
    values = BASE + [v + 10 for v in BASE]
    df = spc(values, recalc=[15])
    assert df["phase"].tolist() == [0] * 15 + [1] * 15
    # phase 1 is BASE + 10: mean 21; its first point has no moving range (the jump 8 -> 20 is not
    # counted), so mR̄ is again 24/14 and the limits are 21 ± 4.56 = 16.44 .. 25.56
    assert df["mean"].tolist() == pytest.approx([11.0] * 15 + [21.0] * 15)
    assert df["upper"].iloc[-1] == pytest.approx(25.56) and df["lower"].iloc[-1] == pytest.approx(16.44)
    assert not df["special_cause"].any()
    # one phase: mean (165 + 315) / 30 = 16 -> the first 15 points all lie below it: a shift
    assert spc(values)["shift"].iloc[:15].all()


def test_short_phase_gets_no_limits():
    values = BASE + [v + 10 for v in BASE]
    df = spc(values, "increase", 15, recalc=[20])  # phase 1 has 10 points
    assert df["mean"].iloc[:20].notna().all() and df["mean"].iloc[20:].isna().all()
    assert "too few points for SPC" in df.attrs["note"]
    assert df.attrs["variation"] is None and df.attrs["assurance"] is None
    assert df["point_type"].iloc[20:].isna().all() and not df["special_cause"].iloc[20:].any()


def test_fourteen_points_too_few():
    # 0..13 would be a 14-point trend, but 14 < 15 points: no limits, no flags, no icons
    df = spc(list(range(14)), "increase", target=5)
    assert df["mean"].isna().all() and df["upper"].isna().all()
    assert not df[["outside_limits", "shift", "trend", "two_of_three", "special_cause"]].any().any()
    assert df["point_type"].isna().all()
    assert "too few points for SPC" in df.attrs["note"]
    assert df.attrs["variation"] is None and df.attrs["assurance"] is None
    # a baseline shorter than min_points is too few as well
    assert spc(BASE + BASE, baseline=10).attrs["note"].startswith("too few points for SPC")


def test_empty_series():
    df = spc([], "increase", target=1)
    assert len(df) == 0 and list(df.columns) == COLUMNS
    assert "too few points for SPC" in df.attrs["note"]
    assert df.attrs["variation"] is None and df.attrs["assurance"] is None


def test_series_index_is_kept():
    index = pd.date_range("2020-01-01", periods=15, freq="MS")
    df = spc(pd.Series(BASE, index=index))
    assert df.index.equals(index) and df["value"].tolist() == BASE


@pytest.mark.parametrize("kwargs, message", [
    ({"values": BASE[:5] + [np.nan] + BASE[6:]}, "NaN"),
    ({"values": BASE, "improvement": "up"}, "improvement"),
    ({"values": BASE, "improvement": "neutral"}, "improvement"),
    ({"values": BASE, "recalc": [0]}, "recalc"),
    ({"values": BASE, "recalc": [15]}, "recalc"),
    ({"values": BASE, "recalc": [8, 4]}, "recalc"),
    ({"values": [[1, 2], [3, 4]]}, "1-D"),
])
def test_bad_input_raises(kwargs, message):
    with pytest.raises(ValueError, match=message):
        spc(**kwargs)


def test_long_random_series_runs():
    rng = np.random.default_rng(2024)
    values = rng.normal(100, 10, 33_755)
    df = spc(values, "decrease", target=90, recalc=[10_000, 20_000])
    assert len(df) == 33_755 and df["phase"].max() == 2
    assert df["mean"].notna().all()
    assert df["special_cause"].dtype == bool
    assert df.attrs["assurance"] == "hit_and_miss"  # 90 lies well inside ~100 ± 30


# --- a real series: Northampton General Hospital (RNS) A&E 4-hour performance, NHS England ---------

def test_real_ae_series_with_a_recalculation_at_the_march_2024_reporting_change(mirror):
    ae = pd.read_csv(mirror / "data" / "nhse_ae_monthly_2021_2025_trust_icb_england.csv")
    rns = ae[ae["org_code"] == "RNS"].sort_values("month")
    values = rns["pct_within_4h"].to_numpy(float)
    split = int((rns["month"] < "2024-03-01").sum())
    assert len(values) == 50 and split == 35  # Apr 2021 - Feb 2024, then Mar 2024 on (Feb/Mar 2025 missing)
    out = spc(values, "increase", 76, recalc=[split])
    first = values[:split]
    mr = np.abs(np.diff(first)).mean()
    assert out["mean"].iloc[0] == pytest.approx(first.mean())
    assert out["upper"].iloc[0] == pytest.approx(first.mean() + 2.66 * mr)
    assert out["mean"].iloc[-1] == pytest.approx(values[split:].mean())
    assert out.attrs["variation"] in VARIATION_LABELS
    assert out.attrs["assurance"] in ASSURANCE_LABELS


@pytest.mark.parametrize("target", [float("nan"), np.nan])
def test_nan_target_gives_no_assurance(target):
    assert spc(BASE, "increase", target).attrs["assurance"] is None
    assert spc(BASE, "increase", None).attrs["assurance"] is None


def test_minimum_points_apply_to_the_baseline():
    # 30 points, but limits from the first 10 only: fewer than 15, so no limits and no judgement
    out = spc(BASE + BASE, "increase", baseline=10)
    assert out["mean"].isna().all() and out["point_type"].isna().all()
    assert "limits from 10 points" in out.attrs["note"]
