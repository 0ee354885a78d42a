"""Choropleth maps drawn as filled shapes on a plain grid: no web tiles, no map projection in the browser.

Boundaries come from the build (table area_shape: British National Grid metres), or, without them,
from the committed LAP tile map (geo/lap_tiles.csv: one hexagon per LAP, placed roughly as on a map).
Each area is coloured by a status word (better / similar / worse / higher / lower against the Place or
England, or a quintile); suppressed areas are grey and say so; every area's hover gives its value,
95% interval, count and period.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from lybl.config import ROOT
from lybl.ics import ics
from lybl.present.colours import GREY, QUINTILES as QUINTILE_COLOURS, TEXT
from lybl.present.numbers import figure, interval
from lybl.stats.benchmarking import quintiles

TILES = ROOT / (ics().tiles or "geo/lap_tiles.csv")  # the configured LAP tile map
QUINTILES = ["lowest fifth", "second fifth", "middle fifth", "fourth fifth", "highest fifth"]


def quintile_status(values: pd.Series) -> pd.Series:
    """Each value's fifth among the areas shown, in words ('lowest fifth' ... 'highest fifth'), by the one
    quintile rule (lybl.stats.benchmarking.quintiles); missing values stay missing."""
    fifth, _ = quintiles(values.to_numpy(dtype=float))
    return pd.Series([QUINTILES[int(q) - 1] if q == q else None for q in fifth], index=values.index, dtype=object)


def tile_shapes(path: Path = TILES) -> pd.DataFrame:
    """One hexagon per LAP from geo/lap_tiles.csv (lap_code, area_name, col, row), as GeoJSON polygons."""
    tiles = pd.read_csv(path)
    rows = []
    for t in tiles.itertuples():
        cx, cy = t.col * 1.732 + (0.866 if t.row % 2 else 0), -t.row * 1.5
        ring = [[cx + math.cos(math.radians(a)), cy + math.sin(math.radians(a))] for a in range(30, 390, 60)]
        rows.append(dict(area_code=t.lap_code, area_name=t.area_name,
                         geometry=json.dumps({"type": "Polygon", "coordinates": [ring]})))
    return pd.DataFrame(rows)


def _rings(geometry: str) -> list[list]:
    g = json.loads(geometry)
    polygons = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def _centre(geometry: str) -> tuple[float, float]:
    from shapely.geometry import shape
    point = shape(json.loads(geometry)).representative_point()
    return point.x, point.y


def choropleth(shapes: pd.DataFrame, values: pd.DataFrame, status: pd.Series, colours: dict[str, str],
               title: str, unit: str | None, labels: bool = False) -> go.Figure:
    """``shapes``: area_code, area_name, geometry; ``values``: map_values rows; ``status``: a word per
    area_code (the legend, in the order of ``colours``; anything else is grey)."""
    merged = shapes.merge(values.drop(columns=["area_name"], errors="ignore"), on="area_code", how="left")
    merged["status"] = merged["area_code"].map(status)
    merged.loc[merged["is_suppressed"].fillna(False).astype(bool), "status"] = "suppressed"
    merged["status"] = merged["status"].fillna("no data")
    fig = go.Figure()
    order = [s for s in colours if s in set(merged["status"])] + \
        [s for s in dict.fromkeys(merged["status"]) if s not in colours]
    for word in order:
        group = merged[merged["status"] == word]
        xs, ys = [], []
        for geometry in group["geometry"]:
            for ring in _rings(geometry):
                xs += [p[0] for p in ring] + [None]
                ys += [p[1] for p in ring] + [None]
        fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself", mode="lines", name=word, hoverinfo="skip",
                                 fillcolor=colours.get(word, GREY), line=dict(color="white", width=1)))
    centres = merged["geometry"].map(_centre)
    hover = []
    for r in merged.itertuples():
        if r.status == "suppressed":
            hover.append(f"<b>{r.area_name}</b><br>suppressed to protect small numbers")
        elif r.status == "no data":
            hover.append(f"<b>{r.area_name}</b><br>no data")
        elif r.value != r.value:  # a shape coloured by a word only (e.g. a locator map)
            hover.append(f"<b>{r.area_name}</b><br>{r.status}")
        else:
            ci = "<br>" + interval(r.lci95, r.uci95, unit) if r.lci95 == r.lci95 else ""
            n = f"<br>{figure(r.count, 'count')} of {figure(r.denominator, 'count')}" if r.count == r.count else ""
            hover.append(f"<b>{r.area_name}</b><br>{figure(r.value, unit)} ({r.period_label}): {r.status}{ci}{n}")
    fig.add_trace(go.Scatter(x=[c[0] for c in centres], y=[c[1] for c in centres],
                             mode="text+markers" if labels else "markers",
                             text=list(merged["area_code"]) if labels else None, textfont=dict(size=12),
                             marker=dict(size=14, opacity=0), hovertext=hover, hoverinfo="text", showlegend=False,
                             customdata=list(merged["area_code"]), name="areas"))
    fig.update_layout(title=dict(text=title, font=dict(size=16)), height=620, margin=dict(l=0, r=0, t=50, b=0),
                      plot_bgcolor="white", legend=dict(title="", orientation="h", y=-0.02),
                      font=dict(family="sans-serif", size=14, color=TEXT), dragmode="pan")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    return fig


def colouring(values: pd.DataFrame, by: str, status_colour) -> tuple[pd.Series, dict[str, str]]:
    """(each area's legend word, word -> colour) for a map coloured ``by`` 'place', 'england' or 'quintile'.

    ``values``: queries/map_values.sql rows; ``status_colour(status)`` gives a status's colour in the chosen
    palette. Suppressed figures are never placed in a fifth."""
    by_area = values.set_index("area_code")
    if by == "quintile":
        return quintile_status(by_area["value"].where(~by_area["is_suppressed"])), dict(zip(QUINTILES,
                                                                                            QUINTILE_COLOURS))
    status = by_area["against_place" if by == "place" else "against_england"].fillna("not compared")
    status = status.where(~status.str.startswith("not compared"), "not compared")
    other = "its Place" if by == "place" else "England"
    words = {w: f"similar to {other}" if w == "similar" else f"{w} than {other}"
             for w in ("better", "similar", "worse", "higher", "lower")}  # the legend's order
    return status.map(lambda w: words.get(w, w)), {words[s]: status_colour(s) for s in words}


def coloured_map(shapes: pd.DataFrame, values: pd.DataFrame, against: str, colour: Callable[[str], str], title: str,
                 unit: str | None, level: str) -> tuple[go.Figure, str]:
    """The map of ``values`` coloured ``against`` the Place, England or by fifths, and its sentence."""
    from lybl.read.commentary import MAP_AGAINST, map_sentence
    status, colours = colouring(values, against, colour)
    return (choropleth(shapes, values, status, colours, title, unit, labels=level == "LAP"),
            map_sentence(level, status, MAP_AGAINST[against]))
