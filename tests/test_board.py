"""The board views' own logic: direction of change, the one-sentence summary, targets and SPC phases."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lybl.read.indicator import sentence
from lybl.read.interventions import control_chart, headline, measures
from lybl.read.scorecard import change, pair


def test_change_uses_polarity_not_glyphs():
    direction, judgement = change([75.4, 76.9, 47.5, 10, np.nan], [74.2, 78.3, 47.5, 12, 5],
                                  ["high_is_good", "high_is_good", "low_is_good", "no_judgement", "low_is_good"])
    assert list(direction) == ["up", "down", "same", "down", ""]
    assert list(judgement) == ["better", "worse", "no change", "", ""]
    _, low = change([68.3], [69.2], ["low_is_good"])  # obesity down: better
    assert low[0] == "better"


def test_scorecards_write_figures_from_the_value_not_the_printed_text():
    """The documents print '42,1%' and '35k': the scorecards show 42.1% and 35,000 (the text stays provenance)."""
    row = dict(period_label="Q3", period_end=pd.Timestamp("2023-12-31"), polarity="high_is_good",
               is_suppressed=False)
    cur = pd.DataFrame([dict(row, value=42.1, value_text="42,1%", unit="%"),
                        dict(row, value=35000.0, value_text="35k patient views", unit="count"),
                        dict(row, value=2598.4, value_text="2598.40", unit="per 100,000")])
    prev = cur.assign(value=[40.0, 30000.0, 2600.0], value_text=["40%", "30k", "2,600"], period_label="Q2")
    out = pair(cur, prev)
    assert [n.split(" (")[0] for n in out["now"]] == ["42.1%", "35,000", "2,598.4 per 100,000"]
    assert [w.split(" (")[0] for w in out["was"]] == ["was 40.0%", "was 30,000", "was 2,600.0 per 100,000"]


def test_sentence_computed_quoted_or_none():
    assert sentence("North Northamptonshire", "worse", "Decreasing and getting better", None) == \
        "North Northamptonshire is significantly worse than England and is getting better (decreasing)."
    quoted = sentence("West Northamptonshire", None, "Cannot be calculated", "Worse than England average")
    assert "in the document's words, “Worse than England average”" in quoted
    assert "no recent trend yet" in quoted
    assert "has no comparison with England" in sentence("X", None, "No significant change", None)
    assert sentence("X", "similar", "Increasing", None).endswith("similar to England and is increasing.")


def _measure_rows():
    base = dict(intervention_id="MII2", intervention="Supporting", sort_order=2, indicator_id="a",
                good_is="High", target_text="76%", last_update="", note="", polarity="high_is_good", unit="%",
                is_suppressed=False, source_id="s", source_ref="f:1", value_text=None)
    return pd.DataFrame([
        dict(base, measure_id="m1", measure="A&E", target=76.0, recency=1, period_label="Jul 2025", value=71.0,
             period_end=pd.Timestamp("2025-07-31")),
        dict(base, measure_id="m1", measure="A&E", target=76.0, recency=2, period_label="Jun 2025", value=74.5,
             period_end=pd.Timestamp("2025-06-30")),
        dict(base, measure_id="m2", measure="IHA", target=85.0, recency=1, period_label="Nov 23", value=86.0,
             period_end=pd.Timestamp("2023-11-30")),
        dict(base, measure_id="m3", measure="none", indicator_id=None, target=np.nan, recency=np.nan,
             period_label=None, value=np.nan, period_end=pd.NaT, polarity=None, target_text=None),
    ])


def test_measures_against_target_and_headline():
    m = measures(_measure_rows()).set_index("measure_id")
    assert m.loc["m1", "target_status"] == "not met" and m.loc["m1", "gap"] == -5.0
    assert m.loc["m1", "change"] == "▼ worse" and m.loc["m1", "was"] == "was 74.5% (Jun 2025)"
    assert m.loc["m2", "target_status"] == "met"
    assert m.loc["m3", "now"] == "" and m.loc["m3", "target_status"] == ""
    assert headline(m.reset_index()) == "1 of 2 measures with a target meeting it"


def test_control_chart_restarts_limits_at_a_break():
    values = [80.0 + (i % 3) for i in range(20)] + [70.0 + (i % 3) for i in range(20)]
    series = pd.DataFrame({"period_label": [f"m{i}" for i in range(40)],
                           "period_end": pd.date_range("2021-01-31", periods=40, freq="ME"),
                           "value": values, "break_note": None, "recalculate": [False] * 20 + [True] + [False] * 19})
    points = control_chart(series, "high_is_good", 76.0)
    assert points["phase"].nunique() == 2
    assert points["mean"].iloc[0] == 81.0 - 0.05 and points["mean"].iloc[-1] == 71.0 - 0.05
    assert points.attrs["assurance"] == "consistently_fail"  # the last phase's limits lie below 76


def test_pair_says_suppressed_and_no_previous_figure():
    from lybl.read.scorecard import pair
    cur = pd.DataFrame({"value": [np.nan, 10.0], "value_text": [None, None], "period_label": ["2021", "2022"],
                        "period_end": pd.to_datetime(["2021-12-31", "2022-12-31"]), "unit": ["%", "%"],
                        "polarity": ["high_is_good", None], "is_suppressed": [np.True_, False]}, index=["a", "b"])
    prev = cur.iloc[:0]
    out = pair(cur, prev)
    assert list(out["now"]) == ["suppressed", "10.0% (2022)"] and list(out["was"]) == ["", ""]
    assert list(out["change"]) == ["no previous figure", "no previous figure"]


OLD_CHANGES_SQL = """
with ranked as (
    select f.*,
        row_number() over (partition by f.indicator_id, f.area_code order by f.period_end desc) as recency_now,
        row_number() over (partition by f.indicator_id, f.area_code, f.known_on <= cast($since as date)
                           order by f.period_end desc) as recency_then
    from mart_figure_history as f),
now_ as (select * from ranked where recency_now = 1 and known_on > cast($since as date)),
then_ as (select * from ranked where recency_then = 1 and known_on <= cast($since as date))
select n.indicator_id, n.area_code, n.value as now_value, n.benchmark as now_benchmark,
       t.period_label as then_period, t.value as then_value, t.benchmark as then_benchmark
from now_ as n left join then_ as t on t.indicator_id = n.indicator_id and t.area_code = n.area_code
order by n.indicator_id, n.area_code
"""


@pytest.mark.parametrize("since", ["2020-01-01", "2022-09-06", "2023-06-01", "2024-06-01", "2030-01-01"])
def test_changes_since_ranks_as_the_window_query_did(con, since):
    """lybl.read.compare.changes_since (pandas) against the SQL window query it replaced, as an oracle."""
    from lybl.read.compare import changes_since
    from lybl.db import run_query
    ours = changes_since(run_query(con, "figure_history", since=since), since).sort_values(["indicator_id", "area_code"])
    sql = con.execute(OLD_CHANGES_SQL, {"since": since}).df()
    cols = ["indicator_id", "area_code", "now_value", "now_benchmark", "then_period", "then_value", "then_benchmark"]
    def plain(frame):
        frame = frame[cols].reset_index(drop=True).astype(object)
        return frame.where(frame.notna(), None)
    assert len(ours) == len(sql) > (0 if since < "2030" else -1)
    pd.testing.assert_frame_equal(plain(ours), plain(sql), check_dtype=False)


def test_years_to_close_the_gap_only_where_the_trend_test_found_a_change():
    from lybl.read.indicator import gap_sentence
    series = pd.DataFrame({"period_end": pd.date_range("2024-01-31", periods=5, freq="ME"),
                           "value": [71.0, 71.5, 72.0, 72.5, 73.0], "is_suppressed": False})
    closing = gap_sentence("Northamptonshire", series, 76.0, "Increasing and getting better", "%")
    assert "reach England's current value, 76.0%, in about 0.5 years" in closing
    assert "not closing" in gap_sentence("North", series, 70.0, "Increasing and getting worse", "%")
    assert gap_sentence("North", series, 76.0, "No significant change", "%") is None  # no rate is claimed
    assert gap_sentence("North", series, 76.0, "Cannot be calculated", "%") is None
    assert gap_sentence("North", series, float("nan"), "Increasing and getting better", "%") is None
