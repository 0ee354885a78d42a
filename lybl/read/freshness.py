"""The Data page's questions: is each open-data source current, and do our comparisons agree with Fingertips'?"""
from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from lybl.db import run_query
from lybl.build.ingest.fingertips_csv import agreement


def sources(con: duckdb.DuckDBPyConnection, today: date | None = None) -> pd.DataFrame:
    """Every open-data file with its release, date of data and next expected release; is_stale once that
    date has passed; refresh says how to get the newer release (`python -m lybl fetch SOURCE`, or by hand)."""
    from lybl.build.fetch import ADAPTED

    found = run_query(con, "open_data_sources", today=(today or date.today()).isoformat())
    return found.assign(refresh=[f"python -m lybl fetch {ADAPTED[f]}" if f in ADAPTED else
                                 "remake the file from the publisher's (data/extract_sources.csv notes say how), then "
                                 "python -m lybl extract --from DIR --keep-others"
                                 for f in found["file"]])


def fingertips_agreement(con: duckdb.DuckDBPyConnection) -> tuple[dict, pd.DataFrame]:
    """How many imported figures Fingertips compared with England, how many of our recomputed comparisons
    say the same (lybl.build.ingest.fingertips_csv.agreement), and the figures where they differ."""
    rows = run_query(con, "fingertips_agreement")
    if rows.empty:
        return {"imported": 0, "compared": 0, "agree": 0}, rows
    verdict = [agreement(p, b, b998) for p, b, b998 in
               zip(rows["published_comparison"], rows["benchmark"], rows["benchmark_998"])]
    rows = rows.assign(agrees=pd.array(verdict, dtype="boolean"))
    compared = rows[rows["agrees"].notna()]
    summary = {"imported": len(rows), "compared": len(compared), "agree": int(compared["agrees"].sum())}
    return summary, compared[~compared["agrees"].astype(bool)].drop(columns="agrees")
