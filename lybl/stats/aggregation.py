"""Aggregation of small areas to larger ones: sum counts and denominators, then recompute.

A LAP's or a Place's rate is never the average of its wards' rates: numerators and denominators are
summed from the building blocks (LSOAs or wards) and the value and its intervals recomputed from the
sums with the indicator's own method (lybl.stats.intervals). If any building block of an area lacks
its count or denominator, or has no row at all while the lookup lists it under the area, the area's
figure is left missing rather than summed from part of it.
"""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from lybl.stats.intervals import intervals


def aggregate(df: pd.DataFrame, lookup: pd.DataFrame, to: str, *, by: Sequence[str] = (),
              value_type: str = "proportion", multiplier: float = 100) -> pd.DataFrame:
    """Sum ``df``'s counts and denominators from its areas up to the level ``to``.

    ``df``: columns area_code, count, denominator and the ``by`` columns (e.g. indicator_id, period),
    one row per area and ``by`` group.
    ``lookup``: columns area_code (the child, as in ``df``) and ``to`` (its parent at that level,
    e.g. "ward", "LAP", "Place"); each child exactly once.
    Returns one row per parent and ``by`` group: the ``by`` columns, area_code (the parent), count,
    denominator, children (how many areas were summed), and value, lci95, uci95, lci998, uci998 from
    lybl.stats.intervals for ``value_type`` ("proportion" or "crude rate") and ``multiplier``.

    A parent is complete when every child the lookup lists under it has a row in ``df`` for the ``by``
    group, with a count and a denominator. An incomplete parent gets NaN count, denominator, value
    and limits (``children`` still says how many rows were found). A parent with no rows at all in a
    ``by`` group gets no row.

    Raises ValueError when an area of ``df`` is not in the lookup or appears twice in it, or when an
    area appears more than once in ``df`` within the same ``by`` group.
    """
    by = list(by)
    dupes = lookup["area_code"][lookup["area_code"].duplicated()]
    if len(dupes):
        raise ValueError(f"lookup gives more than one {to} for {sorted(set(dupes))[:5]}")
    repeated = df.loc[df.duplicated(by + ["area_code"]), "area_code"].unique()
    if len(repeated):
        raise ValueError(f"{len(repeated)} areas appear more than once in the same group of df, "
                         f"e.g. {sorted(map(str, repeated))[:5]}")
    merged = df.merge(lookup[["area_code", to]], on="area_code", how="left", validate="many_to_one")
    unmapped = merged.loc[merged[to].isna(), "area_code"].unique()
    if len(unmapped):
        raise ValueError(f"{len(unmapped)} areas have no {to} in the lookup, e.g. {sorted(unmapped)[:5]}")
    keys = by + [to]
    merged["_gap"] = merged["count"].isna() | merged["denominator"].isna()  # a building block missing
    grouped = merged.groupby(keys, sort=True, dropna=False)
    sums = grouped[["count", "denominator"]].sum()
    gap = grouped["_gap"].any().to_numpy()
    sums.loc[gap, ["count", "denominator"]] = float("nan")
    sums["children"] = grouped.size()
    expected = lookup.groupby(to).size()  # children the lookup lists under each parent
    wanted = sums.index.get_level_values(to).map(expected).to_numpy(float)
    sums.loc[sums["children"].to_numpy() < wanted, ["count", "denominator"]] = float("nan")
    out = sums.reset_index().rename(columns={to: "area_code"})
    stats = intervals(out["count"].to_numpy(float), out["denominator"].to_numpy(float), value_type, multiplier)
    for column, values in stats.items():
        out[column] = values
    return out[by + ["area_code", "count", "denominator", "children", *stats]]
