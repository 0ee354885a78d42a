"""LAP profile: one Local Area Partnership against its Place and England, its people, deprivation and wards."""
import streamlit as st

from lybl.ics import ics
from lybl.present.charts import spine
from lybl.present.lap import age_chart, deprivation_chart, indicator_table, locator, ward_lines
from lybl.present.numbers import figure
from lybl.read.lap import spine_ranges
from ui import data, palette, tables
from ui.filters import current_place, lap_chooser
from lybl.read.commentary import spine_sentence
from ui.render import chart, downloads, file_stem, provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

laps = data.query("lap_options")
PLACES = data.query("place_options").set_index("area_code")["area_name"].to_dict()
lap = st.session_state.get("lap")
if not lap:  # the page follows the sidebar's LAP filter; without one, choosing here sets it
    st.title("LAP profile")
    lap_chooser(laps, current_place())
    st.stop()
row = laps.set_index("area_code").loc[lap]
place = row["place_code"]
st.title(f"{row['area_name']}: LAP profile")
st.markdown(f"**{row['community']}**, {PLACES[place]}. "
            + ("Its wards are a **provisional** grouping (geo/lap_wards.csv) until the council publishes its own."
               if row["is_provisional"] else "Its wards are the ones a public source names (geo/lap_wards.csv)."))
st.caption(row["note"])

figures = data.query("lap_indicators", lap=lap)
if figures.empty:
    st.info("No figures for the LAPs yet: they are summed from the open data's small areas (data/extracts). "
            "Rebuild with `make db`; the Data page says what was skipped.")
    st.stop()
st.subheader("Indicators against its Place and England", anchor=False)
tables.render(*indicator_table(figures, f"{lap}{' (provisional)' if row['is_provisional'] else ''}",
                               ics().short(place, PLACES[place]), palette.colour))

ranges = spine_ranges(data.query("lap_spread"), figures)
if len(ranges):
    mine = figures.assign(status=figures["against_england"].fillna(""))
    chart(spine(ranges, mine, palette.status_colours(), f"{lap} among the {len(laps)} LAPs (bars: lowest to highest "
                "LAP, middle half darker); England in the middle", across="LAP"), file_stem("lap-spine", lap),
          spine_sentence(row["area_name"], mine.drop_duplicates("indicator_id")["status"].replace("", "not compared")))

left, right = st.columns(2)
age = data.query("area_age", area=lap)
with left:
    st.subheader("Residents by age", anchor=False)
    chart(age_chart(age, data.query("area_age", area=place), lap, PLACES[place]), file_stem("lap-age", lap),
          f"{figure(age['residents'].sum(), 'count')} usual residents, Census 2021 (TS007A, summed from LSOAs).")
deprivation = data.query("area_deprivation", area=lap)
with right:
    st.subheader("Deprivation (IMD 2025)", anchor=False)
    most = deprivation.loc[deprivation["decile"] == 1, "percent"].sum()
    chart(deprivation_chart(deprivation, data.query("area_deprivation", area=place), lap, PLACES[place]),
          file_stem("lap-imd", lap), f"{figure(most, '%')} of residents live in LSOAs among England's most deprived 10%.")

left, right = st.columns([3, 2])
with left:
    st.subheader("Wards", anchor=False)
    old, new = ward_lines(data.query("lap_wards", lap=lap))
    st.markdown(f"**2021-25 wards** (the LAP's definition): {old}")
    st.markdown(f"**Wards from May 2025** mostly within it (share of their residents): {new}")
with right:
    chart(locator(data.query("map_shapes", level="LAP"), lap), file_stem("lap-locator", lap),
          f"Where {row['area_name']} lies among the LAPs (shaded).")

downloads(figures.assign(lap_wards_provisional=bool(row["is_provisional"])), f"lap-{lap}", f"LAP {lap}")
provenance(
    definition="The LAP's latest figures with 95% intervals, against its Place's value and England's "
               "(Fingertips' method); residents by age and by their LSOA's national IMD 2025 decile; its wards.",
    period="Census 2021 (21 March 2021); IMD 2025",
    source="ONS Census 2021 TS037-TS039, TS011, TS007A (LSOA counts summed to the LAP); MHCLG English Indices of "
           "Deprivation 2025 (LSOA deciles); ONS ward lookups; LAP wards: geo/lap_wards.csv",
    date_of_data="Census 2021 topic summaries released 2 November 2022 (TS007A, TS011) and 19 January 2023 "
                 "(TS037-TS039); IoD2025 October 2025",
    query="lap_indicators", params={"lap": lap})
