"""A small file in the exact format of an OHID Fingertips "all data" CSV, for the import tests.

Its figures are NOT real: they are made up here (labelled "TEST SAMPLE ... not real data" in every indicator
name), with counts over denominators and Wilson intervals computed by lybl.stats, and Fingertips' comparison
words ("Better 95%" ...) derived from those intervals, as Fingertips derives them. The areas are real codes:
England, the East Midlands, the two Places, two other authorities, every 2021-25 ward of the Places, and a
GP practice the dashboard does not know (its rows must be dropped).
"""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from lybl.config import EXTRACTS_DIR
from lybl.stats.intervals import wilson

HEADER = ["Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type",
          "Sex", "Age", "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit",
          "Upper CI 95.0 limit", "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator",
          "Value note", "Recent Trend", "Compared to England value or percentiles",
          "Compared to Region value or percentiles", "Time period Sortable", "New data", "Compared to goal"]
METADATA_HEADER = ["Indicator ID", "Indicator", "Definition", "Rationale", "Unit", "Value type", "Polarity",
                   "Data source"]
JUDGED, UNJUDGED = 90999, 90998
NAMES = {JUDGED: "TEST SAMPLE: Percentage of adults who are physically active (not real data)",
         UNJUDGED: "TEST SAMPLE: Emergency admissions per 100,000 (not real data)"}
AREAS = [("E92000001", "England", "England", 450_000, 1_000_000),
         ("E12000004", "East Midlands region", "Regions (statistical)", 44_000, 100_000),
         ("E06000061", "North Northamptonshire", "Counties & UAs (from Apr 2023)", 2_900, 7_000),
         ("E06000062", "West Northamptonshire", "Counties & UAs (from Apr 2023)", 4_700, 10_000),
         ("E06000016", "Leicester", "Counties & UAs (from Apr 2023)", 2_500, 6_000),
         ("E06000018", "Nottingham", "Counties & UAs (from Apr 2023)", 2_700, 6_000),
         ("A81001", "The Densham Surgery", "GPs", 400, 900)]


def _row(fid: int, code: str, name: str, kind: str, period: str, count: float, denom: float, england: float,
         judged: bool) -> dict:
    value = 100 * count / denom
    lo, hi = (100 * x for x in wilson(count, denom, 0.95))
    lo998, hi998 = (100 * x for x in wilson(count, denom, 0.998))
    if code == "E92000001":
        compared = "Not compared"
    elif lo > england:
        compared = "Better 95%" if judged else "Higher"
    elif hi < england:
        compared = "Worse 95%" if judged else "Lower"
    else:
        compared = "Similar"
    return {"Indicator ID": fid, "Indicator Name": NAMES[fid], "Parent Code": "E92000001",
            "Parent Name": "England", "Area Code": code, "Area Name": name, "Area Type": kind, "Sex": "Persons",
            "Age": "19+ yrs", "Category Type": "", "Category": "", "Time period": period,
            "Value": f"{value:.6f}", "Lower CI 95.0 limit": f"{lo:.6f}", "Upper CI 95.0 limit": f"{hi:.6f}",
            "Lower CI 99.8 limit": f"{lo998:.6f}", "Upper CI 99.8 limit": f"{hi998:.6f}", "Count": f"{count:g}",
            "Denominator": f"{denom:g}", "Value note": "", "Recent Trend": "Cannot be calculated",
            "Compared to England value or percentiles": compared,
            "Compared to Region value or percentiles": "Not compared",
            "Time period Sortable": f"{period[:4]}0000", "New data": "", "Compared to goal": "Not compared"}


def rows() -> list[dict]:
    out = []
    for fid in (JUDGED, UNJUDGED):
        for shift, period in ((0, "2021/22"), (300, "2022/23")):
            england = 100 * (AREAS[0][3] + shift * AREAS[0][4] / 10_000) / AREAS[0][4]
            for code, name, kind, count, denom in AREAS:
                scale = shift * denom / 10_000
                out.append(_row(fid, code, name, kind, period, count + scale, denom, england, fid == JUDGED))
    wards = pd.read_parquet(EXTRACTS_DIR / "geo/lookup_lsoa21_msoa21_ward_lad.parquet")
    wards = wards.drop_duplicates("WD22CD").sort_values("WD22CD")
    england = 100 * (AREAS[0][3] + 300 * AREAS[0][4] / 10_000) / AREAS[0][4]  # England's 2022/23 value
    for i, (code, name) in enumerate(zip(wards["WD22CD"], wards["WD22NM"])):
        count, denom = 1_800 + 40 * (i % 11), 4_000
        out.append(_row(JUDGED, code, name, "Ward", "2022/23", count, denom, england, True))
    return out


def write(path: Path, rows: list[dict] | None = None, encoding: str = "utf-8-sig") -> Path:
    """The sample as Fingertips writes it: UTF-8 with a byte-order mark, every field quoted."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding=encoding) as f:
        writer = csv.DictWriter(f, fieldnames=HEADER, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows if rows is not None else globals()["rows"]())
    return path


def write_metadata(path: Path) -> Path:
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.DictWriter(f, fieldnames=METADATA_HEADER, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerow({"Indicator ID": JUDGED, "Indicator": "TEST SAMPLE: Physically active adults (not real data)",
                         "Definition": "Percentage of adults doing 150+ minutes of activity a week (made up).",
                         "Rationale": "", "Unit": "%", "Value type": "Proportion", "Polarity": "RAG - High is good ",
                         "Data source": "None: test sample"})
        writer.writerow({"Indicator ID": UNJUDGED, "Indicator": NAMES[UNJUDGED], "Definition": "",
                         "Rationale": "", "Unit": "per 100,000", "Value type": "Crude rate",
                         "Polarity": "Not applicable", "Data source": "None: test sample"})
    return path
