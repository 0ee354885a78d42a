"""Seed transcriptions: every row cites a line, the cited line holds the figure, and the rules of issue 3 hold."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lybl import config

DATA = config.DATA_DIR
REF_COLUMN = {"metric_indicator_links.csv": "metric_source_ref", "indicator_ambition.csv": "basis",
              "extract_sources.csv": "file"}


def rows(name: str) -> list[dict]:
    with open(DATA / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.csv")))
def test_every_row_has_a_source_ref(name):
    column = REF_COLUMN.get(name, "source_ref")
    if name == "sources.csv":
        column = "file"
    data = rows(name)
    assert data, f"{name} is empty"
    missing = [i + 2 for i, r in enumerate(data) if not (r.get(column) or "").strip()]
    assert missing == [], f"{name}: rows without {column}: {missing}"


def seed_line(mirror: Path, ref: str) -> str:
    file, lines = ref.split(":")
    text = (mirror / "seeds" / file).read_text(encoding="utf-8").splitlines()
    return " ".join(" ".join(text[int(n) - 1] for n in lines.split(";")).split())


def test_factsheet_rows_quote_their_line(mirror):
    for r in rows("seed001_factsheet_values.csv"):
        line = seed_line(mirror, r["source_ref"])
        assert r["statement"] in line, r["source_ref"]
        assert r["value_text"] in line and r["period_label"] in line, r["source_ref"]
        if r["published_comparison"]:
            assert r["published_comparison"] in line, r["source_ref"]


@pytest.mark.parametrize("name", ["seed003_lybl_scorecard.csv", "seed003_mii_scorecard.csv"])
def test_scorecard_figures_are_on_their_line(mirror, name):
    for r in rows(name):
        line = seed_line(mirror, r["source_ref"])
        for column in ["current_value_text", "previous_value_text", "trend_glyph", "current_period_label"]:
            if r[column]:
                assert r[column] in line, f"{r['row_id']} {column}={r[column]!r} not on {r['source_ref']}"


@pytest.mark.parametrize("name, column", [("seed000_framework.csv", "text"), ("seed004_objectives.csv", "ref"),
                                          ("seed002_golden_thread.csv", "lead_kpi"), ("seed001_ambitions.csv", "name")])
def test_structure_rows_are_on_their_line(mirror, name, column):
    for r in rows(name):
        line = seed_line(mirror, r["source_ref"])
        assert " ".join(r[column].split())[:25] in line, f"{r[column]!r} not on {r['source_ref']}"


def test_north_obesity_keeps_both_documents_and_prefers_the_newer(con):
    found = con.execute("""
        select source_id, value, is_preferred from indicator_value
        where indicator_id = 'adult_overweight_obesity' and area_code = 'E06000061'
          and period = '2020-04-01/2021-03-31' order by source_id""").fetchall()
    assert found == [("seed001", 70.0, False), ("seed003", 69.2, True)]


def test_35k_is_35000_with_a_note(con):
    value, note, text = con.execute("""select value, value_note, value_text from indicator_value
                                       where indicator_id = 'ncr_patient_views'""").fetchone()
    assert (value, text) == (35000.0, "35k patient views")
    assert "thousand" in note


def test_decimal_comma_and_national_average_comparator(con):
    found = con.execute("""select area_code, period_label, value from indicator_value
                           where indicator_id = 'primary_care_access_unnamed_measure' order by area_code""").fetchall()
    assert found == [("E54000059", "Q3", 42.1), ("E92000001", "National average 2023", 40.0)]


def test_glyphs_are_kept_as_text_only(con):
    glyphs = {g for (g,) in con.execute("select distinct published_trend from indicator_value "
                                        "where published_trend is not null").fetchall()}
    assert {"†", "↓", "+", "→", "1"} <= glyphs


def test_no_england_value_is_invented_for_the_factsheets(con):
    assert con.execute("select count(*) from indicator_value where source_id = 'seed001' "
                       "and area_code = 'E92000001'").fetchone()[0] == 0
    assert con.execute("select count(*) from indicator_value where source_id in ('seed001', 'seed003') "
                       "and (lci95 is not null or count is not null)").fetchone()[0] == 0


def test_framework_owners(con):
    owners = dict(con.execute("select framework, count(distinct owner) from metric group by framework").fetchall())
    assert owners["ICP outcomes framework (seed 000)"] == 1  # all 'not yet agreed'
    assert con.execute("select distinct owner from metric where framework like 'ICP%'").fetchall() == [("not yet agreed",)]
    assert owners["LYBL outcome scorecard (seed 003)"] > 3
    assert con.execute("select count(*) from ambition where owner = 'not yet agreed'").fetchone()[0] == 10


def test_targets_from_measure_names(con):
    targets = sorted(con.execute("select indicator_id, target from target where source_ref like '003_%'").fetchall())
    assert targets == [("ae_4hr_performance", 76.0), ("iha_sent_to_iro_17_working_days", 85.0),
                       ("rha_completed_within_timescales", 85.0)]


def test_objectives_are_labelled_as_another_systems(con):
    rows_ = con.execute("select count(*), min(system_name), min(period_label) from objective").fetchone()
    assert rows_[0] == 10 and "Mid-Nottinghamshire" in rows_[1] and rows_[2] == "2020/21"


def test_scorecard_quarter_resolved_from_last_update(con):
    periods = con.execute("""select period_label, period from indicator_value
                             where indicator_id = 'ae_4hr_performance' and source_id = 'seed003'
                             order by period_end""").fetchall()
    assert periods == [("Q2", "2023-07-01/2023-09-30"), ("Q3", "2023-10-01/2023-12-31")]


# ----------------------------------------------------------------- seed 002: Better Care Fund 2021/22

def _on_line(text: str, line: str) -> bool:
    """A printed name or quotation is on the line; ' … ' marks words left out between printed parts."""
    return all(" ".join(part.split()) in line for part in text.split(" … "))


def test_bcf_figures_are_on_their_line(mirror):
    for r in rows("seed002_bcf.csv"):
        line = seed_line(mirror, r["source_ref"])
        where = f"{r['metric_id']} ({r['source_ref']})"
        assert _on_line(r["metric"], line), f"{where} metric"
        assert _on_line(r["words"], line), f"{where} words"
        for column in ["actual_text", "plan_text", "period_label"]:
            if r[column]:
                assert r[column] in line, f"{where} {column}={r[column]!r}"
                assert r[column] in r["words"] or column == "period_label", f"{where} {column} not in its words"


def test_bcf_metrics_in_the_documents_order(con, mirror):
    found = con.execute("select metric_id, indicator_id from bcf_metric order by sort_order").fetchall()
    assert found == [("BCF1", "bcf_avoidable_admissions"), ("BCF2", "bcf_los_14_plus"), ("BCF3", "bcf_los_21_plus"),
                     ("BCF4", "discharge_to_usual_residence"), ("BCF5", "bcf_care_home_admissions"),
                     ("BCF6", "bcf_reablement_91_days")]
    # the order in which the minutes list what the Better Care Fund monitors
    line = seed_line(mirror, "002_3170e59ef2e0f1c1.txt:317")
    listed = ["avoidable admissions", "lengths of stay", "discharged to their place of residence", "care homes",
              "reablement"]
    positions = [line.index(words) for words in listed]
    assert positions == sorted(positions)


@pytest.mark.parametrize("indicator, actual, plan, text", [
    ("discharge_to_usual_residence", 95.3, 95.1, "95.1%"),
    ("bcf_care_home_admissions", 624.3, 604.0, "604"),
])
def test_bcf_plan_and_actual(con, indicator, actual, plan, text):
    found = con.execute("""
        select v.value, t.target, t.target_text, v.period_label, v.source_ref = t.source_ref
        from indicator_value as v
        inner join target as t using (indicator_id, area_code, period)
        where v.indicator_id = ? and v.area_code = 'E06000061' and v.source_id = 'seed002'""", [indicator]).fetchall()
    assert found == [(actual, plan, text, "2021/2022", True)]
    period = con.execute("select period from target where indicator_id = ?", [indicator]).fetchone()[0]
    assert period == "2021-04-01/2022-03-31"


def test_bcf_reablement_final_month_and_monthly_average(con):
    found = con.execute("""select period, period_label, category, value from indicator_value
                           where indicator_id = 'bcf_reablement_91_days' order by category""").fetchall()
    assert found == [("2022-03-01/2022-03-31", "final month", "", 72.0),
                     ("2021-04-01/2022-03-31", "2021/2022", "Monthly average for the year", 57.8)]
    # the monthly average is a breakdown, so the latest figure is the final month's
    assert con.execute("select value from latest_value where indicator_id = 'bcf_reablement_91_days'").fetchall() == [(72.0,)]


def test_bcf_metrics_without_a_figure_load_none(con):
    for indicator in ["bcf_avoidable_admissions", "bcf_los_14_plus", "bcf_los_21_plus"]:
        assert con.execute("select count(*) from indicator_value where indicator_id = ?", [indicator]).fetchone()[0] == 0
    assert con.execute("select count(*) from indicator_value where value = 8.3").fetchone()[0] == 0
    note = con.execute("select note from bcf_metric where metric_id = 'BCF2'").fetchone()[0]
    assert "8.3%" in note
    assert con.execute("select count(*) from indicator_value where source_id = 'seed002'").fetchone()[0] == 4
    assert con.execute("select count(*) from target where source_ref like '002_%'").fetchone()[0] == 2


# ----------------------------------------------------------------- series notes (documented break points)

def test_series_notes_quote_their_lines(mirror):
    for r in rows("series_notes.csv"):
        file, lines = r["source_ref"].split(":")
        text = (mirror / file).read_text(encoding="utf-8").splitlines()
        joined = " ".join(" ".join(text[int(n) - 1] for n in lines.split(";")).split())
        assert r["quote"] in joined, f"{r['area_code']} {r['period_start']}: {r['quote']!r} not on {r['source_ref']}"
