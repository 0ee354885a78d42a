"""Maps: any indicator by LAP, ward or LSOA, coloured against the Place, England or by fifths; offline."""
import streamlit as st

from lybl.ics import ics
from lybl.present.maps import coloured_map, tile_shapes
from ui import data, palette
from ui.filters import choose_lap, keep_in_url
from ui.render import chart, downloads, file_stem, provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

LEVELS = {"LAP": "Local Area Partnerships", "Ward": "Wards (2021-25)", "LSOA": "LSOAs (2021)"}
COLOURINGS = {"place": "against its Place", "england": "against England", "quintile": "by fifths"}

st.title("Maps")
options = data.query("map_indicators")
if options.empty:
    st.info("No indicator has figures below the Places yet: " + (
        "the open data (data/extracts) was not read. Rebuild with `make db`; the Data page says what was skipped."
        if ics().small_areas else f"config/{ics().key}.toml has no small-area data (small_areas = false)."))
    st.stop()
names = dict(zip(options["indicator_id"], options["indicator_name"]))
levels_of = dict(zip(options["indicator_id"], options["levels"]))
wanted = st.query_params.get("indicator")
wanted = wanted if wanted in names else "census_bad_health" if "census_bad_health" in names else next(iter(names))
left, middle, right = st.columns([3, 2, 2])
indicator = left.selectbox("Indicator", list(names), format_func=names.get, index=list(names).index(wanted))
available = [lv for lv in LEVELS if lv in list(levels_of[indicator])]
level_key = {"lap": "LAP", "ward": "Ward", "lsoa": "LSOA"}.get(st.query_params.get("level", "lap"), "LAP")
level = middle.selectbox("Level", available, format_func=LEVELS.get,
                         index=available.index(level_key) if level_key in available else 0)
colouring = st.query_params.get("compare", "place")
colouring = right.selectbox("Colour", list(COLOURINGS), format_func=COLOURINGS.get,
                            index=list(COLOURINGS).index(colouring) if colouring in COLOURINGS else 0)
keep_in_url(indicator=indicator, level=level.lower(), compare=colouring)

values = data.query("map_values", indicator=indicator, level=level)
shapes = data.query("map_shapes", level=level)
if shapes.empty:
    if level != "LAP":
        st.warning("No boundaries were loaded, so only the LAP tile map can be drawn: the boundaries are in "
                   "data/extracts/geo; rebuild with `make db`.")
        st.stop()
    st.info("No boundaries were loaded: this is the LAP tile map (one hexagon per LAP, placed roughly as on a "
            "map). The boundaries are in data/extracts/geo: rebuild with `make db` for the real map.")
    shapes = tile_shapes()
meta = data.query("indicator_meta", indicator=indicator).iloc[0]
period = ", ".join(sorted(values["period_label"].dropna().unique())) or "no period"
title = f"{names[indicator]}, {period}<br><sup>{LEVELS[level]} coloured {COLOURINGS[colouring]}</sup>"


def clicked() -> None:
    """A click on a LAP makes it the LAP filter."""
    points = st.session_state["map"].selection.points
    codes = [p.get("customdata") for p in points if p.get("customdata")]
    if codes and level == "LAP" and codes[0] in set(laps["area_code"]):
        choose_lap(codes[0], laps)


laps = data.query("lap_options")
figure, said = data.view("map", (indicator, level, colouring, palette.current(), shapes.empty), lambda: coloured_map(
    shapes, values, colouring, lambda s: palette.colour(s)[0], title, meta["unit"], level))
chart(figure, file_stem("map", indicator, level, colouring), said,
      key="map", config={"scrollZoom": True}, on_select=clicked, selection_mode="points")
st.caption("Grey: suppressed to protect small numbers, not compared (no interval) or no data. "
           + ("Click a LAP to make it the LAP filter. " if level == "LAP" else "")
           + "Most LAPs' wards are a provisional grouping (geo/lap_wards.csv).")
downloads(values, f"map-{indicator}-{level.lower()}", "Map")
provenance(
    definition=f"{meta['definition'] or names[indicator]} Colour: each area's 95% interval against "
               + ("its Place's value" if colouring == "place" else "England's value" if colouring == "england"
                  else "nothing: fifths of the areas shown") + " (Fingertips' method, docs/methods.md).",
    period=period, source=f"{meta['source'] or 'see the indicator detail'}; boundaries: ONS Open Geography "
                          "(data/extracts/geo), LAPs dissolved from wards (geo/lap_wards.csv)",
    date_of_data="as the source states (Data sources page)",
    query="map_values", params={"indicator": indicator, "level": level})
