"""Better Care Fund metrics as reported to a Place's Health and Wellbeing Board: actual against plan."""
import streamlit as st

from lybl.ics import ics
from lybl.present.bcf import HEADERS, metric_rows
from lybl.present.charts import spc_chart
from lybl.read.interventions import MIN_POINTS, control_chart
from ui import data, palette, tables
from ui.filters import current_place
from lybl.read.commentary import spc_sentence
from ui.render import chart, file_stem, provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

place, bcf = current_place(), ics().bcf_place
st.title("Better Care Fund metrics")
rows = data.query("bcf_metrics")
if not bcf or rows.empty:
    st.info("No Better Care Fund report is among the loaded documents.")
    st.stop()
st.markdown(f"As reported to the **{ics().name(bcf)}** Health and Wellbeing Board (end-of-year performance "
            "2021/22, minutes of 5 July 2022): actual against plan, met or not met.")
if place != bcf and place != ics().icb.code:
    st.info(f"{ics().name(place)}'s Better Care Fund report is not among the loaded documents: these figures "
            f"are {ics().name(bcf)}'s.")
out = data.view("bcf_rows", (place, palette.current()), lambda: metric_rows(rows, palette.colour, place))
met, planned = sum("✔" in r[3] for r in out), sum(bool(r[3]) for r in out)
st.markdown(f"**{met} of {planned} metrics with a plan met it** · {sum(not r[1].startswith('<div') for r in out)} "
            f"of {len(out)} metrics with a figure")
tables.render(HEADERS, out)
charted = 0
for metric_id, g in rows.groupby("metric_id", sort=False):
    first = g.iloc[0]
    series = data.query("monthly_series", indicator=first["indicator_id"], area=bcf)
    if series.empty:
        continue
    charted += 1
    if len(series) < MIN_POINTS:
        st.markdown(f"**{first['indicator_name']}**: {len(series)} monthly points, too few points for SPC.")
        continue
    plan = first["plan"] if first["plan"] == first["plan"] else None
    points = control_chart(series, first["polarity"], plan)
    chart(spc_chart(points, f"{first['indicator_name']}, monthly", plan, first["unit"]),
          file_stem("bcf-spc", first["indicator_id"]),
          spc_sentence(first["indicator_name"], points, plan, first["unit"], first["polarity"], word="plan"))
if not charted:
    st.markdown("**SPC:** no monthly Better Care Fund series is loaded, so there is no chart: too few points for "
                f"SPC (Making Data Count asks for 15). A monthly series for {ics().name(bcf)} loaded into the "
                "database is charted here by the same rule as the A&E chart.")

provenance(
    definition="Better Care Fund metrics as the minutes name them; a plan is met when the actual is at or beyond "
               "it in the good direction. 'Final month' is March 2022 as the minutes report it; the monthly average "
               "is the minutes' own figure and never taken for the year's value.",
    period="2021/22 (Better Care Fund End of Year Performance 2021/2022)",
    source=f"{data.document('seed002')} (seed 002): minutes of 5 July 2022, "
           "lines " + ", ".join(sorted({r.split(':')[-1] for r in rows["source_ref"]})),
    date_of_data="as reported to the board on 5 July 2022",
    query="bcf_metrics", params={})
