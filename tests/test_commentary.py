"""Commentary sentences, the Making Data Count summary, its icons, SPC rebasing and the chart notes store."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from lybl import notes
from lybl.present.mdc_icons import assurance_icon, data_uri, variation_icon
from lybl.read.commentary import comparison_sentence, scorecard_sentence, spc_sentence
from lybl.read.interventions import control_chart
from lybl.read.spc import summary, targets_of
from lybl.state import InvalidUpdate
from lybl.stats.control_chart import ASSURANCE_LABELS, VARIATION_LABELS


def monthly(values, start="2022-01-31") -> pd.DataFrame:
    ends = pd.date_range(start, periods=len(values), freq="ME")
    return pd.DataFrame({"period_label": ends.strftime("%b %Y"), "period_end": ends, "value": values,
                         "break_note": None, "recalculate": False})


def test_spc_sentence_reads_the_issue_example():
    rng = np.random.default_rng(1)
    points = control_chart(monthly(list(71 + rng.normal(0, 0.6, 24))), "high_is_good", 76.0)
    assert points.attrs["variation"] == "common_cause" and points.attrs["assurance"] == "consistently_fail"
    said = spc_sentence("A&E 4-hour performance", points, 76.0, "%")
    assert said.startswith("A&E 4-hour performance was 7")
    assert "in Dec 2023, below the 76.0% target; the variation is common cause, so the target will not be " \
           "met without change." in said


def test_spc_sentence_claims_nothing_without_limits():
    points = control_chart(monthly([70.0, 71.0, 72.0]), "high_is_good", 76.0)
    said = spc_sentence("A&E", points, 76.0, "%")
    assert "too few points" in said and "will" not in said and "common cause" not in said


def test_spc_sentence_without_target_reads_variation_only():
    points = control_chart(monthly([50.0] * 14 + [50.5, 49.5] * 3 + [60.0]), "high_is_good", None)
    said = spc_sentence("Calls", points, None, None)
    assert "special-cause improvement (high)" in said and "target" not in said


def test_after_a_special_cause_the_assurance_is_not_read():
    """Making Data Count reads assurance for a stable process only."""
    points = control_chart(monthly([50.0] * 14 + [50.5, 49.5] * 3 + [40.0]), "high_is_good", 55.0)
    assert points.attrs["variation"] == "concern_low" and points.attrs["assurance"] == "consistently_fail"
    said = spc_sentence("Calls", points, 55.0, None, word="plan")
    assert "below the 55.0 plan" in said and "will" not in said and "rebased" in said


def test_rebasing_starts_new_limits_at_the_chosen_month():
    series = monthly([10.0] * 20 + [20.0] * 20)
    plain = control_chart(series, "high_is_good", None)
    rebased = control_chart(series, "high_is_good", None, rebase="2023-09-01")
    assert plain["phase"].max() == 0
    assert rebased["phase"].iloc[19] == 0 and rebased["phase"].iloc[20] == 1  # Sep 2023 is the 21st month
    assert rebased["mean"].iloc[-1] == pytest.approx(20.0)


def test_scorecard_sentence_says_better_or_worse_only_with_a_direction_of_good():
    assert scorecard_sentence("Smoking at time of delivery", "North Northamptonshire", 12.2, "%", "2022/23", 13.0,
                              "2021/22", "down", "better") == (
        "Smoking at time of delivery in North Northamptonshire was 12.2% in 2022/23, down from 13.0% in 2021/22: "
        "better.")
    assert "no direction is marked as good" in scorecard_sentence("Calls", "X", 5, None, "Q1", 4, "Q4", "up", "")
    assert "no earlier figure" in scorecard_sentence("Calls", "X", 5, None, "Q1", None, None, "", "")
    assert "the same as" in scorecard_sentence("Calls", "X", 5, None, "Q1", 5, "Q4", "same", "no change")


def test_comparison_sentence_uses_the_test_or_the_documents_words():
    assert comparison_sentence("North", "Smoking at time of delivery", 12.2, "%", "2022/23", "worse") == (
        "North's smoking at time of delivery, 12.2% (2022/23), is significantly worse than England.")
    assert "in the document's words, “above”" in comparison_sentence("North", "A&E", 1.0, None, "Q1", None, "above")
    assert "A&E" in comparison_sentence("North", "A&E 4-hour", 1.0, None, "Q1", None)  # not lower-cased
    assert comparison_sentence("North", "Calls", 1.0, None, "Q1", "not compared: no interval").endswith(
        "is not compared with England.")


@pytest.mark.parametrize("key", list(VARIATION_LABELS))
def test_each_variation_icon_is_titled(key):
    svg = variation_icon(key)
    assert svg.startswith("<svg") and f"<title>{VARIATION_LABELS[key]}</title>" in svg
    assert data_uri(svg).startswith("data:image/svg+xml;base64,")


def test_assurance_icons_and_none():
    for key, label in ASSURANCE_LABELS.items():
        assert label.split(":")[0] in assurance_icon(key)
    assert variation_icon(None) == assurance_icon(None) == "" and data_uri("") is None


def test_summary_reads_every_series(con):
    from lybl.db import run_query
    from lybl.read.interventions import measures
    rows = summary(run_query(con, "spc_series"),
                   lambda i, a: run_query(con, "monthly_series", indicator=i, area=a),
                   targets_of(measures(run_query(con, "intervention_measures"))))
    if rows.empty:
        pytest.skip("no monthly series without the open-data extracts")
    assert set(rows["variation"]) <= set(VARIATION_LABELS)
    assert (rows["target"] == 76.0).all()  # seed 003's A&E target
    assert rows["sentence"].str.contains(" in Jul 2025").all()


def test_notes_append_withdraw_and_refuse(tmp_path, monkeypatch):
    monkeypatch.setenv("LYBL_STATE", str(tmp_path))
    notes.append_note("event", "ae", "X", date(2024, 4, 1), "a@example.org", "New triage")
    notes.append_note("trajectory", "ae", "X", date(2024, 5, 1), "a@example.org", value=74.0)
    notes.append_note("event", "ae", "Y", date(2024, 4, 1), "a@example.org", "Other series")
    found = notes.read_notes("ae", "X")
    assert list(found["kind"]) == ["event", "trajectory"] and found["entered_by"].eq("a@example.org").all()
    notes.append_note("event", "ae", "X", date(2024, 4, 1), "b@example.org", "New triage", withdrawn=True)
    assert list(notes.read_notes("ae", "X")["kind"]) == ["trajectory"]
    before = (tmp_path / notes.FILE_NAME).read_text()
    with pytest.raises(InvalidUpdate) as refused:
        notes.append_note("event", "ae", "X", date(2024, 4, 1), "", "")
    assert set(refused.value.problems) == {"label", "entered_by"}
    with pytest.raises(InvalidUpdate):
        notes.append_note("trajectory", "ae", "X", date(2024, 4, 1), "a@example.org")
    assert (tmp_path / notes.FILE_NAME).read_text() == before  # nothing half-written


def test_two_events_on_one_date_both_stand(tmp_path, monkeypatch):
    monkeypatch.setenv("LYBL_STATE", str(tmp_path))
    for label in ("Ward closed", "New triage"):
        notes.append_note("event", "ae", "X", date(2024, 4, 1), "a@example.org", label)
    notes.append_note("trajectory", "ae", "X", date(2024, 5, 1), "a@example.org", value=74.0)
    notes.append_note("trajectory", "ae", "X", date(2024, 5, 1), "a@example.org", value=75.0)  # revised
    found = notes.read_notes("ae", "X")
    assert sorted(found["label"][found["kind"] == "event"]) == ["New triage", "Ward closed"]
    assert list(found.loc[found["kind"] == "trajectory", "value"]) == [75.0]
    notes.append_note("event", "ae", "X", date(2024, 4, 1), "b@example.org", "Ward closed", withdrawn=True)
    assert list(notes.read_notes("ae", "X")["label"][lambda s: s != ""]) == ["New triage"]
