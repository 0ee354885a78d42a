"""LAP profile: one Local Area Partnership against its Place and England, its people, deprivation and wards."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lybl.present.charts import FONT, spine
from lybl.present.numbers import figure
from lybl.present.maps import choropleth
from ui import data, palette, tables
from ui.filters import choose_lap, current_place, laps_of
from ui.render import downloads, provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

laps = data.query("lap_options")
PLACES = data.query("place_options").set_index("area_code")["area_name"].to_dict()
lap = st.session_state.get("lap")
if not lap:  # the page follows the sidebar's LAP filter; without one, choosing here sets it
    st.title("LAP profile")
    mine = laps_of(laps, current_place())
    labels = {r.area_code: f"{r.area_name} ({r.community})" for r in mine.itertuples()}
    st.selectbox("Local Area Partnership", list(labels), format_func=labels.get, index=None, key="lap_profile",
                 placeholder="Choose a LAP (it becomes the sidebar's LAP filter)",
                 on_change=lambda: choose_lap(st.session_state["lap_profile"], laps))
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
rows = []
for r in figures.itertuples():
    value = figure(r.value, r.unit, r.is_suppressed)
    ci = f"95%: {figure(r.lci95, r.unit)} to {figure(r.uci95, r.unit)}" if r.lci95 == r.lci95 else ""
    rows.append([tables.link(r.indicator_name, f"/indicator?indicator={r.indicator_id}"),
                 tables.big(value) + tables.small(f"{r.period_label} {ci}"),
                 tables.chip(r.against_place or "not compared", *palette.colour(r.against_place or "")),
                 tables.text(figure(r.place_value, r.unit)),
                 tables.chip(r.against_england or "not compared", *palette.colour(r.against_england or "")),
                 tables.text(figure(r.england_value, r.unit)) if r.england_value == r.england_value
                 else tables.small("no England figure")])
tables.render([("Indicator", "30%"), (f"{lap}{' (provisional)' if row['is_provisional'] else ''}", "20%"), ("vs Place", "13%"), (PLACES[place].split()[0], "11%"),
               ("vs England", "13%"), ("England", "13%")], rows)

spread = data.query("lap_spread")
spread = spread[~spread["is_suppressed"]]
ranges = spread.groupby("indicator_id")["value"].agg(
    lowest="min", q25=lambda v: v.quantile(0.25), median="median", q75=lambda v: v.quantile(0.75), highest="max",
    n_areas="size").reset_index()
ranges = ranges.merge(figures[["indicator_id", "indicator_name", "polarity", "unit", "england_value"]],
                      on="indicator_id").dropna(subset=["england_value"])
if len(ranges):
    mine = figures.assign(status=figures["against_england"].fillna(""))
    colours = {s: palette.colour(s)[0] for s in ("better", "similar", "worse", "higher", "lower", "")}
    st.plotly_chart(spine(ranges, mine, colours, f"{lap} among the 17 LAPs (bars: lowest to highest LAP, middle "
                                                 "half darker); England in the middle", across="LAP"),
                    config={"displayModeBar": False})

left, right = st.columns(2)
age = data.query("area_age", area=lap)
place_age = data.query("area_age", area=place)
with left:
    st.subheader("Residents by age", anchor=False)
    fig = go.Figure([go.Bar(y=age["age_band"], x=age["percent"], orientation="h", name=lap,
                            marker_color="#005eb8"),
                     go.Scatter(y=place_age["age_band"], x=place_age["percent"], mode="markers",
                                name=PLACES[place], marker=dict(color="#212b32", symbol="line-ns-open", size=14))])
    fig.update_layout(font=FONT, height=460, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white",
                      legend=dict(orientation="h", y=-0.12), xaxis_title="% of residents")
    st.plotly_chart(fig, config={"displayModeBar": False})
    st.caption(f"{age['residents'].sum():,.0f} usual residents, Census 2021 (TS007A, summed from LSOAs).")
deprivation = data.query("area_deprivation", area=lap)
with right:
    st.subheader("Deprivation (IMD 2025)", anchor=False)
    place_dep = data.query("area_deprivation", area=place).set_index("decile")["percent"]
    fig = go.Figure([go.Bar(x=deprivation["decile"], y=deprivation["percent"], name=lap, marker_color="#ae2573"),
                     go.Scatter(x=place_dep.index, y=place_dep.values, mode="markers", name=PLACES[place],
                                marker=dict(color="#212b32", symbol="line-ew-open", size=18))])
    fig.update_layout(font=FONT, height=460, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white",
                      legend=dict(orientation="h", y=-0.12), yaxis_title="% of residents",
                      xaxis=dict(title="national decile (1 = England's most deprived 10%)", tickmode="linear"))
    st.plotly_chart(fig, config={"displayModeBar": False})
    most = deprivation.loc[deprivation["decile"] == 1, "percent"].sum()
    st.caption(f"{most:.0f}% of residents live in LSOAs among England's most deprived 10%.")

left, right = st.columns([3, 2])
wards = data.query("lap_wards", lap=lap)
with left:
    st.subheader("Wards", anchor=False)
    old = wards[wards["vintage"] == "Ward 2021-25"]
    new = wards[wards["vintage"] == "Ward 2025"]
    st.markdown("**2021-25 wards** (the LAP's definition): " + ", ".join(old["ward_name"]))
    st.markdown("**Wards from May 2025** mostly within it (share of their residents): " + ", ".join(
        f"{r.ward_name} ({r.share:.0%}{'; rest in ' + r.other_laps if isinstance(r.other_laps, str) else ''})"
        for r in new.itertuples()))
with right:
    shapes = data.query("map_shapes", level="LAP")
    if shapes.empty:
        from lybl.present.maps import tile_shapes
        shapes = tile_shapes()
    where = pd.Series({c: ("this LAP" if c == lap else "other LAPs") for c in shapes["area_code"]})
    locator = choropleth(shapes, pd.DataFrame({"area_code": [lap]}).assign(
        value=float("nan"), lci95=float("nan"), uci95=float("nan"), count=float("nan"), denominator=float("nan"),
        is_suppressed=False, period_label=""), where, {"this LAP": "#005eb8", "other LAPs": "#e8edee"},
        "Where it is", None, labels=True)
    locator.update_layout(height=360, showlegend=False)
    st.plotly_chart(locator, config={"displayModeBar": False})

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
