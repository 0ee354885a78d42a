"""Home: the ten ambitions as one table, each counted by how their indicators compare (documents' own words)."""
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from lybl.ics import ics
from ui import data, palette, tables
from ui.filters import current_place, current_scope
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
st.markdown(f"**{scope}** · indicators compared with England, as the documents word it: better, similar or "
            "worse.")


def board(tiles: pd.DataFrame) -> tuple[list, list]:
    """One table: a row per ambition, a column per area, each cell its indicators counted by status (drawn
    once per Place, LAP and palette: 60 cells as one element)."""
    areas = tiles.dropna(subset=["area_code"]).drop_duplicates("area_code").sort_values("area_sort")
    areas = areas[areas["area_code"] != icb] if place == icb else areas
    wanted = {"place": current_place(), "lap": st.session_state.get("lap"),
              "palette": palette.current() if palette.current() != palette.DEFAULT else None}
    keep = urlencode({k: v for k, v in wanted.items() if v})  # the ambition's link keeps the filters

    def counts(row) -> str:
        if row is None or row["better"] + row["similar"] + row["worse"] == 0:
            return tables.small("none yet")
        return " ".join(tables.chip(f"{row[s]} {s}", *palette.colour(s)) for s in ("better", "similar", "worse"))

    headers = [("Ambition", "30%"), *[(ics().short(c, n), "18%") for c, n in zip(areas["area_code"],
                                                                                  areas["area_name"])],
               ("Metrics with data", "12%")]
    rows = []
    for number in sorted(tiles["ambition_id"].unique()):
        ambition = tiles[tiles["ambition_id"] == number].set_index("area_code", drop=False)
        first = ambition.iloc[0]
        link = tables.link(first["name"], f"outcomes?ambition={number}&{keep}")
        rows.append([f"<strong>{number}.</strong> {link}",
                     *[counts(ambition.loc[c] if c in ambition.index else None) for c in areas["area_code"]],
                     f"{first['n_metrics_with_data']} of {first['n_metrics']}" if first["n_metrics"]
                     else tables.small("none listed")])
    return headers, rows


tables.render(*data.view("home", (place, current_place(), palette.current()), lambda: board(tiles)))
st.caption("Open an ambition for its outcomes, metrics and owners.")

provenance(
    definition="Indicators linked to each ambition (by a framework metric, or by our stated editorial mapping, "
               "data/indicator_ambition.csv), counted by their latest published comparison with England in the "
               "document's own words. Owners of all ten ambitions: not yet agreed (seed 000 asks the board).",
    period="Latest period per indicator: 2017-19 to 2021/22 (open an ambition for each figure's period)",
    source="LYBL strategy HWB factsheets, August 2022 (seed 001); ICB Joint Forward Plan update 2024-29 (seed 003)",
    date_of_data="factsheets: data available August 2022; scorecards: last updates Oct 2023 to Jan 2024",
    query="ambition_latest_values", params={"area": place})
