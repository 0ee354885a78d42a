"""One broken file per validation rule: the message names file, row and column; the old database survives."""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from lybl.build.database import build
from lybl.errors import ValidationError
from lybl.build.ingest.local import VALUE_COLUMNS

GOOD_VALUE = dict(indicator_id="census_bad_health", area_code="E06000061", period_label="2021", sex="Persons",
                  age="All ages", category_type="", category="", value="5.0", lci95="4.9", uci95="5.1",
                  lci998="4.8", uci998="5.2", count="50", denominator="1000", value_note="",
                  published_comparison="", date_of_data="2022-06-28", source_id="lybl",
                  source_ref="tests/test_build_validation.py", is_synthetic="true")


def write_values(folder: Path, rows: list[dict]) -> None:
    with open(folder / "values_test.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=VALUE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def edit_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell; ``row`` counts as a spreadsheet does (header = 1)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
        fields = list(rows[0].keys())
    rows[row - 2][column] = value
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def previous_db(tmp_path, data_copy) -> Path:
    db = tmp_path / "previous.duckdb"
    build(db=db, data_dir=data_copy, open_data=None, log=lambda line: None)
    return db


def values_case(**changes):
    return lambda folder: write_values(folder, [GOOD_VALUE, {**GOOD_VALUE, "area_code": "E06000062", **changes}])


def cell_case(file, row, column, value):
    return lambda folder: edit_cell(folder / file, row, column, value)


RULES = [
    # (rule, breaker, file, row, column, words in the reason)
    ("unknown area code", cell_case("seed001_factsheet_values.csv", 3, "area_code", "E06999999"),
     "seed001_factsheet_values.csv", 3, "area_code", "unknown area code 'E06999999'"),
    ("unknown indicator code", cell_case("seed003_lybl_scorecard.csv", 2, "indicator_id", "no_such_thing"),
     "seed003_lybl_scorecard.csv", 2, "indicator_id", "unknown indicator code"),
    ("unparseable period", cell_case("seed001_factsheet_values.csv", 5, "period_label", "last year"),
     "seed001_factsheet_values.csv", 5, "period_label", "not a period"),
    ("figure that is not a number", cell_case("seed001_factsheet_values.csv", 4, "value_text", "about 40%"),
     "seed001_factsheet_values.csv", 4, "value_text", "not a figure"),
    ("number where a number belongs", values_case(value="five"), "values_test.csv", 3, "value", "not a number"),
    ("lower limit above the value", values_case(lci95="5.05"), "values_test.csv", 3, "lci95", "above the value"),
    ("upper limit below the value", values_case(uci998="4.95"), "values_test.csv", 3, "uci998", "below the value"),
    ("count above denominator", values_case(count="1001"), "values_test.csv", 3, "count", "above the denominator"),
    ("negative count", values_case(count="-1"), "values_test.csv", 3, "count", "negative"),
    ("duplicate key", values_case(area_code="E06000061"), "values_test.csv", 3, "indicator_id", "duplicate key"),
    ("unknown polarity", cell_case("indicators.csv", 2, "polarity", "up_is_good"),
     "indicators.csv", 2, "polarity", "is not one of"),
    ("duplicate indicator", cell_case("indicators.csv", 3, "indicator_id", "adult_overweight_obesity"),
     "indicators.csv", 3, "indicator_id", "duplicate indicator_id"),
    ("unknown parent area", cell_case("areas.csv", 4, "parent_code", "E99"),
     "areas.csv", 4, "parent_code", "unknown parent area"),
    ("polarity disagreeing with 'good is'", cell_case("seed003_lybl_scorecard.csv", 3, "good_is", "Low"),
     "seed003_lybl_scorecard.csv", 3, "good_is", "disagrees"),
    ("unknown intervention", cell_case("seed003_mii_scorecard.csv", 2, "intervention", "Digital"),
     "seed003_mii_scorecard.csv", 2, "intervention", "is not one of"),
    ("source reference that cites no line", cell_case("seed004_objectives.csv", 2, "source_ref", "seed 004"),
     "seed004_objectives.csv", 2, "source_ref", "is not '004_<id>.txt:LINE'"),
    ("unknown area type", cell_case("areas.csv", 7, "area_type", "Hospital"), "areas.csv", 7, "area_type",
     "is not one of"),
    ("BCF unit disagreeing with the indicator", cell_case("seed002_bcf.csv", 6, "unit", "%"),
     "seed002_bcf.csv", 6, "unit", "is not indicator bcf_care_home_admissions's unit"),
    ("BCF plan that is not a figure", cell_case("seed002_bcf.csv", 5, "plan_text", "about 95%"),
     "seed002_bcf.csv", 5, "plan_text", "not a figure"),
    ("BCF figure without a period", cell_case("seed002_bcf.csv", 7, "period", ""),
     "seed002_bcf.csv", 7, "period", "a value is required"),
    ("BCF 'good is' disagreeing with polarity", cell_case("seed002_bcf.csv", 4, "good_is", "High"),
     "seed002_bcf.csv", 4, "good_is", "disagrees"),
    ("BCF metric rows apart", cell_case("seed002_bcf.csv", 8, "metric_id", "BCF4"),
     "seed002_bcf.csv", 8, "metric_id", "rows apart"),
    ("BCF source reference to another seed", cell_case("seed002_bcf.csv", 2, "source_ref", "003_82003d86ca3c720c.txt:1"),
     "seed002_bcf.csv", 2, "source_ref", "is not '002_<id>.txt:LINE'"),
    ("series note with a date that is not one", cell_case("series_notes.csv", 5, "period_start", "March 2024"),
     "series_notes.csv", 5, "period_start", "is not a date"),
]


@pytest.mark.parametrize("rule, breaker, file, row, column, reason", RULES, ids=[r[0] for r in RULES])
def test_rule_names_row_and_column_and_keeps_old_db(rule, breaker, file, row, column, reason, data_copy, previous_db):
    before = digest(previous_db)
    breaker(data_copy)
    with pytest.raises(ValidationError) as caught:
        build(db=previous_db, data_dir=data_copy, open_data=None, log=lambda line: None)
    error = caught.value
    assert (Path(error.file).name, error.row, error.column) == (file, row, column)
    assert reason in error.reason
    assert f"row {row}, column '{column}'" in str(error)
    assert digest(previous_db) == before
    assert sorted(p.name for p in previous_db.parent.iterdir() if p.name.endswith(".tmp")) == []


def test_missing_column_is_named(data_copy, previous_db):
    path = data_copy / "seed004_objectives.csv"
    path.write_text(path.read_text().replace("smart_measure", "smart", 1))
    with pytest.raises(ValidationError, match=r"seed004_objectives.csv, row 1, column 'smart_measure': column missing"):
        build(db=previous_db, data_dir=data_copy, open_data=None, log=lambda line: None)


def test_missing_required_file(data_copy, previous_db):
    (data_copy / "seed003_mii_scorecard.csv").unlink()
    with pytest.raises(ValidationError, match="seed003_mii_scorecard.csv: required file is missing"):
        build(db=previous_db, data_dir=data_copy, open_data=None, log=lambda line: None)


def test_good_values_file_loads(data_copy, tmp_path):
    write_values(data_copy, [GOOD_VALUE])
    report = build(db=tmp_path / "x.duckdb", data_dir=data_copy, open_data=None, log=lambda line: None)
    assert any(d["file"] == "data/values_test.csv" and d["rows"] == 1 for d in report.loaded)


def test_without_mirror_says_what_it_skipped(data_copy, tmp_path):
    lines = []
    build(db=tmp_path / "x.duckdb", data_dir=data_copy, open_data=None, log=lines.append)
    assert any(line.startswith("skipped data/census2021") for line in lines)
    assert any(line.startswith("built ") for line in lines)


def test_cli_exits_non_zero_with_the_message(data_copy, tmp_path):
    import subprocess
    import sys
    edit_cell(data_copy / "areas.csv", 4, "parent_code", "E99")
    result = subprocess.run([sys.executable, "-m", "lybl", "build", "--db", str(tmp_path / "x.duckdb"),
                             "--data", str(data_copy), "--seeds-only"], capture_output=True, text=True)
    assert result.returncode == 1
    assert "areas.csv, row 4, column 'parent_code'" in result.stderr
    assert not (tmp_path / "x.duckdb").exists()
