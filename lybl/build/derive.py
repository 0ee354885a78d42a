"""Figures the build computes with lybl.stats from the loaded counts, before anything is written.

In order:
1. small-area Census figures: LSOA counts summed to wards, Places and the ICB (lybl.stats.aggregation);
2. intervals for every figure that has a count and denominator but no published interval;
3. disclosure control over every published count, or count a value gives back: counts 1 to the
   threshold suppressed, and complements wherever figures add up (lybl.stats.disclosure_relations);
4. benchmarks against England, below a Place against the Place, and North against West;
5. Fingertips' recent trend of every series.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from lybl.errors import ValidationError
from lybl.stats.aggregation import aggregate
from lybl.stats.benchmarking import benchmark, benchmark_two_level
from lybl.stats.disclosure_relations import AreaTree, is_rest, table_relations
from lybl.stats.disclosure import SUPPRESSED_NOTE, suppress
from lybl.stats.intervals import intervals
from lybl.stats.trend import recent_trends
from lybl.ics import ics

ENGLAND = ics().england.code
#: Sources whose counts are model outputs, not counts of people, published openly for every area by
#: their producer: the House of Commons Library's QOF registers are practice lists apportioned to
#: areas by a model, with decimals. Disclosure control protects counts of people; it does not apply.
MODELLED_SOURCES = {"hoc_qof_prevalence"}
SERIES = ["indicator_id", "area_code", "sex", "age", "category_type", "category"]
KEY = ["indicator_id", "area_code", "period", "sex", "age", "category_type", "category"]
LIMITS = ["value", "lci95", "uci95", "lci998", "uci998"]
#: area types below a Place, benchmarked against their Place as well as England
SUB_PLACE = {"Community", "Locality", "LAP", "Ward", "LSOA"}


def _parents(areas: list[dict]) -> dict[str, str]:
    return {a["area_code"]: a["parent_code"] for a in areas if a.get("parent_code")}


def small_area_census(lsoa_rows: list[dict], values: list[dict], areas: list[dict]) -> list[dict]:
    """Census figures summed from LSOAs up the area tree (wards, LAPs, communities and localities, the
    ICB); the Places' sums are checked against the authority file instead of stored.

    Returns the new rows in the indicator_value shape, without intervals.
    """
    if not lsoa_rows:
        return []
    parent = _parents(areas)
    kind = {a["area_code"]: a["area_type"] for a in areas}
    lsoa = pd.DataFrame(lsoa_rows)
    template = {r["indicator_id"]: r for r in lsoa_rows}
    out = [dict(r) for r in lsoa_rows]
    level = lsoa[["indicator_id", "area_code", "count", "denominator"]]
    while True:
        lookup = pd.DataFrame({"area_code": level["area_code"].unique()})
        lookup["up"] = lookup["area_code"].map(parent)
        if lookup["up"].isna().any():
            missing = lookup.loc[lookup["up"].isna(), "area_code"].tolist()
            raise ValidationError("areas", None, "parent_code", f"{missing[:5]} have no parent below the ICB")
        level = aggregate(level, lookup, "up", by=["indicator_id"])[["indicator_id", "area_code", "count",
                                                                    "denominator"]]
        types = set(level["area_code"].map(kind))
        if types == {"Place"}:  # checked against the authority file where it has the figure, else stored
            published = _check_places(level, values)
            for r in level.itertuples(index=False):
                if (r.indicator_id, r.area_code) not in published:
                    out.append(dict(template[r.indicator_id], area_code=r.area_code, count=r.count,
                                    denominator=r.denominator, value=100.0 * r.count / r.denominator,
                                    value_note="Sum of Census 2021 LSOA counts to the Place"))
            continue
        for r in level.itertuples(index=False):
            name = {"Ward": "ward"}.get(kind[r.area_code], kind[r.area_code])
            row = dict(template[r.indicator_id], area_code=r.area_code, count=r.count,
                       denominator=r.denominator, value=100.0 * r.count / r.denominator,
                       value_note=f"Sum of Census 2021 LSOA counts to the {name}")
            out.append(row)
        if types == {"ICB"}:
            return out


def _check_places(places: pd.DataFrame, values: list[dict]) -> set[tuple[str, str]]:
    """The Places summed from LSOAs must equal the authority file's figures, or the build stops.

    Returns the (indicator, Place) pairs the authority file publishes."""
    published = {(v["indicator_id"], v["area_code"]): v for v in values if v["source_id"] == "census2021"}
    for r in places.itertuples(index=False):
        row = published.get((r.indicator_id, r.area_code))
        if row is None:
            continue
        if (row["count"], row["denominator"]) != (r.count, r.denominator):
            raise ValidationError(row["_file"], None, "count",
                                  f"{r.area_code} {r.indicator_id}: {row['count']:g}/{row['denominator']:g} in "
                                  f"the authority file but {r.count:g}/{r.denominator:g} summed from LSOAs")
    return set(published)


def add_intervals(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Compute value and 95%/99.8% limits where a count and denominator exist but no interval does."""
    meta = values[["indicator_id"]].merge(indicators[["indicator_id", "value_type", "multiplier"]],
                                          on="indicator_id", how="left")
    for value_type in ("proportion", "crude rate"):
        todo = (values["count"].notna() & values["denominator"].notna() & values["lci95"].isna()
                & (meta["value_type"] == value_type).to_numpy())
        if not todo.any():
            continue
        mult = meta.loc[todo.to_numpy(), "multiplier"].to_numpy(float)
        stats = intervals(values.loc[todo, "count"].to_numpy(float),
                          values.loc[todo, "denominator"].to_numpy(float), value_type, 1.0)
        for column, computed in stats.items():
            values.loc[todo, column] = computed * mult
    return values


def disclose(values: pd.DataFrame, areas: list[dict], threshold: int,
             indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Suppress small counts, and their complements, in every table before anything is written.

    A table is one indicator from one source. Its cells are the figures with a count: the count
    itself, or the count a value gives back (value x denominator / multiplier for proportions and
    crude rates; the value of a count). Its relations are every published sum
    (lybl.stats.disclosure_relations): areas to their nearest published ancestor, level by level; sexes to
    persons; categories and age bands to their total; sub-periods to the period they tile. A figure
    hidden in one source is hidden in every source. A suppressed figure loses count, value and
    limits (any of them gives the count back); its denominator stays and value_note says
    "suppressed to protect small numbers", the same words for every hidden figure.
    """
    values["is_suppressed"] = False
    cells = _cell_counts(values, indicators)
    has_cell = cells.notna()
    if not has_cell.any():
        return values
    tree = AreaTree(areas)
    key = pd.Series(list(zip(*(values[k] for k in KEY))), index=values.index)
    hidden_keys: set = set()
    for _ in range(10):  # again while hiding a figure in one source changes another source's table
        found: set = set()
        for _, table in values[has_cell].groupby(["indicator_id", "source_id"], sort=False):
            counts = pd.Series(cells[table.index].round().to_numpy(), index=key[table.index].to_numpy())
            counts, relations = table_relations(counts, tree)  # adds "rest" cells, which may be small
            force = pd.Series(counts.index.isin(list(hidden_keys)), index=counts.index)
            if not (counts.between(1, threshold).any() or force.any()):
                continue
            result = suppress(counts, relations, threshold, force=force)
            found |= {cell for cell, hide in result["suppressed"].items() if hide and not is_rest(cell)}
        if found <= hidden_keys:
            break
        hidden_keys |= found
    rows = values.index[key.isin(list(hidden_keys))]
    values.loc[rows, ["count", *LIMITS]] = np.nan
    values.loc[rows, "is_suppressed"] = True
    values.loc[rows, "value_note"] = SUPPRESSED_NOTE
    return values


def _cell_counts(values: pd.DataFrame, indicators: pd.DataFrame | None) -> pd.Series:
    """Each figure's count, or the count its value and denominator give back; none for MODELLED_SOURCES."""
    cells = values["count"].astype(float).copy().where(~values["source_id"].isin(MODELLED_SOURCES))
    if indicators is None:
        return cells
    meta = values[["indicator_id"]].merge(indicators[["indicator_id", "value_type", "multiplier"]],
                                          on="indicator_id", how="left").set_index(values.index)
    rate = meta["value_type"].isin(["proportion", "crude rate"])
    implied = values["value"] * values["denominator"] / meta["multiplier"]
    cells = cells.where(cells.notna(), implied.where(rate))
    cells = cells.where(cells.notna(), values["value"].where(meta["value_type"] == "count"))
    return cells.where(~values["source_id"].isin(MODELLED_SOURCES))


def benchmarks(values: pd.DataFrame, areas: list[dict], polarity: pd.Series) -> pd.DataFrame:
    """Every preferred figure with an interval against England, its Place (below a Place), and each
    Place against the other Places of its ICB (North against West)."""
    parent = _parents(areas)
    kind = {a["area_code"]: a["area_type"] for a in areas}

    def place_of(code):
        while code and kind.get(code) in SUB_PLACE:
            code = parent.get(code)
        return code if kind.get(code) == "Place" else None

    v = values[values["is_preferred"] & values["lci95"].notna()]
    if v.empty:
        return pd.DataFrame(columns=KEY + ["comparator_code", "comparator_value", "benchmark", "benchmark_998"])
    pairs = [v.assign(comparator_code=ENGLAND)]
    sub = v[v["area_code"].map(kind).isin(SUB_PLACE)]
    pairs.append(sub.assign(comparator_code=sub["area_code"].map(place_of)))
    # North against West (and West against North): each Place against the other Places of its ICB
    places = [a for a in areas if a["area_type"] == "Place"]
    for place in places:
        for other in places:
            if other is not place and other.get("parent_code") == place.get("parent_code"):
                mine = v[v["area_code"] == place["area_code"]]
                pairs.append(mine.assign(comparator_code=other["area_code"]))
    pairs = pd.concat(pairs)
    pairs = pairs[pairs["comparator_code"].notna() & (pairs["comparator_code"] != pairs["area_code"])]
    ref = values[values["is_preferred"]][KEY + ["value"]].rename(
        columns={"area_code": "comparator_code", "value": "comparator_value"})
    pairs = pairs.merge(ref, on=[k if k != "area_code" else "comparator_code" for k in KEY], how="left")
    pol = pairs["indicator_id"].map(polarity).to_numpy()
    pairs["benchmark"] = benchmark(pairs["value"], pairs["lci95"], pairs["uci95"], pairs["comparator_value"], pol)
    pairs["benchmark_998"] = benchmark_two_level(pairs["value"], pairs["lci95"], pairs["uci95"], pairs["lci998"],
                                                 pairs["uci998"], pairs["comparator_value"], pol)
    return pairs[KEY + ["comparator_code", "comparator_value", "benchmark", "benchmark_998"]]


def trends(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Fingertips' recent trend for every preferred series with a value."""
    v = values[values["is_preferred"] & values["value"].notna()].merge(
        indicators[["indicator_id", "polarity", "value_type"]], on="indicator_id", how="left")
    if "period_start" in v:  # one series is one length of period: that of its latest point
        days = (pd.to_datetime(v["period_end"]) - pd.to_datetime(v["period_start"])).dt.days
        v["span"] = (days / 30.44).round().fillna(-1)
        latest = v.sort_values("period_end").groupby(SERIES)["span"].transform("last").reindex(v.index)
        v = v[v["span"] == latest]
    v = v[v.groupby(SERIES, dropna=False)["value"].transform("size") > 1]  # one figure is not a series
    if v.empty:
        return pd.DataFrame(columns=SERIES + ["trend", "trend_method", "trend_chi_square", "trend_points"])
    return recent_trends(v, SERIES, order="period_end")
