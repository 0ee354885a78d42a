"""Home: the ten ambitions as one table, each counted by how their indicators compare (documents' own words)."""
import pandas as pd
import streamlit as st

from lybl.ics import ics
from ui import data
from ui.filters import current_scope
from ui.render import provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

place = current_scope()
places = pd.concat([data.query(q).set_index("area_code")["area_name"] for q in ("place_options", "lap_options")])
icb = ics().icb.code
scope = " and ".join(p.name for p in ics().places) if place == icb else places[place]
tiles = data.framework("ambition_tiles", area=place)
st.title(f"{ics().strategy}: the ten ambitions" if len(tiles) else ics().title)
if tiles.empty:
    st.info(f"No outcomes framework of {ics().icb.name} is among the loaded documents (config/{ics().key}.toml: "
            "documents = false). Its Places are compared with England from the England-wide open data:")
    st.page_link("pages/compare.py", label="Compare the Places", icon=":material/compare_arrows:")
    st.stop()
st.markdown(f"**{scope}** · indicators compared with England, as the documents word it: "
            ":green-badge[better] :gray-badge[similar] :red-badge[worse]")
areas = tiles.dropna(subset=["area_code"]).drop_duplicates("area_code").sort_values("area_sort")
areas = areas[areas["area_code"] != icb] if place == icb else areas
WIDTHS = [4.2] + [2.6] * len(areas) + [1.5, 1.5]


def badges(row) -> str:
    if row is None or row["better"] + row["similar"] + row["worse"] == 0:
        return ":gray[none yet]"
    return (f":green-badge[{row['better']} better] :gray-badge[{row['similar']} similar] "
            f":red-badge[{row['worse']} worse]")


header = st.columns(WIDTHS)
header[0].markdown("**Ambition**")
for cell, code, name in zip(header[1:], areas["area_code"], areas["area_name"]):
    cell.markdown(f"**{ics().short(code, name)}**")
header[-2].markdown("**Metrics with data**")
for number in sorted(tiles["ambition_id"].unique()):
    ambition = tiles[tiles["ambition_id"] == number].set_index("area_code", drop=False)
    first = ambition.iloc[0]
    row = st.columns(WIDTHS, vertical_alignment="center")
    row[0].markdown(f"**{number}.** {first['name']}")
    for cell, code in zip(row[1:], areas["area_code"]):
        cell.markdown(badges(ambition.loc[code] if code in ambition.index else None))
    row[-2].markdown(f"{first['n_metrics_with_data']} of {first['n_metrics']}" if first["n_metrics"]
                     else ":gray[none listed]")
    with row[-1]:
        st.page_link("pages/outcomes.py", label="Open", icon=":material/arrow_forward:",
                     query_params={"ambition": str(number), "place": place})

provenance(
    definition="Indicators linked to each ambition (by a framework metric, or by our stated editorial mapping, "
               "data/indicator_ambition.csv), counted by their latest published comparison with England in the "
               "document's own words. Owners of all ten ambitions: not yet agreed (seed 000 asks the board).",
    period="Latest period per indicator: 2017-19 to 2021/22 (open an ambition for each figure's period)",
    source="LYBL strategy HWB factsheets, August 2022 (seed 001); ICB Joint Forward Plan update 2024-29 (seed 003)",
    date_of_data="factsheets: data available August 2022; scorecards: last updates Oct 2023 to Jan 2024",
    query="ambition_latest_values", params={"area": place})
