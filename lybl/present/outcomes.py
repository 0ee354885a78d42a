"""The outcomes framework page's tables: an ambition's metrics, its indicators against England, the golden thread."""
from __future__ import annotations

import pandas as pd

from lybl.periods import display_period
from lybl.present import numbers
from lybl.present.html import big, link, small, text
from lybl.read.framework import usable

Table = tuple[list[tuple[str, str]], list[list[str]]]


def metric_table(metrics: pd.DataFrame, place: str) -> Table:
    """queries/ambition_metrics.sql rows: one row per metric (those with data first), a column per area."""
    areas = metrics.dropna(subset=["area_name"]).drop_duplicates("area_name").sort_values("area_sort")["area_name"]
    headers = [("Metric and owner", "36%")] + [(a, f"{54 // max(len(areas), 1)}%") for a in areas] + [("", "10%")]
    rows = []
    has_data = metrics.groupby("metric_id")["value"].transform(lambda v: v.notna().any())
    computed = usable(metrics["benchmark"])  # the one rule: the computed comparison, else the document's words
    metrics = metrics.assign(_gap=~has_data, england_words=(computed + " (95% interval)").fillna(
        metrics["published_comparison"]).fillna("")).sort_values(["_gap", "metric_id", "area_sort"], kind="stable")
    for metric_id, g in metrics.groupby("metric_id", sort=False):
        first = g.iloc[0]
        row = [text(first["metric"]) + small(f"{first['owner']} · {first['framework']}")]
        by_area = g.set_index("area_name")
        for a in areas:
            if a not in by_area.index:
                row.append(small("no data source yet" if pd.isna(first["indicator_id"]) else "—"))
                continue
            r = by_area.loc[a]
            words = r["england_words"]
            trend = f"trend: {r['trend']}" if isinstance(r["trend"], str) else ""
            row.append(big(numbers.with_unit(r["value"], r["unit"]))
                       + small(display_period(r["period_label"], r["period_end"]))
                       + small(f"England: {words}" if words else "") + small(trend))
        if areas.empty:
            row = row[:1]
        row.append(link("Detail →", f"/indicator?indicator={first['indicator_id']}&place={place}")
                   if isinstance(first["indicator_id"], str) else "")
        rows.append(row)
    if areas.empty:
        headers = [headers[0], ("", "10%")]
    return headers, rows


def indicator_table(related: pd.DataFrame, place: str) -> Table:
    """queries/ambition_latest_values.sql rows of one ambition: each area's latest figure and the document's words."""
    names = related.drop_duplicates("area_code").sort_values("area_sort")
    rows = []
    for indicator_id, g in related.groupby("indicator_id", sort=False):
        first = g.iloc[0]
        row = [text(first["indicator_name"]) + small(first["basis"])]
        by_area = g.set_index("area_code")
        for code in names["area_code"]:
            if code not in by_area.index:
                row.append(small("no data"))
                continue
            r = by_area.loc[code]
            words = r["published_comparison"] if isinstance(r["published_comparison"], str) else "not compared"
            row.append(big(numbers.figure(r["value"], r["unit"])) + small(r["period_label"])
                       + small(f"England: {words}"))
        row.append(link("Detail →", f"/indicator?indicator={indicator_id}&place={place}"))
        rows.append(row)
    return [("Indicator", "34%")] + [(n, f"{56 // len(names)}%") for n in names["area_name"]] + [("", "10%")], rows


def golden_thread_table(thread: pd.DataFrame, number: int) -> Table:
    """The golden thread (seed 002): the threads serving ambition ``number`` first and in bold."""
    mine = thread[thread["ambition_id"] == number]
    rows = []
    for r in (pd.concat([mine, thread[thread["ambition_id"] != number]])).to_dict("records"):
        here = r["ambition_id"] == number
        cell = (lambda t: f"<b>{text(t)}</b>") if here else text
        rows.append([cell(r["i_statement"]), cell(r["operational_kpi"]), cell(r["lead_kpi"]),
                     cell(r["programme_outcome"]), cell(r["icp_ambition"]), cell(r["population_outcome"])])
    return [("“I” statement", "20%"), ("Operational KPI", "18%"), ("Lead KPI", "16%"), ("Programme outcome", "17%"),
            ("ICP ambition", "17%"), ("ICS population outcome", "12%")], rows
