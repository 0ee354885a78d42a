"""Settings: the colour palette of every status (better / worse, met / not met)."""
import streamlit as st

from ui import palette, tables
from ui.render import provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

st.title("Settings")
st.radio("Status colours", list(palette.PALETTES), key="palette_choice", horizontal=True,
         index=list(palette.PALETTES).index(st.session_state.get("palette", palette.DEFAULT)),
         on_change=lambda: st.session_state.update(palette=st.session_state["palette_choice"]),
         format_func={"Fingertips": "Fingertips (green, amber, red)",
                      "colour-blind": "Colour-blind safe (blue, grey, orange)"}.get,
         help="Kept for this session and in the link when not the default.")
rows = []
for status, word in (("better", "▲ better"), ("no change", "▶ no change"), ("worse", "▼ worse"),
                     ("met", "✔ met"), ("not met", "✘ not met")):
    background, dark = palette.colour(status)
    rows.append([tables.text(status), tables.chip(word, background, dark)])
tables.render([("Status", "30%"), ("As shown", "70%")], rows)
st.markdown("Every status is also written as a word with an arrow or tick, so no one depends on colour. "
            "Making Data Count charts keep NHS England's own colours (blue improvement, orange concern, grey "
            "common cause), which are already distinguishable without red and green.")
provenance(definition="Colour palette of status chips on every page", source="Fingertips benchmark colours; "
           "Okabe and Ito (2008) colour-universal design palette")
st.caption("Query: none (this page shows no data)")
