"""NHS England monthly A&E 4-hour performance from the mirror: the loaded figures, their notes and breaks."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from lybl.build.database import build
from lybl.db import run_query
from lybl.errors import ValidationError
from lybl.build.ingest.mirror import AE_MONTHLY, AE_NOTES, AE_ORGS
from lybl.stats.trend import ALL_LABELS

TRUSTS = {"RNQ", "RNS"}


@pytest.fixture(scope="module")
def source(mirror) -> pd.DataFrame:
    ae = pd.read_csv(mirror / AE_MONTHLY)
    return ae[ae["org_code"].isin(AE_ORGS)]


@pytest.fixture(scope="module")
def loaded(con) -> pd.DataFrame:
    return con.execute("""select * from indicator_value
                          where indicator_id = 'ae_4hr_performance' and source_id = 'nhse_ae_monthly'""").df()


def test_every_month_with_a_4_hour_count_is_loaded(source, loaded):
    expected = source[source["attendances_over_4h"].notna()].groupby("org_code").size().to_dict()
    assert expected == {"E54000059": 38, "E92000001": 38, "RNQ": 24, "RNS": 50}
    assert loaded.groupby("area_code").size().to_dict() == expected


def test_seen_within_4_hours_over_attendances(source, loaded):
    merged = loaded.assign(month=pd.to_datetime(loaded["period_start"]).dt.strftime("%Y-%m-%d")).merge(
        source.rename(columns={"org_code": "area_code"}), on=["area_code", "month"], validate="one_to_one")
    assert (merged["count"] == merged["total_attendances"] - merged["attendances_over_4h"]).all()
    assert (merged["denominator"] == merged["total_attendances"]).all()
    assert ((merged["value"] - 100 * merged["count"] / merged["denominator"]).abs() < 1e-9).all()
    assert ((merged["value"] - merged["pct_within_4h"]).abs() <= 0.005 + 1e-9).all()  # the mirror rounds to 2 dp
    assert (merged["lci95"] < merged["value"]).all() and (merged["value"] < merged["uci95"]).all()
    assert not merged["is_suppressed"].any()


def test_periods_are_calendar_months(loaded):
    july = loaded[(loaded["area_code"] == "E92000001") & (loaded["period_label"] == "Jul 2025")]
    assert july["period"].tolist() == ["2025-07-01/2025-07-31"]
    assert round(float(july["value"].iloc[0]), 1) == 76.4  # NHS England's published headline for July 2025
    feb = loaded[loaded["period_label"] == "Feb 2024"]["period"].unique().tolist()
    assert feb == ["2024-02-01/2024-02-29"]
    assert loaded[loaded["period_label"].isin(["Feb 2025", "Mar 2025"])].empty  # missing in the mirror


def test_data_notes_in_plain_words(source, loaded):
    notes = loaded.set_index(["area_code", "period_label"])["value_note"]
    assert notes[("E54000059", "May 2023")].startswith("Overstated: the ICB total counts the attendances of field-test "
                                                       "trusts (RNQ)")
    assert notes[("E92000001", "May 2023")].startswith("Overstated: England")
    assert notes[("RNQ", "Mar 2024")].startswith("Reporting change from March 2024")
    assert pd.isna(notes[("E54000059", "Jun 2023")]) and pd.isna(notes[("RNS", "Jul 2025")])
    codes = {n.split(":")[0] for n in source["data_note"].dropna()}
    assert codes <= set(AE_NOTES)


def test_skipped_months_are_reported(con):
    skipped = con.execute("select value from build_info where key = 'skipped'").fetchone()[0]
    assert f"{AE_MONTHLY}: 26 months of RNQ (Apr 2021 to May 2023) without a 4-hour count, not loaded" in skipped


def test_trusts_are_areas_outside_the_place_filter(con, source):
    trusts = con.execute("""select area_code, area_name, area_type, parent_code, sort_order from area
                            where area_type = 'NHS trust' order by area_code""").fetchall()
    names = source.drop_duplicates("org_code").set_index("org_code")["org_name"]
    assert trusts == [("RNQ", names["RNQ"], "NHS trust", "E54000059", 6),
                      ("RNS", names["RNS"], "NHS trust", "E54000059", 7)]
    offered = set(run_query(con, "place_options")["area_code"])
    assert offered == {"E54000059", "E06000061", "E06000062"}
    icb_scope = {a for (a,) in con.execute("select area_code from area_scope where scope_code = 'E54000059'").fetchall()}
    assert icb_scope.isdisjoint(TRUSTS)


def test_trends_benchmarks_and_no_suppression(con):
    trends = dict(con.execute("select area_code, trend from trend where indicator_id = 'ae_4hr_performance'").fetchall())
    assert set(trends) == set(AE_ORGS)
    assert set(trends.values()) <= set(ALL_LABELS)
    assert not any(t.startswith("Cannot") for t in trends.values())
    assert con.execute("""select count(*) from indicator_value
                          where indicator_id = 'ae_4hr_performance' and is_suppressed""").fetchone()[0] == 0
    compared = con.execute("""select count(*) from benchmark where indicator_id = 'ae_4hr_performance'
                              and comparator_code = 'E92000001' and benchmark not like 'not compared%'""").fetchone()[0]
    assert compared == 24 + 38 + 38  # RNQ, RNS and the ICB from April 2022, when England starts


def test_series_notes_mark_the_break_points(con):
    found = con.execute("""select area_code, period_start::varchar, recalculate_limits from series_note
                           where indicator_id = 'ae_4hr_performance' order by period_start, area_code""").fetchall()
    assert found == [("E54000059", "2023-06-01", True), ("E92000001", "2023-06-01", True), ("RNQ", "2023-06-01", False),
                     ("RNQ", "2024-03-01", True), ("RNS", "2024-03-01", True)]
    first_rnq = con.execute("""select min(period_start)::varchar from indicator_value
                               where indicator_id = 'ae_4hr_performance' and area_code = 'RNQ'""").fetchone()[0]
    assert first_rnq == "2023-06-01"


# ----------------------------------------------------------------- bad input in the mirror file

def _mirror_with(tmp_path: Path, mirror: Path, org: str, month: str, column: str, value: str) -> Path:
    """A scratch mirror holding only the A&E file, with one cell changed; returns its folder."""
    folder = tmp_path / "mirror"
    (folder / "data").mkdir(parents=True)
    with open(mirror / AE_MONTHLY, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if (row["org_code"], row["month"]) == (org, month):
            row[column] = value
    with open(folder / AE_MONTHLY, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return folder


def _row_of(mirror: Path, org: str, month: str) -> int:
    with open(mirror / AE_MONTHLY, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.startswith(f"{org},") and f",{month}," in line:
                return number
    raise AssertionError(f"{org} {month} not in the mirror file")


@pytest.mark.parametrize("org, month, column, value, reason", [
    ("RNS", "2024-03-01", "attendances_over_4h", "99999", "is not between 0 and the 15384 attendances"),
    ("E54000059", "2023-01-01", "data_note", "something_new", "is not a data note this build knows"),
    ("RNQ", "2024-01-01", "org_name", "Kettering Hospital", "but areas.csv names RNQ"),
    ("RNS", "2022-05-01", "month", "2022-05-15", "is not the first day of a month"),
])
def test_bad_mirror_rows_name_file_row_and_column(mirror, data_copy, tmp_path, org, month, column, value, reason):
    folder = _mirror_with(tmp_path, mirror, org, month, column, value)
    with pytest.raises(ValidationError) as caught:
        build(db=tmp_path / "x.duckdb", data_dir=data_copy, open_data=folder, log=lambda line: None)
    error = caught.value
    assert (error.file, error.row, error.column) == (AE_MONTHLY, _row_of(mirror, org, month), column)
    assert reason in error.reason
    assert not (tmp_path / "x.duckdb").exists()


def test_mirror_without_the_file_is_skipped_with_a_message(data_copy, tmp_path):
    folder = tmp_path / "empty_mirror"
    folder.mkdir()
    lines = []
    build(db=tmp_path / "x.duckdb", data_dir=data_copy, open_data=folder, log=lines.append)
    assert f"skipped {AE_MONTHLY} (not in {folder})" in lines
    lines = []
    build(db=tmp_path / "y.duckdb", data_dir=data_copy, open_data=None, log=lines.append)
    assert f"skipped {AE_MONTHLY} (built from data/ alone: no open data)" in lines


def test_series_notes_need_known_codes(data_copy, tmp_path):
    path = data_copy / "series_notes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",RNS,", ",RXX,", 1), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"series_notes.csv, row 6, column 'area_code': unknown area code 'RXX'"):
        build(db=tmp_path / "x.duckdb", data_dir=data_copy, open_data=None, log=lambda line: None)

