"""Better Care Fund metrics as reported to the North Northamptonshire HWB: actual against plan."""
import streamlit as st

from lybl.present.charts import spc_chart
from lybl.read.interventions import MIN_POINTS, control_chart
from lybl.stats.benchmarking import against_target
from ui import data, palette, tables
from ui.filters import current_place
from ui.render import provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

place = current_place()
st.title("Better Care Fund metrics")
st.markdown("As reported to the **North Northamptonshire** Health and Wellbeing Board (end-of-year performance "
            "2021/22, minutes of 5 July 2022): actual against plan, met or not met.")
if place == "E06000062":
    st.info("West Northamptonshire's Better Care Fund report is not among the loaded documents: these figures "
            "are North Northamptonshire's.")

rows = data.query("bcf_metrics")
STATUS = {"met": "✔ met plan", "not met": "✘ plan not met"}
out, results = [], []
for metric_id, g in rows.groupby("metric_id", sort=False):
    first = g.iloc[0]
    name = tables.text(first["name"][0].upper() + first["name"][1:]) + tables.small(
        f"good is {first['good_is'].lower()} · {first['indicator_name']}")
    figures, status = [], ""
    for r in g.itertuples():
        if r.value != r.value:  # no figure printed
            continue
        label = f"{r.category.lower()}" if isinstance(r.category, str) and r.category else r.period_label
        figures.append(tables.big(r.value_text) + tables.small(label))
        if r.plan == r.plan and not (isinstance(r.category, str) and r.category):
            result, gap = against_target(r.value, r.plan, r.polarity)
            status = tables.chip(STATUS[result], *palette.colour(result)) + tables.small(f"{gap:+.1f}{' percentage points' if r.unit == '%' else ''} against plan")
    plan = tables.text(first["plan_text"]) if isinstance(first["plan_text"], str) else tables.small("none printed")
    if figures:
        name += tables.link("Detail →", f"/indicator?indicator={first['indicator_id']}&place={place}")
    out.append([name, "<br>".join(figures) or tables.small("no figure printed"),
                plan, status, tables.small(f"“{first['words']}”")])
    results.append(status)
met = sum("✔" in r for r in results)
planned = sum(bool(r) for r in results)
st.markdown(f"**{met} of {planned} metrics with a plan met it** · {sum(not r[1].startswith('<div') for r in out)} "
            f"of {len(out)} metrics with a figure")
tables.render([("Metric", "26%"), ("Actual", "14%"), ("Plan", "9%"), ("Against plan", "13%"),
               ("The minutes' words", "38%")], out)
charted = 0
for metric_id, g in rows.groupby("metric_id", sort=False):
    first = g.iloc[0]
    series = data.query("monthly_series", indicator=first["indicator_id"], area="E06000061")
    if series.empty:
        continue
    charted += 1
    points = control_chart(series, first["polarity"], first["plan"] if first["plan"] == first["plan"] else None)
    if len(series) < MIN_POINTS:
        st.markdown(f"**{first['indicator_name']}**: {len(series)} monthly points, too few points for SPC.")
        continue
    plan = first["plan"] if first["plan"] == first["plan"] else None
    st.plotly_chart(spc_chart(points, f"{first['indicator_name']}, monthly", plan,
                              first["unit"]), config={"displayModeBar": False})
if not charted:
    st.markdown("**SPC:** no monthly Better Care Fund series is loaded, so there is no chart: too few points for "
                "SPC (Making Data Count asks for 15). A monthly series for North Northamptonshire loaded into the "
                "database is charted here by the same rule as the A&E chart.")

provenance(
    definition="Better Care Fund metrics as the minutes name them; a plan is met when the actual is at or beyond "
               "it in the good direction. 'Final month' is March 2022 as the minutes report it; the monthly average "
               "is the minutes' own figure and never taken for the year's value.",
    period="2021/22 (Better Care Fund End of Year Performance 2021/2022)",
    source="North Northamptonshire HWB meeting pack, 6 September 2022 (seed 002): minutes of 5 July 2022, "
           "lines " + ", ".join(sorted({r.split(':')[-1] for r in rows["source_ref"]})),
    date_of_data="as reported to the board on 5 July 2022",
    query="bcf_metrics", params={})
