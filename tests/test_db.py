"""Named queries: headers, bound parameters, code checks, and each one runs on the built database."""
import pytest

from lybl import db
from lybl.errors import QueryError, UnknownCode

SAMPLE_PARAMS = {"area": "E54000059", "ambition": 1, "indicator": "adult_smoking_prevalence", "since": "2023-06-01",
                 "lap": "N4",
                 "level": "LAP", "today": "2026-11-29", "indicators": ["adult_smoking_prevalence"],
                 "areas": ["E54000059", "E06000061"]}


@pytest.mark.parametrize("name", db.query_names())
def test_every_query_has_a_header_and_runs(con, name):
    query = db.load_query(name)
    assert query.description, f"queries/{name}.sql needs a sentence saying what one row is"
    frame = db.run_query(con, name, **{p: SAMPLE_PARAMS[p] for p in query.params})
    assert len(frame.columns) > 0


def test_parameters_must_match_the_file(con):
    with pytest.raises(QueryError, match=r"takes parameters \['area'\], was given \[\]"):
        db.run_query(con, "ambition_latest_values")
    with pytest.raises(QueryError, match="was given"):
        db.run_query(con, "ambitions", area="E54000059")


def test_unknown_codes_are_named(con):
    with pytest.raises(UnknownCode, match="Unknown area code 'E06999999'"):
        db.run_query(con, "ambition_latest_values", area="E06999999")
    with pytest.raises(UnknownCode, match="Unknown query code 'no_such_query'"):
        db.run_query(con, "no_such_query")


def test_values_are_bound_not_formatted(con):
    hostile = "E54000059' or '1'='1"
    with pytest.raises(UnknownCode):
        db.run_query(con, "ambition_latest_values", area=hostile)


def test_scope_of_the_icb_is_itself_and_its_places(con):
    frame = db.run_query(con, "ambition_latest_values", area="E54000059")
    assert set(frame["area_code"]) <= {"E54000059", "E06000061", "E06000062"}
    north = db.run_query(con, "ambition_latest_values", area="E06000061")
    assert set(north["area_code"]) == {"E06000061"}


def test_values_stored_sorted_by_indicator_and_period(con):
    rows = con.execute("select indicator_id, period_end from indicator_value").fetchall()
    assert rows == sorted(rows, key=lambda r: (r[0], r[1]))


def test_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(db.DatabaseMissing, match="make db"):
        db.connect(tmp_path / "none.duckdb")
