"""The LAP profile's table and charts: figures against the Place and England, residents by age and by
deprivation decile against the Place, and where the LAP is."""
from __future__ import annotations

from typing import Callable

import pandas as pd
import plotly.graph_objects as go

from lybl.present import colours
from lybl.present.charts import FONT
from lybl.present.html import big, chip, link, small, text
from lybl.present.maps import choropleth, tile_shapes
from lybl.present.numbers import figure, interval

Table = tuple[list[tuple[str, str]], list[list[str]]]


def indicator_table(figures: pd.DataFrame, lap_label: str, place_short: str,
                    colour: Callable[[str], tuple[str, bool]]) -> Table:
    """queries/lap_indicators.sql rows: the LAP's figure, against its Place and against England."""
    rows = []
    for r in figures.itertuples():
        rows.append([link(r.indicator_name, f"/indicator?indicator={r.indicator_id}"),
                     big(figure(r.value, r.unit, r.is_suppressed))
                     + small(f"{r.period_label} {interval(r.lci95, r.uci95, r.unit)}".strip()),
                     chip(r.against_place or "not compared", *colour(r.against_place or "")),
                     text(figure(r.place_value, r.unit)),
                     chip(r.against_england or "not compared", *colour(r.against_england or "")),
                     text(figure(r.england_value, r.unit)) if r.england_value == r.england_value
                     else small("no England figure")])
    return [("Indicator", "30%"), (lap_label, "20%"), ("vs Place", "13%"), (place_short, "11%"),
            ("vs England", "13%"), ("England", "13%")], rows


def _layout(fig: go.Figure, **axes) -> go.Figure:
    fig.update_layout(font=FONT, height=460, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white",
                      legend=dict(orientation="h", y=-0.12), **axes)
    return fig


def age_chart(age: pd.DataFrame, place_age: pd.DataFrame, lap: str, place_name: str) -> go.Figure:
    """queries/area_age.sql rows of the LAP as bars, its Place's shares as ticks."""
    return _layout(go.Figure([
        go.Bar(y=age["age_band"], x=age["percent"], orientation="h", name=lap, marker_color=colours.BLUE),
        go.Scatter(y=place_age["age_band"], x=place_age["percent"], mode="markers", name=place_name,
                   marker=dict(color=colours.TEXT, symbol="line-ns-open", size=14))]), xaxis_title="% of residents")


def deprivation_chart(deprivation: pd.DataFrame, place_deprivation: pd.DataFrame, lap: str,
                      place_name: str) -> go.Figure:
    """queries/area_deprivation.sql rows of the LAP as bars by national decile, its Place's as ticks."""
    place = place_deprivation.set_index("decile")["percent"]
    return _layout(go.Figure([
        go.Bar(x=deprivation["decile"], y=deprivation["percent"], name=lap, marker_color=colours.PINK),
        go.Scatter(x=place.index, y=place.values, mode="markers", name=place_name,
                   marker=dict(color=colours.TEXT, symbol="line-ew-open", size=18))]),
        yaxis_title="% of residents", xaxis=dict(title="national decile (1 = England's most deprived 10%)",
                                                 tickmode="linear"))


def locator(shapes: pd.DataFrame, lap: str) -> go.Figure:
    """The LAPs' shapes (queries/map_shapes.sql; the tile map where there are none) with this one highlighted."""
    shapes = shapes if len(shapes) else tile_shapes()
    where = pd.Series({c: ("this LAP" if c == lap else "other LAPs") for c in shapes["area_code"]})
    blank = pd.DataFrame({"area_code": [lap]}).assign(
        value=float("nan"), lci95=float("nan"), uci95=float("nan"), count=float("nan"), denominator=float("nan"),
        is_suppressed=False, period_label="")
    fig = choropleth(shapes, blank, where, {"this LAP": colours.BLUE, "other LAPs": colours.PALE}, "Where it is",
                     None, labels=True)
    fig.update_layout(height=360, showlegend=False)
    return fig


def ward_lines(wards: pd.DataFrame) -> tuple[str, str]:
    """queries/lap_wards.sql rows in words: the 2021-25 wards that define the LAP, and the May 2025 wards
    mostly within it with the share of their residents (and which LAPs hold the rest)."""
    old = wards[wards["vintage"] == "Ward 2021-25"]
    new = wards[wards["vintage"] == "Ward 2025"]
    rest = ["; rest in " + r.other_laps if isinstance(r.other_laps, str) else "" for r in new.itertuples()]
    return (", ".join(old["ward_name"]),
            ", ".join(f"{r.ward_name} ({r.share:.0%}{more})" for r, more in zip(new.itertuples(), rest)))
