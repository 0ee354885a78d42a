"""The build uses the statistics engine: intervals, small-area sums, disclosure control, benchmarks, trends."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lybl.build import derive
from lybl.build.database import build
from lybl.config import disclosure_threshold
from lybl.errors import ValidationError
from lybl.build.ingest.mirror import CENSUS_INDICATORS
from lybl.stats import benchmark, proportion_ci
from lybl.stats.disclosure import hierarchy_relations, recoverable

AREAS = [dict(area_code="P", area_type="Place", parent_code=None),
         dict(area_code="W1", area_type="Ward", parent_code="P"),
         dict(area_code="W2", area_type="Ward", parent_code="P"),
         dict(area_code="L1", area_type="LSOA", parent_code="W1"),
         dict(area_code="L2", area_type="LSOA", parent_code="W1"),
         dict(area_code="L3", area_type="LSOA", parent_code="W2")]
PROPORTION = pd.DataFrame([dict(indicator_id="x", value_type="proportion", multiplier=100),
                           dict(indicator_id="n", value_type="count", multiplier=None)])


def _values(counts: dict, denominator=1000.0, **fixed) -> pd.DataFrame:
    """Figures of indicator x keyed by area, or by (area, sex/period/source) where a tuple is given."""
    rows = []
    for key, c in counts.items():
        area, other = (key, {}) if isinstance(key, str) else (key[0], dict(key[1:]))
        row = dict(indicator_id="x", area_code=area, period="2021-01-01/2021-12-31", sex="Persons",
                   age="All ages", category_type="", category="", count=float(c), denominator=denominator,
                   value=100 * c / denominator, lci95=np.nan, uci95=np.nan, lci998=np.nan, uci998=np.nan,
                   value_note=None, is_preferred=True, source_id="s1")
        rows.append(row | fixed | other)
    return pd.DataFrame(rows)


def _hidden(v: pd.DataFrame, threshold=7, areas=AREAS) -> set:
    out = derive.disclose(v, areas, threshold, PROPORTION)
    return {(r.area_code, r.sex, r.period[:7], r.source_id) if (r.sex != "Persons" or r.source_id != "s1"
            or r.period[:7] != "2021-01" or r.period[11:] != "2021-12-31") else r.area_code
            for r in out[out["is_suppressed"]].itertuples()}


def test_disclose_hides_small_counts_and_their_complements():
    v = _values({"L1": 3, "L2": 40, "L3": 50, "W1": 43, "W2": 50, "P": 93})
    v = derive.add_intervals(v, PROPORTION)
    out = derive.disclose(v, AREAS, 7, PROPORTION).set_index("area_code")
    assert out.loc["L1", "is_suppressed"] and np.isnan(out.loc["L1", ["count", "value", "lci95", "uci998"]]).all()
    assert out.loc["L2", "is_suppressed"]  # else L2 = W1 - L1 gives L1 back
    # one note for every hidden figure: the small count and its complement read the same
    assert out.loc["L1", "value_note"] == out.loc["L2", "value_note"] == "suppressed to protect small numbers"
    assert out.loc["L1", "denominator"] == 1000  # populations stay published
    assert not out.loc[["L3", "W1", "W2", "P"], "is_suppressed"].any()


def test_disclose_threshold_is_a_parameter():
    v = _values({"L1": 9, "L2": 40, "L3": 50, "W1": 49, "W2": 50, "P": 99})
    assert _hidden(v.copy(), 7) == set()
    assert _hidden(v.copy(), 10) == {"L1", "L2"}


def test_a_level_with_two_kinds_of_children_keeps_each_sum():
    # P has wards and communities; each kind sums to P on its own
    areas = AREAS + [dict(area_code="C1", area_type="Community", parent_code="P"),
                     dict(area_code="C2", area_type="Community", parent_code="P")]
    v = _values({"W1": 3, "W2": 90, "C1": 40, "C2": 53, "P": 93})
    assert _hidden(v, areas=areas) == {"W1", "W2"}  # else W1 = P - W2


def test_a_missing_middle_level_still_links_lsoas_to_the_place():
    v = _values({"L1": 3, "L2": 40, "L3": 50, "P": 93})  # no ward figures
    assert _hidden(v) == {"L1", "L2"}


def test_a_small_remainder_of_unpublished_areas_is_protected():
    # only L1 and L2 published under P (L3 not): P - L1 - L2 = 3 would reveal L3's count
    v = _values({"L1": 40, "L2": 50, "P": 93})
    assert _hidden(v) == {"L1"}  # the smallest part hides the remainder


def test_sexes_sum_to_persons():
    v = _values({("W1", ("sex", "Male")): 3, ("W1", ("sex", "Female")): 37, "W1": 40})
    assert _hidden(v) == {("W1", "Male", "2021-01", "s1"), ("W1", "Female", "2021-01", "s1")}


def test_quarters_sum_to_their_year():
    quarters = {("W1", ("period", f"2021-{m:02d}-01/2021-{m + 2:02d}-{d}")): c
                for m, d, c in [(1, 31, 3), (4, 30, 20), (7, 30, 30), (10, 31, 40)]}
    v = _values(quarters | {"W1": 93})
    assert {h[2] for h in _hidden(v)} == {"2021-01", "2021-04"}


def test_modelled_sources_are_not_disclosure_controlled():
    v = _values({"L1": 3.4, "L2": 40, "L3": 50, "W1": 43.4, "W2": 50, "P": 93.4}, source_id="hoc_qof_prevalence")
    assert _hidden(v, 7) == set()


def test_a_figure_hidden_in_one_source_is_hidden_in_all():
    v = _values({"L1": 3, "L2": 40, "L3": 50, "W1": 43, ("L1", ("source_id", "s2")): 3,
                 ("L2", ("source_id", "s2")): 40, ("W1", ("source_id", "s2")): 43})
    hidden = _hidden(v)
    assert {"L1", "L2", ("L1", "Persons", "2021-01", "s2"), ("L2", "Persons", "2021-01", "s2")} <= hidden


def test_counts_given_back_by_values_are_protected():
    v = _values({"L1": 3, "L2": 40, "L3": 50, "W1": 43}).assign(count=np.nan)  # value and denominator only
    assert _hidden(v) == {"L1", "L2"}
    n = _values({"W1": 5, "W2": 60, "P": 65}, indicator_id="n").assign(count=np.nan)
    n["value"] = [5.0, 60.0, 65.0]
    assert _hidden(n) == {"W1", "W2"}


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


# --- the real build, from the extracts ----------------------------------------------------------

@pytest.fixture(scope="module")
def census(con):
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
    assert len(wards) == len(CENSUS_INDICATORS) * 57  # TS037-TS039 and TS011, 57 wards of 2021-25
    np.testing.assert_array_equal(wards["denominator"].sort_index(), sums.sort_index())


def test_no_small_count_reaches_the_database(con):
    # model outputs (derive.MODELLED_SOURCES) are not counts of people: exempt, and said so in docs/methods.md
    limit = {"t": disclosure_threshold()}
    assert derive.MODELLED_SOURCES == {"hoc_qof_prevalence"}
    n = con.execute("""select count(*) from indicator_value where count between 1 and $t
                       and source_id <> 'hoc_qof_prevalence'""", limit)
    assert n.fetchone()[0] == 0
    leaks = con.execute("""select count(*) from indicator_value where is_suppressed
                           and (count is not null or value is not null or lci95 is not null or uci998 is not null)""")
    assert leaks.fetchone()[0] == 0
    # nor any count a value gives back: a count-type value, or value x denominator / multiplier
    implied = con.execute("""
        select count(*) from indicator_value v join indicator i using (indicator_id)
        where (i.value_type = 'count' and v.value between 1 and $t)
           or (i.value_type in ('proportion', 'crude rate')
               and round(v.value * v.denominator / i.multiplier) between 1 and $t)
              and v.source_id <> 'hoc_qof_prevalence'""", limit)
    assert implied.fetchone()[0] == 0


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


def test_a_higher_threshold_suppresses_more_and_still_protects(tmp_path, monkeypatch):
    monkeypatch.setenv("LYBL_DISCLOSURE_THRESHOLD", "40")
    db = tmp_path / "t.duckdb"
    build(db=db, log=lambda line: None)
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
    assert place.fetchone()[0] == len(CENSUS_INDICATORS) * 57
    north_west = con.execute("""select benchmark from benchmark where indicator_id = 'census_bad_health'
                                and area_code = 'E06000061' and comparator_code = 'E06000062'""").fetchall()
    assert len(north_west) == 1


def test_every_series_has_a_fingertips_trend_label(con):
    labels = {r[0] for r in con.execute("select distinct trend from trend").fetchall()}
    assert labels and labels <= {"Increasing and getting better", "Increasing and getting worse",
                                 "Decreasing and getting better", "Decreasing and getting worse", "Increasing",
                                 "Decreasing", "No significant change", "Cannot be calculated"}


def test_trends_use_the_latest_five_points_of_each_series():
    # Fingertips' own significant series (weighted regression chi2 46.77), yearly 2014-2018, plus an
    # area with only four years
    years = [2014, 2015, 2016, 2017, 2018]
    value, lower, upper = [24.67, 24.6, 28, 30.2, 30.6], [23.16, 23.15, 26.44, 28.63, 28.98], \
        [26.25, 26.19, 29.64, 31.9, 32.25]
    rows = [dict(indicator_id="x", area_code=a, sex="Persons", age="All ages", category_type="", category="",
                 period_end=pd.Timestamp(y, 12, 31), value=v, lci95=lo, uci95=up, count=np.nan,
                 denominator=np.nan, is_preferred=True)
            for a, n in (("A", 5), ("B", 4)) for y, v, lo, up in list(zip(years, value, lower, upper))[-n:]]
    indicators = pd.DataFrame([dict(indicator_id="x", polarity="low_is_good", value_type="other")])
    out = derive.trends(pd.DataFrame(rows), indicators).set_index("area_code")
    assert out.loc["A", "trend"] == "Increasing and getting worse"
    assert round(out.loc["A", "trend_chi_square"], 2) == 46.77
    assert out.loc["B", "trend"] == "Cannot be calculated" and out.loc["B", "trend_points"] == 4


def test_north_is_better_than_england_on_bad_health_by_hand(con):
    # independent of lybl.stats: Wilson by hand from the stored count and denominator
    count, n = con.execute("""select count, denominator from indicator_value
                              where indicator_id = 'census_bad_health' and area_code = 'E06000061'""").fetchone()
    england = con.execute("""select value from indicator_value
                             where indicator_id = 'census_bad_health' and area_code = 'E92000001'""").fetchone()[0]
    z = 1.959964
    p = count / n
    upper = (2 * count + z * z + z * np.sqrt(z * z + 4 * count * (1 - p))) / (2 * (n + z * z)) * 100
    assert upper < england  # the whole interval lies below England's value; low is good
    label = con.execute("""select benchmark from benchmark where indicator_id = 'census_bad_health'
                           and area_code = 'E06000061' and comparator_code = 'E92000001'""").fetchone()[0]
    assert label == "better"
