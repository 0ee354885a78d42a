"""Modelled QOF prevalence 2019/20 from the mirror: the loaded figures, their intervals, benchmarks and bad input."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from lybl.build.database import build
from lybl.errors import ValidationError
from lybl.build.ingest import mirror as mirror_files, qof_prevalence
from lybl.build.ingest.local import Context
from lybl.build.ingest.qof_prevalence import FILE, SOURCE_ID
from tests.csv_edit import edit_csv, line_of

PLACES = ("E06000061", "E06000062")


@pytest.fixture(scope="module")
def loaded(mirror, census_context) -> tuple[Context, dict[str, list[dict]]]:
    ctx = census_context()
    return ctx, qof_prevalence.load(mirror, ctx)


@pytest.fixture(scope="module")
def source(mirror) -> pd.DataFrame:
    return pd.read_csv(mirror / FILE)


@pytest.fixture(scope="module")
def stored(con) -> pd.DataFrame:
    return con.execute("select * from indicator_value where source_id = $s", {"s": SOURCE_ID}).df()


# ----------------------------------------------------------------- the loader's output

def test_one_indicator_per_register(loaded, source):
    ctx, tables = loaded
    ids = [i["indicator_id"] for i in tables["indicator"]]
    assert len(ids) == len(set(ids)) == source["group_code"].nunique() == 21
    assert set(ids) == {f"qof_modelled_{g.lower()}" for g in source["group_code"].unique()}
    assert set(ids) <= set(ctx.indicators)
    dm = ctx.indicators["qof_modelled_dm"]
    assert dm["name"] == "Diabetes mellitus (17+): modelled prevalence, 2019/20"
    assert (dm["value_type"], dm["multiplier"], dm["unit"], dm["polarity"]) == ("proportion", 100.0, "%",
                                                                                 "no_judgement")
    for words in ("modelled, resident-based", "House of Commons Library", "QOF 2019/20", "by where patients live",
                  "aged 17 and over", "reflect the list size only"):
        assert words in dm["definition"]
    assert "age band" not in ctx.indicators["qof_modelled_hyp"]["definition"]


@pytest.mark.parametrize("iid, age", [("qof_modelled_dm", "17+ yrs"), ("qof_modelled_cvdpp", "30-74 yrs"),
                                      ("qof_modelled_ost", "50+ yrs"), ("qof_modelled_hyp", "All ages"),
                                      ("qof_modelled_mh", "All ages")])
def test_age_is_the_registers_age_band(loaded, iid, age):
    ages = {r["age"] for r in loaded[1]["indicator_value"] if r["indicator_id"] == iid}
    assert ages == {age}


def test_every_row_is_loaded_as_count_over_list_size(loaded, source):
    rows = pd.DataFrame(loaded[1]["indicator_value"])
    assert len(rows) == len(source) == 327 * 21
    merged = rows.assign(group_code=rows["indicator_id"].str.removeprefix("qof_modelled_").str.upper()).merge(
        source, on=["area_code", "group_code"], validate="one_to_one")
    assert (merged["count"] == merged["modelled_register"]).all()  # decimals kept, by design
    assert (merged["denominator"] == merged["modelled_list_size"]).all()
    assert ((merged["value"] - merged["prevalence_pct"]).abs() < 0.001).all()
    assert (merged["source_ref"] == FILE + ":" + merged["_line"].astype(str)).all()
    assert set(rows["period"]) == {"2019-04-01/2020-03-31"} and set(rows["period_label"]) == {"2019/20"}
    assert rows[["lci95", "uci95", "lci998", "uci998", "date_of_data"]].isna().all().all()
    assert set(rows["value_note"]) == {qof_prevalence.VALUE_NOTE}


# ----------------------------------------------------------------- the built database

@pytest.mark.parametrize("iid, percent", [("qof_modelled_dm", 7.07), ("qof_modelled_hyp", 14.08),
                                          ("qof_modelled_dep", 11.55)])
def test_england_matches_the_readme(stored, iid, percent):
    # ../shared/data/README.md section 5: the derived England row
    england = stored[(stored["area_code"] == "E92000001") & (stored["indicator_id"] == iid)]
    assert round(float(england["value"].iloc[0]), 2) == percent


def test_north_and_west_have_all_21_registers(stored):
    places = stored[stored["area_code"].isin(PLACES) & stored["value"].notna()]
    assert places.groupby("area_code")["indicator_id"].nunique().to_dict() == {p: 21 for p in PLACES}


def test_intervals_are_computed_from_count_and_list_size(stored):
    shown = stored[~stored["is_suppressed"]]
    assert shown["lci95"].notna().all()
    assert ((shown["lci998"] < shown["lci95"]) & (shown["lci95"] < shown["value"])
            & (shown["value"] < shown["uci95"]) & (shown["uci95"] < shown["uci998"])).all()


def test_modelled_registers_are_not_disclosure_controlled(stored, source):
    # the Isles of Scilly's modelled registers round to 1-7, but they are model outputs with decimals,
    # published openly by the House of Commons Library, not counts of people (lybl.build.derive.MODELLED_SOURCES)
    small = source[source["modelled_register"].round().between(1, 7)]
    assert set(small["area_code"]) == {"E06000053"}
    assert not stored["is_suppressed"].any()
    scilly = stored[stored["area_code"] == "E06000053"]
    assert scilly["count"].notna().all() and scilly["lci95"].notna().all()


def test_benchmarked_against_england_without_judgement(con):
    labels = con.execute("""select benchmark, count(*) from benchmark
                            where indicator_id like 'qof_modelled_%' and comparator_code = 'E92000001'
                            group by benchmark""").fetchall()
    assert {label for label, _ in labels} == {"higher", "lower", "similar"}
    assert sum(n for _, n in labels) > 300 * 21


def test_spine_chart_ranges_cover_the_upper_tier(con):
    spine = con.execute("""select indicator_id, n_areas, england_value, lowest, highest from mart_spine_ranges
                           where indicator_id like 'qof_modelled_%'""").df()
    assert len(spine) == 21
    assert spine["n_areas"].between(150, 153).all()  # 153 upper-tier authorities, less any suppressed
    assert ((spine["lowest"] <= spine["england_value"]) & (spine["england_value"] <= spine["highest"])).all()


# ----------------------------------------------------------------- bad input in the mirror file

def _mirror_with(tmp_path: Path, mirror: Path, area: str, group: str, column: str, value: str) -> tuple[Path, int]:
    """A scratch mirror holding the Census and QOF files, one QOF cell changed; the folder and its row."""
    folder = tmp_path / "mirror"
    (folder / "data").mkdir(parents=True)
    shutil.copy(mirror / mirror_files.CENSUS_LA, folder / mirror_files.CENSUS_LA)

    def edit(rows):
        line = line_of(rows, area_code=area, group_code=group)
        rows[line - 2][column] = value
        return line
    return folder, edit_csv(mirror / FILE, folder / FILE, edit)


@pytest.mark.parametrize("area, group, column, value, reason", [
    ("E06000061", "DM", "modelled_register", "999999", "is above the list size"),
    ("E06000062", "HYP", "modelled_list_size", "about 400,000", "is not a number"),
    ("E06000062", "AST", "modelled_register", "", "a value is required"),
    ("E06000061", "DEP", "modelled_list_size", "0", "must be positive"),
    ("E08000003", "CHD", "area_code", "E06999999", "unknown area code 'E06999999'"),
    ("E92000001", "DM", "prevalence_pct", "7.2", "100 x register / list size is 7.072%"),
    ("E12000004", "COPD", "condition", "Chronic bronchitis", "names COPD 'COPD'"),
    ("E06000061", "AF", "period", "2020/21", "reads QOF 2019/20 only"),
])
def test_bad_rows_name_file_row_and_column(mirror, census_context, tmp_path, area, group, column, value, reason):
    folder, line = _mirror_with(tmp_path, mirror, area, group, column, value)
    with pytest.raises(ValidationError) as caught:
        qof_prevalence.load(folder, census_context())
    error = caught.value
    assert (error.file, error.row, error.column) == (FILE, line, column)
    assert reason in error.reason


def test_a_bad_row_stops_the_build_and_writes_nothing(mirror, data_copy, tmp_path):
    folder, line = _mirror_with(tmp_path, mirror, "E06000061", "DM", "modelled_register", "999999")
    with pytest.raises(ValidationError, match=rf"{FILE}, row {line}, column 'modelled_register': register 999999 "
                                              "is above the list size"):
        build(db=tmp_path / "x.duckdb", data_dir=data_copy, open_data=folder, log=lambda line: None)
    assert not (tmp_path / "x.duckdb").exists()
