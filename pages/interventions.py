"""Multi-impact intervention scorecards (seed 003): measures against targets, SPC where a series allows."""
import streamlit as st

from lybl.present.charts import spc_chart
from lybl.read.interventions import MIN_POINTS, control_chart, headline, measures
from lybl.stats.control_chart import ASSURANCE_LABELS, VARIATION_LABELS
from ui import data, palette, tables
from ui.filters import current_place, keep_in_url
from ui.render import provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

place = current_place()
st.title("Multi-impact intervention scorecards")
if place != "E54000059":
    st.info("The intervention scorecards report Northamptonshire as a whole: the figures below are the county's.")

rows = data.query("intervention_measures")
table = measures(rows)
SPC_INDICATOR, SPC_AREA = "ae_4hr_performance", "E54000059"
icb_series = data.query("monthly_series", indicator=SPC_INDICATOR, area=SPC_AREA)
STATUS = {"met": "✔ met", "not met": "✘ not met"}

for intervention, g in table.groupby("sort_order", sort=True):
    name = g["intervention"].iloc[0]
    st.subheader(f"{name}", anchor=False)
    st.markdown(f"**{headline(g)}**")
    out = []
    for r in g.to_dict("records"):
        first = tables.text(r["measure"]) + tables.small(f"good is {r['good_is'].lower()}" if isinstance(
            r["good_is"], str) and r["good_is"] in ("High", "Low") else "")
        if not r["now"]:
            out.append([first, tables.small("no data yet"), "", "", "", ""])
            continue
        badge = tables.chip(r["change"], *palette.colour(r["judgement"])) if r["change"] else ""
        target = tables.text(r["target_text"]) if isinstance(r["target_text"], str) else tables.small("none printed")
        status = ""
        if r["target_status"]:
            status = tables.chip(STATUS[r["target_status"]], *palette.colour(r["target_status"]))
            points = " percentage points" if r["unit"] == "%" else ""
            status += tables.small(f"{r['gap']:+.1f}{points} against the target")
        n = len(icb_series) if r["indicator_id"] == SPC_INDICATOR else 2 if r["was"] else 1
        spc_text = ("SPC chart below" if n >= MIN_POINTS else f"too few points for SPC ({n})")
        detail = tables.link("Detail →", f"/indicator?indicator={r['indicator_id']}&place={place}")
        out.append([first, tables.big(r["now"]) + tables.small(r["was"]), badge, target, status,
                    tables.small(spc_text) + detail])
    tables.render([("Measure", "38%"), ("Latest", "20%"), ("Change", "12%"), ("Target", "8%"),
                   ("Against target", "12%"), ("SPC", "10%")], out)

st.subheader("A&E 4-hour performance: statistical process control", anchor=False)
areas = data.query("trust_options").set_index("area_code")["area_name"].to_dict()
if not areas:
    st.info("No monthly A&E series is loaded: the open data (data/extracts) was not read. Rebuild with "
            "`make db`; the Data page says what was skipped.")
    st.stop()
wanted = st.query_params.get("spc_area", SPC_AREA)
spc_area = st.columns([2, 3])[0].selectbox("Series", list(areas), format_func=areas.get,
                                           index=list(areas).index(wanted) if wanted in areas else 0)
keep_in_url(spc_area=spc_area)
series = icb_series if spc_area == SPC_AREA else data.query("monthly_series", indicator=SPC_INDICATOR, area=spc_area)
target = 76.0
points = control_chart(series, "high_is_good", target)
variation, assurance = points.attrs.get("variation"), points.attrs.get("assurance")
if variation:
    st.markdown("**Variation:** " + VARIATION_LABELS[variation] + " · **Assurance:** "
                + (ASSURANCE_LABELS[assurance] if assurance else "no target"))
for _, phase in points.groupby("phase"):
    if phase["mean"].isna().all():
        st.markdown(f"**{phase['period_label'].iloc[0]} to {phase['period_label'].iloc[-1]}: too few points for "
                    f"SPC** ({len(phase)} of the {MIN_POINTS} Making Data Count asks for); drawn without limits.")
breaks = points[points["phase"].diff().fillna(0) > 0]
st.plotly_chart(spc_chart(points, f"{areas[spc_area]}: % of A&E attendances seen within 4 hours, monthly",
                          target, "%"), config={"displayModeBar": False})
for b in breaks.itertuples():
    st.caption(f"Limits recalculated from {b.period_label}: {b.break_note}")
notes = series["value_note"].dropna().unique()
provenance(
    definition="Measures, targets (76%, 85%) and which way is good as printed in the multi-impact intervention "
               "scorecards; latest figure and the one before, met or not met against the target. SPC: Making "
               "Data Count XmR chart, mean ± 2.66 × mean moving range, special-cause rules and icons "
               "(docs/methods.md), limits recalculated at documented reporting changes.",
    period=f"Scorecards: as printed (last updates Oct 2023 to Jan 2024); A&E: {series['period_label'].iloc[0]} to "
           f"{series['period_label'].iloc[-1]}, February and March 2025 missing from the source" if len(series)
           else "as printed",
    source="NHS Northamptonshire ICB Joint Forward Plan update 2024-2029 (seed 003), lines 189-201; NHS England "
           "A&E Attendances and Emergency Admissions, monthly (data/extracts). " + " ".join(notes[:2]),
    date_of_data="A&E monthly statistics as published by NHS England to July 2025",
    query="monthly_series", params={"indicator": SPC_INDICATOR, "area": spc_area})
