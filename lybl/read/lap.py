"""A LAP among the LAPs: the spread of every indicator across them, for the LAP profile's spine chart."""
from __future__ import annotations

import pandas as pd


def spine_ranges(spread: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Each indicator's lowest, quartiles, median and highest across the LAPs (suppressed figures left out),
    joined to the LAP's own figures (queries/lap_indicators.sql) and kept where England has a figure.

    ``spread``: queries/lap_spread.sql rows. Quartiles by linear interpolation (pandas' default, as
    DuckDB's quantile_cont in lybl/build/marts/spine_ranges.sql)."""
    shown = spread[~spread["is_suppressed"].astype(bool)]
    ranges = shown.groupby("indicator_id")["value"].agg(
        lowest="min", q25=lambda v: v.quantile(0.25), median="median", q75=lambda v: v.quantile(0.75),
        highest="max", n_areas="size").reset_index()
    return ranges.merge(figures[["indicator_id", "indicator_name", "polarity", "unit", "england_value"]],
                        on="indicator_id").dropna(subset=["england_value"])
