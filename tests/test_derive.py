"""The build uses the statistics engine: intervals, small-area sums, disclosure control, benchmarks, trends."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lybl import derive
from lybl.build import build
from lybl.config import disclosure_threshold
from lybl.errors import ValidationError
from lybl.stats import benchmark, proportion_ci
from lybl.stats.disclosure import hierarchy_relations, recoverable

AREAS = [dict(area_code="P", area_type="Place", parent_code=None),
         dict(area_code="W1", area_type="Ward", parent_code="P"),
         dict(area_code="W2", area_type="Ward", parent_code="P"),
         dict(area_code="L1", area_type="LSOA", parent_code="W1"),
         dict(area_code="L2", area_type="LSOA", parent_code="W1"),
         dict(area_code="L3", area_type="LSOA", parent_code="W2")]


def _values(counts: dict, denominator=1000.0) -> pd.DataFrame:
    rows = [dict(indicator_id="x", area_code=a, period="2021", sex="Persons", age="All ages", category_type="",
                 category="", count=float(c), denominator=denominator, value=100 * c / denominator,
                 lci95=np.nan, uci95=np.nan, lci998=np.nan, uci998=np.nan, value_note=None, is_preferred=True)
            for a, c in counts.items()]
    return pd.DataFrame(rows)


def test_disclose_hides_small_counts_and_their_complements():
    v = _values({"L1": 3, "L2": 40, "L3": 50, "W1": 43, "W2": 50, "P": 93})
    v = derive.add_intervals(v, pd.DataFrame([dict(indicator_id="x", value_type="proportion", multiplier=100)]))
    out = derive.disclose(v, AREAS, threshold=7).set_index("area_code")
    assert out.loc["L1", "is_suppressed"] and np.isnan(out.loc["L1", ["count", "value", "lci95", "uci998"]]).all()
    assert out.loc["L2", "is_suppressed"]  # else L2 = W1 - L1 gives L1 back
    assert out.loc["L1", "value_note"] == "suppressed (fewer than 8)"
    assert out.loc["L2", "value_note"] == "suppressed to protect another count"
    assert out.loc["L1", "denominator"] == 1000  # populations stay published
    assert not out.loc[["L3", "W1", "W2", "P"], "is_suppressed"].any()


def test_disclose_threshold_is_a_parameter():
    v = _values({"L1": 9, "L2": 40, "L3": 50, "W1": 49, "W2": 50, "P": 99})
    assert not derive.disclose(v.copy(), AREAS, threshold=7)["is_suppressed"].any()
    assert derive.disclose(v.copy(), AREAS, threshold=10)["is_suppressed"].sum() == 2


def test_threshold_setting(monkeypatch):
    monkeypatch.delenv("LYBL_DISCLOSURE_THRESHOLD", raising=False)
    assert disclosure_threshold() == 7
    monkeypatch.setenv("LYBL_DISCLOSURE_THRESHOLD", "10")
    assert disclosure_threshold() == 10
    monkeypatch.setenv("LYBL_DISCLOSURE_THRESHOLD", "seven")
    with pytest.raises(ValueError, match="LYBL_DISCLOSURE_THRESHOLD"):
        disclosure_threshold()


def test_places_summed_from_lsoas_must_match_the_authority_file():
    lsoa = [dict(indicator_id="x", area_code="L1", count=5.0, denominator=10.0),
            dict(indicator_id="x", area_code="L3", count=5.0, denominator=10.0)]
    areas = AREAS + [dict(area_code="ICB", area_type="ICB", parent_code=None)]
    areas[0] = dict(areas[0], parent_code="ICB")
    published = [dict(indicator_id="x", area_code="P", count=11.0, denominator=20.0, source_id="census2021",
                      _file="data/census_la.csv")]
    with pytest.raises(ValidationError, match="summed from LSOAs"):
        derive.small_area_census(lsoa, published, areas)
    published[0]["count"] = 10.0
    rows = derive.small_area_census(lsoa, published, areas)
    assert {(r["area_code"], r["count"]) for r in rows} == {("L1", 5), ("L3", 5), ("W1", 5), ("W2", 5),
                                                           ("ICB", 10)}


# --- the real build, with the mirror ------------------------------------------------------------

@pytest.fixture(scope="module")
def census(con, mirror):
    return con.execute("""
        select v.*, a.area_type, a.parent_code from indicator_value v join area a using (area_code)
        where v.source_id = 'census2021'""").df()


def test_census_intervals_are_wilson(census):
    shown = census[census["count"].notna()]
    value, lower, upper = proportion_ci(shown["count"], shown["denominator"])
    np.testing.assert_allclose(shown["lci95"], lower, rtol=1e-12)
    np.testing.assert_allclose(shown["uci95"], upper, rtol=1e-12)
    assert (shown["lci998"] < shown["lci95"]).all()


def test_wards_and_icb_are_sums_of_lsoas(census):
    assert {"LSOA", "Ward", "ICB"} <= set(census["area_type"])
    lsoa = census[census["area_type"] == "LSOA"]
    wards = census[census["area_type"] == "Ward"].set_index(["indicator_id", "area_code"])
    sums = lsoa.groupby(["indicator_id", "parent_code"])["denominator"].sum()
    assert len(wards) == 4 * 57
    np.testing.assert_array_equal(wards["denominator"].sort_index(), sums.sort_index())


def test_no_small_count_reaches_the_database(con):
    n = con.execute(f"select count(*) from indicator_value where count between 1 and {disclosure_threshold()}")
    assert n.fetchone()[0] == 0
    leaks = con.execute("""select count(*) from indicator_value where is_suppressed
                           and (count is not null or value is not null or lci95 is not null or uci998 is not null)""")
    assert leaks.fetchone()[0] == 0


def _not_recoverable(census: pd.DataFrame) -> None:
    for _, table in census.groupby("indicator_id"):
        table = table[table["area_type"].isin(["LSOA", "Ward", "Place", "ICB"])]
        mask = pd.Series(table["is_suppressed"].to_numpy(), index=table["area_code"])
        relations = hierarchy_relations(dict(zip(table["area_code"], table["parent_code"])))
        relations = [(t, p) for t, p in relations if t in mask.index]
        assert not recoverable(mask, relations).any()


def test_suppressed_counts_cannot_be_recovered_from_the_hierarchy(census):
    assert census["is_suppressed"].sum() >= 2  # the mirror has at least one LSOA count below 8
    _not_recoverable(census)


def test_a_higher_threshold_suppresses_more_and_still_protects(tmp_path, mirror, monkeypatch):
    monkeypatch.setenv("LYBL_DISCLOSURE_THRESHOLD", "40")
    db = tmp_path / "t.duckdb"
    build(db=db, mirror=mirror, log=lambda line: None)
    import duckdb
    with duckdb.connect(str(db), read_only=True) as c:
        census = c.execute("""select v.*, a.area_type, a.parent_code from indicator_value v join area a
                              using (area_code) where v.source_id = 'census2021'""").df()
    assert census["is_suppressed"].sum() > 20
    assert not census["count"].between(1, 40).any()
    _not_recoverable(census)


def test_benchmarks_use_fingertips_method(con):
    b = con.execute("""select b.*, v.lci95, v.uci95, v.value, i.polarity from benchmark b
                       join indicator_value v using (indicator_id, area_code, period, sex, age, category_type, category)
                       join indicator i using (indicator_id)
                       where b.comparator_code = 'E92000001' and v.is_preferred""").df()
    assert len(b) > 1000
    expected = benchmark(b["value"], b["lci95"], b["uci95"], b["comparator_value"], b["polarity"].to_numpy())
    assert (b["benchmark"].to_numpy() == expected).all()
    place = con.execute("""select count(*) from benchmark b join area a using (area_code)
                           where a.area_type = 'Ward' and b.comparator_code in ('E06000061', 'E06000062')""")
    assert place.fetchone()[0] == 4 * 57
    north_west = con.execute("""select benchmark from benchmark where indicator_id = 'census_bad_health'
                                and area_code = 'E06000061' and comparator_code = 'E06000062'""").fetchall()
    assert len(north_west) == 1


def test_every_series_has_a_fingertips_trend_label(con):
    labels = {r[0] for r in con.execute("select distinct trend from trend").fetchall()}
    assert labels and labels <= {"Increasing and getting better", "Increasing and getting worse",
                                 "Decreasing and getting better", "Decreasing and getting worse", "Increasing",
                                 "Decreasing", "No significant change", "Cannot be calculated"}
