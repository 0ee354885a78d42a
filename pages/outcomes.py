"""Outcomes framework: one ambition's outcomes and metrics, with owners and latest figures."""
import pandas as pd
import streamlit as st

from lybl.periods import display_period
from lybl.present import numbers
from ui import data, tables
from ui.filters import current_scope, keep_in_url
from ui.render import provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

place = current_scope()
ambitions = data.query("ambitions").set_index("ambition_id")
wanted = st.query_params.get("ambition", "1")
if not wanted.isdigit() or int(wanted) not in ambitions.index:
    st.warning(f"Unknown ambition '{wanted}' in the link; showing ambition 1.")
    wanted = "1"
pick_ambition, pick_owner = st.columns([3, 2])
number = pick_ambition.selectbox("Ambition", list(ambitions.index), index=list(ambitions.index).index(int(wanted)),
                      format_func=lambda n: f"{n}. {ambitions.loc[n, 'name']}")
keep_in_url(ambition=str(number))
ambition = ambitions.loc[number]

st.title(f"{number}. {ambition['name']}")
coverage = (f"{ambition['n_metrics_with_data']} of {ambition['n_metrics']} metrics with data "
            f"({ambition['n_metrics_with_data'] / ambition['n_metrics']:.0%} coverage)" if ambition["n_metrics"]
            else "no metrics listed yet")
st.markdown(f"**Ambition owner:** {ambition['owner']} · {ambition['n_outcomes']} outcomes · {coverage}")

outcomes = data.query("ambition_outcomes", ambition=number)
if outcomes.empty:
    st.markdown("**Outcomes:** the outcomes framework draft (seed 000) lists none for this ambition yet.")
else:
    st.markdown("**Outcomes:** " + " · ".join(outcomes["outcome"]))

st.subheader("Metrics", anchor=False)
metrics = data.query("ambition_metrics", ambition=number, area=place)
owners = sorted(metrics["owner"].dropna().unique())
chosen = st.query_params.get_all("owner")
chosen = pick_owner.multiselect("Owner", owners, default=[o for o in chosen if o in owners], placeholder="All owners",
                        help="Filter the metrics by their owner; kept in the link.")
if chosen:
    st.query_params["owner"] = chosen
elif "owner" in st.query_params:
    del st.query_params["owner"]
if chosen:
    metrics = metrics[metrics["owner"].isin(chosen)]
if metrics.empty:
    st.info("No metrics are listed for this ambition yet: a gap for the board to fill.")
else:
    areas = metrics.dropna(subset=["area_name"]).drop_duplicates("area_name").sort_values("area_sort")["area_name"]
    headers = [("Metric and owner", "36%")] + [(a, f"{54 // max(len(areas), 1)}%") for a in areas] + [("", "10%")]
    rows = []
    has_data = metrics.groupby("metric_id")["value"].transform(lambda v: v.notna().any())
    metrics = metrics.assign(_gap=~has_data).sort_values(["_gap", "metric_id", "area_sort"], kind="stable")
    for metric_id, g in metrics.groupby("metric_id", sort=False):
        first = g.iloc[0]
        row = [tables.text(first["metric"]) + tables.small(f"{first['owner']} · {first['framework']}")]
        by_area = g.set_index("area_name")
        for a in areas:
            if a not in by_area.index:
                row.append(tables.small("no data source yet" if pd.isna(first["indicator_id"]) else "—"))
                continue
            r = by_area.loc[a]
            unit = f" {r['unit']}" if isinstance(r["unit"], str) and r["unit"] not in ("%", "£", "count") else ""
            words = r["published_comparison"] if isinstance(r["published_comparison"], str) else ""
            if isinstance(r["benchmark"], str) and not r["benchmark"].startswith("not compared"):
                words = f"{r['benchmark']} (95% interval)"
            trend = f"trend: {r['trend']}" if isinstance(r["trend"], str) else ""
            row.append(tables.big(numbers.figure(r["value"], r["unit"]) + unit)
                       + tables.small(display_period(r["period_label"], r["period_end"]))
                       + tables.small(f"England: {words}" if words else "") + tables.small(trend))
        if areas.empty:
            row = row[:1]
        row.append(tables.link("Detail →", f"/indicator?indicator={first['indicator_id']}&place={place}")
                   if isinstance(first["indicator_id"], str) else "")
        rows.append(row)
    if areas.empty:
        headers = [headers[0], ("", "10%")]
    tables.render(headers, rows)

st.subheader("Indicators compared with England", anchor=False)
related = data.query("ambition_latest_values", area=place)
related = related[related["ambition_id"] == number]
if related.empty:
    st.markdown("No indicator is linked to this ambition yet.")
else:
    st.markdown("The indicators Home counts for this ambition: each area's latest figure and the document's own "
                "comparison with England (links by framework metric, or by the editorial mapping "
                "`data/indicator_ambition.csv`).")
    names = related.drop_duplicates("area_code").sort_values("area_sort")
    rows = []
    for indicator_id, g in related.groupby("indicator_id", sort=False):
        first = g.iloc[0]
        row = [tables.text(first["indicator_name"]) + tables.small(first["basis"])]
        by_area = g.set_index("area_code")
        for code in names["area_code"]:
            if code not in by_area.index:
                row.append(tables.small("no data"))
                continue
            r = by_area.loc[code]
            words = r["published_comparison"] if isinstance(r["published_comparison"], str) else "not compared"
            row.append(tables.big(numbers.figure(r["value"], r["unit"])) + tables.small(r["period_label"])
                       + tables.small(f"England: {words}"))
        row.append(tables.link("Detail →", f"/indicator?indicator={indicator_id}&place={place}"))
        rows.append(row)
    tables.render([("Indicator", "34%")] + [(n, f"{56 // len(names)}%") for n in names["area_name"]] +
                  [("", "10%")], rows)

st.subheader("Golden thread", anchor=False)
thread = data.query("golden_thread")
mine = thread[thread["ambition_id"] == number]
st.markdown("How an operational measure serves an ambition, as in the iCAN example outcomes scorecard "
            "(seed 002): read left to right to go up from the \"I\" statement to the population outcome, "
            "right to left to go down. " + (f"**{len(mine)} of its {len(thread)} threads serve this ambition**; "
                                            "the others are shown for the whole chain." if len(mine) else
                                            "**None of its threads names this ambition**; all are shown."))
rows = []
for r in (pd.concat([mine, thread[thread["ambition_id"] != number]])).to_dict("records"):
    here = r["ambition_id"] == number
    cell = (lambda t: f"<b>{tables.text(t)}</b>") if here else tables.text
    rows.append([cell(r["i_statement"]), cell(r["operational_kpi"]), cell(r["lead_kpi"]),
                 cell(r["programme_outcome"]), cell(r["icp_ambition"]), cell(r["population_outcome"])])
tables.render([("“I” statement", "20%"), ("Operational KPI", "18%"), ("Lead KPI", "16%"),
               ("Programme outcome", "17%"), ("ICP ambition", "17%"), ("ICS population outcome", "12%")], rows)

provenance(definition="Metrics of the ICP outcomes framework (seed 000) and the LYBL outcome scorecard (seed 003); "
                      "owner is the responsible programme where seed 003 names one, otherwise not yet agreed.",
           period="Latest published period per metric (column Period)", source="Seeds 000, 001 and 003",
           date_of_data="factsheets August 2022; scorecard last updates 2023-24 (see data sources)",
           query="ambition_metrics", params={"ambition": number, "area": place})
st.caption("Golden thread: `queries/golden_thread.sql`, North Northamptonshire HWB meeting pack, 6 September 2022 "
           "(seed 002), lines " + ", ".join(r.split(":")[-1] for r in thread["source_ref"]))
