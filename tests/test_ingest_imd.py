"""English Indices of Deprivation 2025 district summaries from the mirror: the loaded figures and bad input."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lybl.errors import ValidationError
from lybl.build.ingest import imd
from lybl.build.ingest.imd import FILE, MEASURES, N_DISTRICTS, SOURCE_ID
from lybl.build.ingest.local import Context
from tests.csv_edit import edit_csv, line_of

PLACES = ("E06000061", "E06000062")
#: the mirror's file for the two councils alone (../shared/data/README.md section 2)
PLACES_FILE = "data/imd2025_lad24_summary.csv"


@pytest.fixture(scope="module")
def loaded(mirror, census_context) -> tuple[Context, dict[str, list[dict]]]:
    ctx = census_context()
    return ctx, imd.load(mirror, ctx)


@pytest.fixture(scope="module")
def stored(con) -> pd.DataFrame:
    return con.execute("select * from indicator_value where source_id = $s", {"s": SOURCE_ID}).df()


# ----------------------------------------------------------------- the loader's output

def test_four_indicators(loaded):
    ctx, tables = loaded
    found = {i["indicator_id"]: i for i in tables["indicator"]}
    assert set(found) == {"imd2025_imd_average_score", "imd2025_imd_most_deprived_10pct",
                          "imd2025_imd_rank_of_average_score",
                          "imd2025_health_deprivation_and_disability_average_score"}
    assert set(found) <= set(ctx.indicators)
    shape = {iid: (i["value_type"], i["multiplier"], i["unit"], i["polarity"]) for iid, i in found.items()}
    assert shape == {
        "imd2025_imd_average_score": ("other", None, "score", "low_is_good"),
        "imd2025_imd_most_deprived_10pct": ("other", 100.0, "% of LSOAs", "low_is_good"),
        "imd2025_imd_rank_of_average_score": ("other", None, "rank of 296 (1 = most deprived)", "no_judgement"),
        "imd2025_health_deprivation_and_disability_average_score": ("other", None, "score", "low_is_good"),
    }
    for i in found.values():
        assert "publishes no England figure" in i["definition"]
        assert "A unitary council's district row is also its upper-tier row" in i["definition"]


def test_every_district_once_per_indicator(loaded):
    rows = pd.DataFrame(loaded[1]["indicator_value"])
    assert rows.groupby("indicator_id")["area_code"].nunique().to_dict() == {
        iid: N_DISTRICTS for iid, *_ in MEASURES.values()}
    assert len(rows) == 4 * N_DISTRICTS and "E92000001" not in set(rows["area_code"])
    assert set(rows["period"]) == {"2025-01-01/2025-12-31"} and set(rows["period_label"]) == {"2025"}
    assert set(rows["value_note"]) == {"English Indices of Deprivation 2025"}
    assert rows[["count", "denominator", "lci95", "date_of_data"]].isna().all().all()


@pytest.mark.parametrize("measure", list(MEASURES))
def test_the_councils_match_the_two_council_file(loaded, mirror, measure):
    published = pd.read_csv(mirror / PLACES_FILE).set_index(["lad_code", "measure"])["value"]
    iid, _, _, multiplier, _, _ = MEASURES[measure]
    rows = {r["area_code"]: r["value"] for r in loaded[1]["indicator_value"] if r["indicator_id"] == iid}
    for place in PLACES:
        assert rows[place] == pytest.approx(published[(place, measure)] * (multiplier or 1), abs=1e-9)


def test_north_by_hand(loaded):
    # ../shared/data/README.md section 2: 9 of North Northamptonshire's 205 LSOAs in decile 1
    north = {r["indicator_id"]: r["value"] for r in loaded[1]["indicator_value"] if r["area_code"] == "E06000061"}
    assert north["imd2025_imd_most_deprived_10pct"] == pytest.approx(100 * 9 / 205, abs=0.005)
    assert north["imd2025_imd_rank_of_average_score"] == 157


# ----------------------------------------------------------------- the built database

def test_stored_for_all_districts_without_comparator(con, stored):
    assert stored.groupby("indicator_id")["area_code"].nunique().eq(N_DISTRICTS).all()
    assert not stored["is_suppressed"].any()
    # no England figure, so no benchmark and no spine-chart range (mart_spine_ranges joins to England)
    assert con.execute("select count(*) from benchmark where indicator_id like 'imd2025_%'").fetchone()[0] == 0
    assert con.execute("select count(*) from mart_spine_ranges where indicator_id like 'imd2025_%'").fetchone()[0] == 0


# ----------------------------------------------------------------- bad input in the mirror file

def _mirror_with(tmp_path: Path, mirror: Path, area: str, measure: str, column: str,
                 value: str | None) -> tuple[Path, int]:
    """A scratch mirror with one cell of the IMD file changed (value None: the row removed); folder and row."""
    folder = tmp_path / "mirror"

    def edit(rows):
        line = line_of(rows, lad_code=area, measure=measure)
        if value is None:
            del rows[line - 2]
        else:
            rows[line - 2][column] = value
        return line
    return folder, edit_csv(mirror / FILE, folder / FILE, edit)


@pytest.mark.parametrize("area, measure, column, value, reason", [
    ("E06000061", "imd_average_score", "value", "eighteen", "is not a number"),
    ("E06000062", "imd_average_score", "value", "", "a value is required"),
    ("E08000003", "imd_rank_of_average_score", "value", "297", "not between 1 and 296"),
    ("E06000062", "imd_rank_of_average_score", "value", "17.5", "is not a whole number"),
    ("E06000061", "imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally", "value", "4.39",
     "is not between 0 and 1"),
    ("E09000001", "imd_average_score", "lad_code", "E07000150", "unknown area code 'E07000150'"),
    ("E06000061", "imd_average_score", "n_lads_ranked", "317", "this loader expects 296"),
    ("E06000061", "imd_rank_of_average_rank", "measure", "imd_average_score", "E06000061 imd_average_score again"),
])
def test_bad_rows_name_file_row_and_column(mirror, census_context, tmp_path, area, measure, column, value, reason):
    folder, line = _mirror_with(tmp_path, mirror, area, measure, column, value)
    with pytest.raises(ValidationError) as caught:
        imd.load(folder, census_context())
    error = caught.value
    assert (error.file, error.row, error.column) == (FILE, line, column)
    assert reason in error.reason


def test_a_missing_measure_stops_the_load(mirror, census_context, tmp_path):
    folder, _ = _mirror_with(tmp_path, mirror, "E06000061", "imd_average_score", "value", None)
    with pytest.raises(ValidationError, match=rf"{FILE}, column 'measure': measure 'imd_average_score' is "
                                              "missing for E06000061"):
        imd.load(folder, census_context())
