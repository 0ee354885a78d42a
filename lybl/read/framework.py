"""The outcomes framework as the board reads it: ambitions, their metrics and how they compare.

Comparisons here are the documents' own words ("worse than the England average"),
sorted into classes; no interval is computed for figures that were published without one.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from lybl.db import run_query

#: class -> words that put a published comparison in it (checked in this order)
PUBLISHED_CLASSES = [
    ("better", r"\bbetter\b"),
    ("worse", r"\bworse\b"),
    ("similar", r"\bsimilar\b"),
    ("higher", r"\b(?:higher|above)\b"),
    ("lower", r"\b(?:lower|below)\b"),
]
CLASS_ORDER = ["better", "similar", "worse", "higher", "lower", "not compared"]


def classify_published(comparisons: pd.Series) -> pd.Series:
    """Sort the documents' comparison sentences into better / similar / worse / higher / lower.

    Anything else, or no comparison at all, is 'not compared'. Vectorised over a Series.
    """
    text = comparisons.fillna("").astype(str).str.lower()
    out = pd.Series("not compared", index=comparisons.index, dtype=object)
    unset = pd.Series(True, index=comparisons.index)
    for label, pattern in PUBLISHED_CLASSES:
        hit = unset & text.str.contains(pattern, regex=True)
        out[hit] = label
        unset &= ~hit
    return out


def usable(benchmark: pd.Series) -> pd.Series:
    """A computed benchmark where there is one ('better', 'similar', ...); missing where it is absent or
    'not compared: ...' (no interval, no comparator)."""
    return benchmark.where(benchmark.notna() & ~benchmark.fillna("").astype(str).str.startswith("not compared"))


def status(benchmark: pd.Series, words: pd.Series) -> pd.Series:
    """The one rule for a figure's standing against England, used by every page: the computed comparison
    (Fingertips' method, where the figure has an interval), else the document's words classified by
    ``classify_published``; 'not compared' where there is neither."""
    return usable(benchmark).fillna(classify_published(words))


def ambition_tiles(con: duckdb.DuckDBPyConnection, area: str) -> pd.DataFrame:
    """One row per ambition x area in scope, with counts of related indicators by published comparison.

    Columns: ambition_id, name, owner, n_metrics, n_metrics_with_data, area_code, area_name,
    better, similar, worse, higher, lower, not compared, n_indicators.
    """
    ambitions = run_query(con, "ambitions")
    values = run_query(con, "ambition_latest_values", area=area)
    values["comparison"] = classify_published(values["published_comparison"])
    counts = (values.groupby(["ambition_id", "area_code", "area_name", "area_sort", "comparison"])
              .size().unstack("comparison", fill_value=0)
              .reindex(columns=CLASS_ORDER, fill_value=0).reset_index())
    counts["n_indicators"] = counts[CLASS_ORDER].sum(axis=1)
    tiles = ambitions.merge(counts, on="ambition_id", how="left")
    tiles[CLASS_ORDER + ["n_indicators"]] = tiles[CLASS_ORDER + ["n_indicators"]].fillna(0).astype(int)
    return tiles.sort_values(["ambition_id", "area_sort"], na_position="first").reset_index(drop=True)

