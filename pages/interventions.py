"""Multi-impact intervention scorecards (seed 003): measures against targets, SPC where a series allows."""
import streamlit as st

from lybl.ics import ics
from lybl.present.interventions import HEADERS, measure_rows
from lybl.read.interventions import MIN_POINTS, headline, measures
from lybl.read.spc import chosen as chosen_row, targets_of
from ui import data, palette, spc, tables
from ui.filters import current_place
from ui.render import provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

place = current_place()
st.title("Multi-impact intervention scorecards")
icb = ics().icb
if place != icb.code:
    st.info(f"The intervention scorecards report {icb.short} as a whole: the figures below are the ICB's.")

table = data.view("intervention_measures", (), lambda: measures(data.query("intervention_measures")))
if table.empty:
    st.info(f"No multi-impact intervention scorecard of {icb.short} is among the loaded documents.")
    st.stop()
rows = spc.summary_rows(targets_of(table))  # every monthly series, read by Making Data Count's rules
months = rows[rows["area_code"] == icb.code].set_index("indicator_id")["months"].to_dict()

scorecards = data.view("intervention_rows", (place, palette.current()), lambda: [
    (g["intervention"].iloc[0], headline(g), measure_rows(g, lambda r: months.get(r["indicator_id"], 2 if r["was"]
                                                          else 1), MIN_POINTS, palette.colour, place))
    for _, g in table.groupby("sort_order", sort=True)])
for name, said, out in scorecards:
    st.subheader(name, anchor=False)
    st.markdown(f"**{said}**")
    tables.render(HEADERS, out)

st.subheader("Making Data Count summary", anchor=False)
st.caption("Every monthly series: the variation of its latest point and whether it can meet its target "
           "(icons: docs/methods.md). Click a row, or choose below, for its chart.")
if rows.empty:
    st.info("No monthly series is loaded: the open data (data/extracts) was not read. Rebuild with "
            "`make db`; the Data page says what was skipped.")
    st.stop()
chosen = spc.summary_table(rows)
row = chosen_row(rows, chosen)
series = data.query("monthly_series", indicator=row["indicator_id"], area=row["area_code"])
spc.series_view(row, series)
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
    query="monthly_series", params={"indicator": row["indicator_id"], "area": row["area_code"]})
