"""Multi-impact intervention scorecards (seed 003): measures against targets, SPC where a series allows."""
import streamlit as st

from lybl.ics import ics
from lybl.present.charts import spc_chart
from lybl.present.interventions import HEADERS, measure_rows
from lybl.read.interventions import MIN_POINTS, control_chart, headline, measures
from lybl.stats.control_chart import ASSURANCE_LABELS, VARIATION_LABELS
from ui import data, palette, tables
from ui.filters import current_place, keep_in_url
from ui.render import provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

place = current_place()
st.title("Multi-impact intervention scorecards")
icb = ics().icb
if place != icb.code:
    st.info(f"The intervention scorecards report {icb.short} as a whole: the figures below are the ICB's.")

table = measures(data.query("intervention_measures"))
if table.empty:
    st.info(f"No multi-impact intervention scorecard of {icb.short} is among the loaded documents.")
    st.stop()
SPC_INDICATOR, SPC_AREA = "ae_4hr_performance", icb.code
icb_series = data.query("monthly_series", indicator=SPC_INDICATOR, area=SPC_AREA)

for intervention, g in table.groupby("sort_order", sort=True):
    name = g["intervention"].iloc[0]
    st.subheader(f"{name}", anchor=False)
    st.markdown(f"**{headline(g)}**")
    out = measure_rows(g, lambda r: len(icb_series) if r["indicator_id"] == SPC_INDICATOR else 2 if r["was"] else 1,
                       MIN_POINTS, palette.colour, place)
    tables.render(HEADERS, out)

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
targets = table.loc[table["indicator_id"] == SPC_INDICATOR, "target"].dropna()
target = float(targets.iloc[0]) if len(targets) else None  # the scorecard's target (seed 003)
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
    definition=f"Measures, targets ({', '.join(sorted(set(table['target_text'].dropna())))}) and which way is good "
               "as printed in the multi-impact intervention "
               "scorecards; latest figure and the one before, met or not met against the target. SPC: Making "
               "Data Count XmR chart, mean ± 2.66 × mean moving range, special-cause rules and icons "
               "(docs/methods.md), limits recalculated at documented reporting changes.",
    period=f"Scorecards: as printed (last updates Oct 2023 to Jan 2024); A&E: {series['period_label'].iloc[0]} to "
           f"{series['period_label'].iloc[-1]}, February and March 2025 missing from the source" if len(series)
           else "as printed",
    source=f"{data.document('seed003')} (seed 003), lines 189-201; NHS England "
           "A&E Attendances and Emergency Admissions, monthly (data/extracts). " + " ".join(notes[:2]),
    date_of_data="A&E monthly statistics as published by NHS England to July 2025",
    query="monthly_series", params={"indicator": SPC_INDICATOR, "area": spc_area})
