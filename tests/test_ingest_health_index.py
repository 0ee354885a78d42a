"""ONS Health Index from the mirror: the published figures, the indicators and areas it adds, the built tables,
and broken files named by file, row and column."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from lybl import config
from lybl.build.database import build
from lybl.errors import ValidationError
from lybl.build.ingest import health_index as hi, local, mirror as mirror_files
from lybl.build.ingest.health_index import AREAS, INDICATOR_SCORES, METADATA, SCORES
from lybl.build.ingest.local import Context
from tests.csv_edit import edit_csv

NORTH, WEST, ENGLAND, EAST_MIDLANDS = "E06000061", "E06000062", "E92000001", "E12000004"


def _context(mirror: Path | None = None) -> Context:
    """What the build knows before this loader: sources and areas from data/, then (with a mirror) the Census areas."""
    ctx = Context()
    local.load_sources(config.DATA_DIR / "sources.csv", ctx)
    local.load_areas(config.DATA_DIR / "areas.csv", ctx)
    if mirror is not None:
        mirror_files.load_census(mirror, ctx)
    return ctx


@pytest.fixture(scope="module")
def loaded(mirror) -> tuple[Context, dict[str, list[dict]]]:
    ctx = _context(mirror)
    return ctx, hi.load(mirror, ctx)


@pytest.fixture(scope="module")
def scores(loaded) -> dict[tuple[str, str, str], float]:
    """(indicator_id, area_code, year) -> score."""
    return {(v["indicator_id"], v["area_code"], v["period_label"]): v["value"] for v in loaded[1]["indicator_value"]}


@pytest.fixture(scope="module")
def utlas(mirror) -> set[str]:
    with open(mirror / AREAS, newline="", encoding="utf-8") as f:
        return {row["area_code"] for row in csv.DictReader(f) if row["is_utla"] == "True"}


# ----------------------------------------------------------------- the README's published facts

def test_overall_scores_as_published(scores):
    assert scores[("hi_overall", ENGLAND, "2015")] == 100.0
    assert scores[("hi_overall", ENGLAND, "2021")] == 100.8
    assert scores[("hi_overall", EAST_MIDLANDS, "2021")] == 101.0
    assert scores[("hi_overall", NORTH, "2021")] == 99.2
    assert scores[("hi_overall", WEST, "2021")] == 100.0


def test_ranks_of_the_two_councils_among_150_upper_tier_authorities(scores, utlas):
    overall = {area: value for (iid, area, year), value in scores.items()
               if iid == "hi_overall" and year == "2021" and area in utlas}
    assert len(overall) == 150
    rank = {area: 1 + sum(other > value for other in overall.values()) for area, value in overall.items()}
    assert (rank[NORTH], rank[WEST]) == (73, 67)  # 1 = healthiest; ties share the better rank


def test_every_england_score_in_2015_is_100(scores):
    england_2015 = {iid: value for (iid, area, year), value in scores.items() if area == ENGLAND and year == "2015"}
    assert len(england_2015) == 74
    assert set(england_2015.values()) == {100.0}


# ----------------------------------------------------------------- indicators

def test_74_indicators_with_stable_ids(loaded):
    ctx, out = loaded
    ids = [i["indicator_id"] for i in out["indicator"]]
    assert len(ids) == len(set(ids)) == 74
    assert sum(i.startswith("hi_ind_") for i in ids) == 56
    assert {"hi_overall", "hi_healthy_people", "hi_healthy_lives", "hi_healthy_places", "hi_mental_health",
            "hi_personal_well_being", "hi_ind_smoking", "hi_ind_childrens_social_emotional_and_mental_health",
            "hi_ind_low_level_crime"} <= set(ids)
    assert all(ctx.indicators[i] is row for i, row in zip(ids, out["indicator"]))
    used = {v["indicator_id"] for v in out["indicator_value"]}
    assert used == set(ids)


def test_indicator_rows_say_how_to_read_the_scores(loaded):
    by_id = {i["indicator_id"]: i for i in loaded[1]["indicator"]}
    for row in by_id.values():
        assert (row["unit"], row["value_type"], row["multiplier"], row["polarity"]) == (
            "index (England 2015 = 100)", "other", None, "high_is_good")
        assert "higher is always healthier" in row["definition"].lower()
        assert "Experimental statistics; ONS imputes missing years" in row["definition"]
        assert row["source_url"].startswith("https://www.ons.gov.uk/")
    assert by_id["hi_overall"]["name"] == "Health Index: overall score"
    assert by_id["hi_healthy_people"]["name"] == "Health Index: Healthy People (domain)"
    assert by_id["hi_mental_health"]["name"] == "Health Index: Mental health (subdomain)"
    smoking = by_id["hi_ind_smoking"]
    assert smoking["name"] == "Health Index indicator score: Smoking"
    assert "10 points = 1 standard deviation of the 2015 LTLA distribution" in smoking["definition"]
    assert "Underlying ONS measure: %, where low is good" in smoking["definition"]
    assert "Annual Population Survey" in smoking["definition"]
    assert smoking["source_ref"] == f"{METADATA}:29"


def test_slugs_and_loose_name_matching():
    assert hi.slug("Children's social, emotional and mental health") == "childrens_social_emotional_and_mental_health"
    assert hi.slug("Health Index (overall)") == "health_index_overall"
    assert hi.same_name("Bristol, City of", "City of Bristol")
    assert hi.same_name("Herefordshire, County of", "Herefordshire")
    assert not hi.same_name("North Northamptonshire", "West Northamptonshire")


# ----------------------------------------------------------------- figures and areas

def test_row_counts(loaded):
    values = loaded[1]["indicator_value"]
    per_file: dict[str, int] = {}
    for v in values:
        per_file[v["_file"]] = per_file.get(v["_file"], 0) + 1
    assert per_file == {SCORES: 42_966, INDICATOR_SCORES: 62_720}  # 341 x 7 x 18 and 160 x 7 x 56
    assert len({v["area_code"] for v in values if v["_file"] == SCORES}) == 341
    assert len({v["area_code"] for v in values if v["_file"] == INDICATOR_SCORES}) == 160
    assert {v["period_label"] for v in values} == {str(year) for year in range(2015, 2022)}


def test_rows_have_the_indicator_value_shape(loaded):
    census = mirror_files.census_value("census_bad_health", ENGLAND, 1.0, 2.0, "x", None)
    row = next(v for v in loaded[1]["indicator_value"] if v["indicator_id"] == "hi_overall" and v["area_code"] == WEST
               and v["period_label"] == "2021")
    assert set(row) == set(census)
    assert row["period"] == "2021-01-01/2021-12-31"
    assert (row["sex"], row["age"], row["category_type"], row["category"]) == ("Persons", "All ages", "", "")
    assert (row["count"], row["denominator"], row["lci95"], row["value_note"]) == (None, None, None, None)
    assert str(row["date_of_data"]) == "2023-06-16"
    assert row["source_id"] == "ons_health_index"
    assert row["source_ref"] == f"{SCORES}:{row['_line']}"
    assert (row["is_preferred"], row["is_synthetic"], row["is_suppressed"]) == (True, False, False)


def test_2021_authorities_gone_by_2023_become_areas(loaded):
    ctx, out = loaded
    new = {a["area_code"]: a for a in out["area"]}
    assert len(new) == 20  # Cumbria, North Yorkshire, Somerset and their 17 districts
    counties = {code: a for code, a in new.items() if code.startswith("E10")}
    assert {a["area_name"] for a in counties.values()} == {"Cumbria", "North Yorkshire", "Somerset"}
    for a in counties.values():
        assert a["area_type"] == "Local authority" and "(UTLA)" in a["note"] and a["parent_code"].startswith("E12")
    districts = [a for a in new.values() if a["area_code"].startswith("E07")]
    assert len(districts) == 17
    for a in districts:
        assert "UTLA" not in a["note"] and a["parent_code"] in counties
    assert all(a["note"].endswith("2021 boundaries; abolished in April 2023") for a in new.values())
    assert new["E07000028"]["area_name"] == "Carlisle"
    assert all(ctx.area_names[code] == a["area_name"] and ctx.area_types[code] == a["area_type"]
               for code, a in new.items())
    assert NORTH not in new and ENGLAND not in new  # known areas are not added again


# ----------------------------------------------------------------- the built database

def test_scores_in_the_database(con):
    n = con.execute("""select count(*) from indicator_value
                       where source_id = 'ons_health_index' and indicator_id like 'hi\\_%' escape '\\'""").fetchone()[0]
    if n == 0:
        pytest.skip("database built without the mirror")
    assert n == 105_686
    stored = con.execute("""select indicator_id, period_end from indicator_value
                            where indicator_id like 'hi\\_%' escape '\\'""").fetchall()
    assert stored == sorted(stored)
    assert con.execute("select count(*) from indicator where indicator_id like 'hi\\_%' escape '\\'").fetchone()[0] == 74


def test_spine_range_over_the_upper_tier_authorities(con):
    found = con.execute("""select england_value, n_areas, lowest, highest from mart_spine_ranges
                           where indicator_id = 'hi_overall'""").fetchall()
    if not found:
        pytest.skip("database built without the mirror")
    england, n_areas, lowest, highest = found[0]
    assert england == 100.8
    assert n_areas == 150  # 2021's upper-tier authorities, the two Places among them
    assert lowest < 99.2 < highest


# ----------------------------------------------------------------- bad input

def _mirror_with(tmp_path: Path, mirror: Path, file: str, row: int, column: str, value: str) -> Path:
    """A scratch mirror with the Health Index files, one cell changed (``row`` as a spreadsheet counts)."""
    folder = tmp_path / "mirror"
    (folder / "data").mkdir(parents=True)
    for rel in hi.FILES:
        shutil.copy(mirror / rel, folder / rel)
    edit_csv(mirror / file, folder / file, lambda rows: rows[row - 2].__setitem__(column, value))
    return folder


@pytest.mark.parametrize("file, row, column, value, reason", [
    (SCORES, 3, "index_score", "n/a", "'n/a' is not a number"),
    (SCORES, 4, "index_score", "inf", "is not a finite number"),
    (SCORES, 5, "year", "2022", "'2022' is not a year from 2015 to 2021"),
    (SCORES, 6, "year", "2015.5", "is not a whole number"),
    (SCORES, 5, "level", "domain", "'Health Index (overall)' has level 'overall', not 'domain'"),
    (SCORES, 7, "level", "ward", "is not one of"),
    (SCORES, 3, "measure", "Healthy Lives", "duplicate key (area_code, year, measure), first given at row 2"),
    (SCORES, 8, "area_code", "E06999999", "unknown Health Index area code 'E06999999'"),
    (INDICATOR_SCORES, 10, "indicator_id", "57", "unknown Health Index indicator code '57'"),
    (INDICATOR_SCORES, 3, "indicator_id", "1", "duplicate key (area_code, year, indicator_id), first given at row 2"),
    (INDICATOR_SCORES, 4, "index_score", "", "a value is required here"),
    (METADATA, 3, "polarity", "Up is good", "is not one of"),
    (METADATA, 4, "domain", "Healthy Planet", "is not one of"),
    (AREAS, 2, "region_code", "E12000099", "'E12000099' is not a region in this file"),
    (AREAS, 2, "is_utla", "False", "do not fit a LTLA coded E06000001"),
])
def test_bad_rows_name_file_row_and_column(mirror, tmp_path, file, row, column, value, reason):
    folder = _mirror_with(tmp_path, mirror, file, row, column, value)
    with pytest.raises(ValidationError) as caught:
        hi.load(folder, _context())
    error = caught.value
    assert (error.file, error.row, error.column) == (file, row, column)
    assert reason in error.reason


def test_a_known_area_under_another_name_stops_the_build(mirror, tmp_path, data_copy):
    with open(mirror / AREAS, encoding="utf-8") as f:
        row = next(n for n, line in enumerate(f, 1) if line.startswith(f"{NORTH},"))
    folder = _mirror_with(tmp_path, mirror, AREAS, row, "area_name", "Kettering")
    with pytest.raises(ValidationError) as caught:
        build(db=tmp_path / "x.duckdb", data_dir=data_copy, open_data=folder, log=lambda line: None)
    error = caught.value
    assert (error.file, error.row, error.column) == (AREAS, row, "area_name")  # the Place of data/areas.csv
    assert f"'Kettering' but {NORTH} is already 'North Northamptonshire'" in error.reason
    assert not (tmp_path / "x.duckdb").exists()
