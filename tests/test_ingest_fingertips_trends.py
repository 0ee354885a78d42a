"""OHID Fingertips trends to 2019 from the mirror: indicators mapped or new, the former areas, the figures."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lybl.build.database import build
from lybl.db import run_query
from lybl.errors import ValidationError
from lybl.read.framework import classify_published
from lybl.build.ingest.fingertips_trends import FINGERTIPS, INDICATORS, SOURCE_ID
from tests.csv_edit import edit_csv

DISTRICTS = {"E07000150": "E06000061", "E07000151": "E06000062", "E07000152": "E06000061",
             "E07000153": "E06000061", "E07000154": "E06000062", "E07000155": "E06000062",
             "E07000156": "E06000061"}
MAPPED = {"admissions_falls": "falls_admissions_65plus", "excess_weight_reception": "reception_overweight_obesity",
          "excess_weight_year6": "year6_overweight_obesity", "smoking_adults": "adult_smoking_prevalence"}


def our_id(key: str) -> str:
    return MAPPED.get(key, f"ft_{key}")


@pytest.fixture(scope="module")
def source(mirror) -> pd.DataFrame:
    frame = pd.read_csv(mirror / FINGERTIPS, dtype=str, keep_default_na=False)
    return frame.assign(line=frame.index + 2, indicator_id=frame["indicator_key"].map(our_id))


@pytest.fixture(scope="module")
def loaded(con) -> pd.DataFrame:
    return con.execute("select * from indicator_value where source_id = ?", [SOURCE_ID]).df()


def _row(source: pd.DataFrame, key: str, area: str, period: str, group: str = "") -> pd.Series:
    found = source[(source["indicator_key"] == key) & (source["area_code"] == area) & (source["period"] == period)
                   & (source["group"] == group)]
    assert len(found) == 1
    return found.iloc[0]


# ----------------------------------------------------------------- indicators

def test_every_indicator_key_is_mapped_once(source):
    assert set(source["indicator_key"]) == set(INDICATORS)
    assert len(INDICATORS) == 22
    assert {k: s.ours for k, s in INDICATORS.items() if s.ours} == MAPPED
    ids = source.drop_duplicates("indicator_key").set_index("indicator_key")["fingertips_indicator_id"].astype(int)
    assert {k: s.fingertips_id for k, s in INDICATORS.items()} == ids.to_dict()


def test_mapped_indicators_share_the_fingertips_id(con):
    found = dict(con.execute("select indicator_id, fingertips_id from indicator where indicator_id in "
                             "(select unnest(?))", [list(MAPPED.values())]).fetchall())
    assert found == {"falls_admissions_65plus": 22401, "reception_overweight_obesity": 20601,
                     "year6_overweight_obesity": 20602, "adult_smoking_prevalence": 92443}


def test_new_indicators_from_the_file(con, source):
    new = con.execute("select * from indicator where indicator_id like 'ft\\_%' escape '\\' "
                      "order by indicator_id").df().set_index("indicator_id")
    keys = sorted(set(INDICATORS) - set(MAPPED))
    assert list(new.index) == [f"ft_{k}" for k in keys]
    names = source.drop_duplicates("indicator_key").set_index("indicator_key")["indicator"]
    for key in keys:
        row = new.loc[f"ft_{key}"]
        assert row["name"] == names[key]
        assert row["fingertips_id"] == INDICATORS[key].fingertips_id
        assert row["polarity"] == INDICATORS[key].polarity
    assert new.loc["ft_physically_inactive", ["unit", "value_type", "multiplier", "polarity"]].tolist() == [
        "%", "proportion", 100, "low_is_good"]
    assert new.loc["ft_children_in_care", ["unit", "value_type", "multiplier"]].tolist() == [
        "per 10,000", "crude rate", 10000]
    assert new.loc["ft_alcohol_related_mortality", ["unit", "value_type", "multiplier"]].tolist() == [
        "per 100,000", "directly standardised rate", 100000]
    hle = new.loc["ft_healthy_life_expectancy_at_birth"]
    assert (hle["unit"], hle["value_type"], hle["polarity"]) == ("years", "life expectancy", "high_is_good")
    assert pd.isna(hle["multiplier"])


# ----------------------------------------------------------------- figures

def test_one_figure_per_row_by_indicator_and_area(source, loaded):
    assert len(loaded) == len(source) == 1136
    expected = source.groupby(["indicator_id", "area_code"]).size()
    assert loaded.groupby(["indicator_id", "area_code"]).size().to_dict() == expected.to_dict()
    per_area = loaded.groupby("area_code").size().to_dict()
    assert per_area == {"E92000001": 193, "E10000021": 61, **{d: 126 for d in DISTRICTS}}
    assert loaded["is_preferred"].all()
    assert set(loaded["source_ref"]) == {f"{FINGERTIPS}:{n}" for n in source["line"]}


def test_spot_values_with_period_and_sex(con, source):
    def stored(iid, area, label, sex="Persons"):
        return con.execute("""select value, period, sex, age from indicator_value where indicator_id = ?
                              and area_code = ? and period_label = ? and sex = ? and source_id = ?""",
                           [iid, area, label, sex, SOURCE_ID]).fetchall()

    england = _row(source, "smoking_adults", "E92000001", "2018")
    assert float(england["value"]) == 14.4
    assert stored("adult_smoking_prevalence", "E92000001", "2018") == [
        (14.4, "2018-01-01/2018-12-31", "Persons", "All ages")]
    # The file has no county row for Year 6 (districts and England only): Kettering's instead.
    kettering = _row(source, "excess_weight_year6", "E07000153", "2017/18")
    assert stored("year6_overweight_obesity", "E07000153", "2017/18") == [
        (float(kettering["value"]), "2017-04-01/2018-03-31", "Persons", "All ages")]
    county = _row(source, "children_in_care", "E10000021", "2018")
    assert stored("ft_children_in_care", "E10000021", "2018") == [
        (float(county["value"]), "2018-01-01/2018-12-31", "Persons", "<18 yrs")]
    hle = _row(source, "healthy_life_expectancy_at_birth", "E10000021", "2016-18", "Female")
    assert stored("ft_healthy_life_expectancy_at_birth", "E10000021", "2016-18", "Female") == [
        (float(hle["value"]), "2016-01-01/2018-12-31", "Female", "All ages")]
    assert stored("ft_healthy_life_expectancy_at_birth", "E10000021", "2016-18") == []  # no Persons series


def test_every_value_is_the_file_s(source, loaded):
    merged = loaded.merge(source.assign(source_ref=FINGERTIPS + ":" + source["line"].astype(str)),
                          on="source_ref", validate="one_to_one", suffixes=("", "_file"))
    assert (merged["indicator_id"] == merged["indicator_id_file"]).all()
    assert (merged["area_code"] == merged["area_code_file"]).all()
    assert (merged["period_label"] == merged["period_file"]).all()
    assert (merged["sex"] == merged["group"].replace("", "Persons")).all()
    given = merged["value_file"] != ""
    assert (merged.loc[given, "value"] == merged.loc[given, "value_file"].astype(float)).all()
    assert merged[["lci95", "uci95", "count", "denominator", "date_of_data"]].isna().all().all()


def test_published_comparison_in_the_documents_words(source, loaded):
    words = loaded["published_comparison"].fillna("(none)").value_counts().to_dict()
    assert words == {"similar to the England average": 522, "better than the England average": 232,
                     "(none)": 226, "worse than the England average": 156}
    classes = classify_published(loaded["published_comparison"]).value_counts().to_dict()
    assert classes == {"similar": 522, "better": 232, "not compared": 226, "worse": 156}
    not_compared = loaded[loaded["published_comparison"].isna()]
    elsewhere = not_compared[not_compared["area_code"] != "E92000001"]
    assert len(elsewhere) == 226 - 193
    assert elsewhere["value_note"].str.contains("Not compared with England in the source").all()
    england = loaded[loaded["area_code"] == "E92000001"]
    assert england["published_comparison"].isna().all()
    assert not england["value_note"].fillna("").str.contains("Not compared").any()


def test_blanks_are_suppressed_in_the_source(source, loaded):
    blank = loaded[loaded["value"].isna()]
    assert len(blank) == (source["value"] == "").sum() == 21
    assert blank["value_note"].str.startswith("Suppressed in the source").all()
    assert not blank["is_suppressed"].any()  # not our disclosure control: the source left them out
    assert loaded.loc[loaded["value"].notna(), "value_note"].fillna("").str.contains("Suppressed").sum() == 0
    assert (loaded["value"].dropna() >= 0).all()


def test_no_key_clashes_with_seed_figures(con):
    clashes = con.execute("""select indicator_id, area_code, period, sex, age from indicator_value
                             group by all having count(*) > 1 and bool_or(source_id = ?)""", [SOURCE_ID]).fetchall()
    assert clashes == []


# ----------------------------------------------------------------- areas

def test_former_areas_and_their_parent_chain(con):
    areas = {r[0]: r[1:] for r in con.execute("""select area_code, area_name, area_type, parent_code, note
                                                 from area where area_code = 'E10000021' or parent_code = 'E10000021'
                                              """).fetchall()}
    assert set(areas) == {"E10000021", *DISTRICTS}
    assert areas["E10000021"][:3] == ("Northamptonshire (former county, to March 2021)", "Local authority",
                                      "E12000004")
    assert con.execute("select parent_code from area where area_code = 'E12000004'").fetchone() == ("E92000001",)
    names = {"E06000061": "North Northamptonshire", "E06000062": "West Northamptonshire"}
    for code, successor in DISTRICTS.items():
        name, kind, parent, note = areas[code]
        assert (kind, parent) == ("Local authority", "E10000021")
        assert name.endswith(" (former district, to March 2021)")
        assert note == f"Former district, abolished April 2021; successor {names[successor]} ({successor})"
    assert not any("UTLA" in a[3] for a in areas.values())
    offered = set(run_query(con, "place_options")["area_code"])
    assert offered.isdisjoint(areas)


# ----------------------------------------------------------------- queries

def test_indicator_series_gives_england_and_the_former_areas(con):
    # North's series carry its former districts' history (successor_code), Kettering among them
    smoking = run_query(con, "indicator_series", indicator="adult_smoking_prevalence", area="E06000061")
    fingertips = smoking[smoking["source_id"] == SOURCE_ID]
    assert fingertips.groupby("area_code").size().to_dict() == {
        "E92000001": 8, "E07000150": 8, "E07000152": 8, "E07000153": 8, "E07000156": 8}
    england = fingertips[fingertips["area_code"] == "E92000001"].set_index("period_label")["value"]
    assert england["2018"] == 14.4 and england["2011"] == 19.8
    # The county has no smoking row in the file; its series of its own indicators:
    care = run_query(con, "indicator_series", indicator="ft_children_in_care", area="E54000059")
    assert care.groupby("area_code").size().to_dict() == {"E92000001": 8, "E10000021": 8}
    assert care.groupby("area_code")["period_end"].apply(lambda ends: ends.is_monotonic_increasing).all()


# ----------------------------------------------------------------- bad input

def _mirror_with(tmp_path: Path, mirror: Path, line: int, column: str, value: str) -> Path:
    """A scratch mirror holding only the Fingertips file, with one cell changed; returns its folder."""
    folder = tmp_path / "mirror"
    edit_csv(mirror / FINGERTIPS, folder / FINGERTIPS, lambda rows: rows[line - 2].__setitem__(column, value))
    return folder


@pytest.mark.parametrize("key, area, period, column, value, reason", [
    ("smoking_adults", "E07000153", "2015", "period", "2015/2x", "is not a period this build understands"),
    ("excess_weight_year6", "E07000154", "2012/13", "value", "n/a", "'n/a' is not a number"),
    ("admissions_falls", "E07000150", "2012/13", "compared_with_england", "Significantly better",
     "is not one of: Better, Not compared, Similar, Worse"),
    ("neets", "E10000021", "2017", "indicator_key", "neets_18_24", "is not one of: admissions_falls"),
    ("preventable_mortality_from_cancer", "E07000155", "2009-11", "period", "2009-10",
     "is not the same kind of period"),
    ("dental_decay", "E07000151", "2007/08", "compared_with_england", "Worse", "for a blank (suppressed) value"),
    ("children_in_care", "E10000021", "2014", "value", "-3", "is negative"),
    ("smoking_adults", "E92000001", "2016", "compared_with_england", "Better", "for England itself"),
])
def test_bad_rows_name_file_row_and_column(mirror, source, data_copy, tmp_path, key, area, period, column, value,
                                           reason):
    line = int(_row(source, key, area, period)["line"])
    folder = _mirror_with(tmp_path, mirror, line, column, value)
    with pytest.raises(ValidationError) as caught:
        build(db=tmp_path / "x.duckdb", data_dir=data_copy, open_data=folder, log=lambda line: None)
    error = caught.value
    assert (error.file, error.row, error.column) == (FINGERTIPS, line, column)
    assert reason in error.reason
    assert not (tmp_path / "x.duckdb").exists()


def test_a_duplicate_figure_names_both_rows(mirror, source, data_copy, tmp_path):
    first = int(_row(source, "neets", "E10000021", "2016")["line"])
    second = int(_row(source, "neets", "E10000021", "2017")["line"])
    folder = _mirror_with(tmp_path, mirror, second, "period", "2016")
    with pytest.raises(ValidationError) as caught:
        build(db=tmp_path / "x.duckdb", data_dir=data_copy, open_data=folder, log=lambda line: None)
    assert (caught.value.file, caught.value.row, caught.value.column) == (FINGERTIPS, second, "period")
    assert f"also at row {first}" in caught.value.reason
