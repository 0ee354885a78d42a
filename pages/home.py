"""Home: the ten ambitions as tiles, counted by how their indicators compare (documents' own words)."""
import streamlit as st

from lybl.framework import short_name
from ui import data
from ui.filters import current_place
from ui.render import provenance

place = current_place()
places = data.query("place_options").set_index("area_code")["area_name"]
st.title("Live Your Best Life")
scope = "North and West Northamptonshire" if place == "E54000059" else places[place]
st.markdown(f"#### The ten ambitions · {scope}")

tiles = data.framework("ambition_tiles", area=place)
for row_start in (1, 6):
    columns = st.columns(5)
    for column, number in zip(columns, range(row_start, row_start + 5)):
        ambition = tiles[tiles["ambition_id"] == number]
        first = ambition.iloc[0]
        with column.container(border=True, height=330):
            st.markdown(f"**{number}. {short_name(first['name'])}**")
            st.caption(f"{first['n_metrics_with_data']} of {first['n_metrics']} framework metrics with data"
                       f" · owner {first['owner']}")
            for _, area in ambition.dropna(subset=["area_code"]).iterrows():
                label = area["area_name"].replace(" Northamptonshire", "")
                st.markdown(f"{label}: :green-badge[{area['better']} better] "
                            f":gray-badge[{area['similar']} similar] :red-badge[{area['worse']} worse]"
                            + (f" :blue-badge[{area['higher'] + area['lower'] + area['not compared']} other]"
                               if area['higher'] + area['lower'] + area['not compared'] else ""))
            if ambition["area_code"].isna().all():
                st.markdown(":gray[No indicator data yet]")
            st.page_link("pages/outcomes.py", label="Open ambition", icon=":material/arrow_forward:",
                         query_params={"ambition": str(number), "place": place})

provenance(
    definition="Each indicator linked to an ambition (by a framework metric, or by our stated editorial "
               "mapping) counted by the latest published comparison with England, in the document's own "
               "words. 'Other' is higher / lower with no judgement, or no comparison given.",
    period="Latest period per indicator (see each ambition)",
    source="LYBL strategy HWB factsheets, August 2022 (seed 001); ICB Joint Forward Plan update 2024-29 (seed 003)",
    query="ambition_latest_values", params={"area": place})
