"""Health and Wellbeing Board factsheet: one Place on one page, as in seed 001, rebuilt from the database."""
import streamlit as st

from lybl.compare import statuses
from ui import data, palette, tables
from ui.filters import current_place, keep_in_url
from ui.render import provenance

PLACES = {"E06000061": "North Northamptonshire", "E06000062": "West Northamptonshire"}
wanted = st.query_params.get("area", current_place() if current_place() in PLACES else "E06000061")
area = wanted if wanted in PLACES else "E06000061"
st.title(f"{PLACES[area]}: Health and Wellbeing Board factsheet")
area = st.segmented_control("Place", list(PLACES), format_func=PLACES.get, default=area,
                            label_visibility="collapsed") or area
keep_in_url(area=area)
lines = statuses(data.query("factsheet", area=area))
st.markdown("Every figure of the factsheet in seed 001, grouped as the document groups them, each with its "
            "comparison with England (the document's words; computed where an interval exists). Where a newer "
            "figure is loaded it replaces the printed one, and the line says so. Print with the browser "
            "(Ctrl+P) for a one-page handout.")
columns = st.columns(3)
for column, section in zip(columns, ("Start Well", "Live Well", "Age Well")):
    with column:
        st.subheader(section, anchor=False)
        items = []
        for r in lines[lines["section"] == section].itertuples():
            newer = r.period_label != r.printed_period
            chip = tables.chip(r.status, *palette.colour(r.status)) if r.status != "not compared" else ""
            body = (tables.big(r.value_text if isinstance(r.value_text, str) else f"{r.value:,.4g}") + " " + chip
                    + tables.small(f"{r.indicator_name} · {r.period_label}")
                    + tables.small(f"newer than the factsheet's {r.printed_period}" if newer else ""))
            items.append(f"<div style='margin-bottom:0.6rem'>{body}</div>")
        st.html(tables.STYLE + "".join(items))
provenance(
    definition="The factsheet's figures and its comparisons with England in its own words; figures loaded later "
               "replace older ones, period shown with each.",
    period="2017-19 to 2021/22 as printed; later where newer data are loaded",
    source="Integrated Care Northamptonshire strategy 'Live your best life', HWB factsheets, August 2022 (seed 001), "
           "lines " + ", ".join(r.split(":")[-1] for r in lines["printed_ref"].iloc[[0, -1]]) + "; see each "
           "indicator's detail for its source line",
    date_of_data="latest district level data available in August 2022 (seed 001)",
    query="factsheet", params={"area": area})
