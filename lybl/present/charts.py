"""Plotly figures. Every figure is built from a tidy frame and says what it shows in its title."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lybl.ics import ics
from lybl.present import colours
from lybl.present.numbers import figure, plotly_value, with_unit



def area_colour(code: str) -> str | None:
    """A configured area's colour by its role (the Places first, England grey and dashed); None for others,
    which take the next of colours.OTHERS in order of appearance."""
    return colours.ROLES.get(ics().role(code) or "")


def _translucent(colour: str, alpha: float = 0.15) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"
FONT = dict(family="sans-serif", size=15, color=colours.TEXT)


def dots(series: pd.DataFrame, title: str, unit: str | None) -> go.Figure:
    """One period: each area's figure as a dot with its 95% interval, England as a dashed line."""
    g = series[series["value"].notna()].sort_values("area_sort", ascending=False)
    has_ci = g["lci95"].notna() & g["uci95"].notna()
    fig = go.Figure(go.Scatter(
        x=g["value"], y=g["area_name"], mode="markers",
        marker=dict(size=12, color=[area_colour(c) or colours.DARK_GREY for c in g["area_code"]]),
        error_x=dict(type="data", symmetric=False, array=(g["uci95"] - g["value"]).where(has_ci),
                     arrayminus=(g["value"] - g["lci95"]).where(has_ci), thickness=2, width=6),
        customdata=g[["period_label"]], showlegend=False,
        hovertemplate="%{y}<br>%{customdata[0]}: " + plotly_value("x", unit) + "<extra></extra>"))
    england = g[g["area_code"] == ics().england.code]
    if len(england):
        fig.add_vline(x=float(england["value"].iloc[0]), line_dash="dash", line_color=colours.ROLES["england"])
    fig.update_layout(title=dict(text=title, font=dict(size=16)), font=FONT, height=80 + 48 * max(len(g), 2),
                      margin=dict(l=10, r=10, t=50, b=10), plot_bgcolor="white")
    fig.update_xaxes(gridcolor=colours.PALE, title=unit or None, rangemode="tozero")
    return fig


def over_time(series: pd.DataFrame, title: str, unit: str | None) -> go.Figure:
    """Each area's figures over time with 95% intervals as ribbons (error bars for a lone point); England dashed.

    ``series``: queries/indicator_series.sql rows (area_code, area_name, period_label, period_end,
    value, lci95, uci95, is_suppressed).
    """
    fig = go.Figure()
    shown = series[series["value"].notna()]
    others = iter(colours.OTHERS * 3)
    for code, g in shown.groupby("area_code", sort=False):
        g = g.sort_values("period_end")
        england = code == ics().england.code
        colour = area_colour(code) or next(others)
        has_ci = g["lci95"].notna() & g["uci95"].notna()
        ribbon = g[has_ci]
        if len(ribbon) > 1:
            fig.add_trace(go.Scatter(
                x=list(ribbon["period_end"]) + list(ribbon["period_end"])[::-1],
                y=list(ribbon["uci95"]) + list(ribbon["lci95"])[::-1], fill="toself", mode="lines",
                line=dict(width=0), fillcolor=_translucent(colour), hoverinfo="skip", showlegend=False,
                legendgroup=code))
            has_ci = pd.Series(False, index=g.index)  # the ribbon shows the intervals
        fig.add_trace(go.Scatter(
            x=g["period_end"], y=g["value"], name=g["area_name"].iloc[0], mode="lines+markers",
            line=dict(color=colour, dash="dash" if england else "solid", width=2), legendgroup=code,
            marker=dict(size=8),
            error_y=dict(type="data", symmetric=False, array=(g["uci95"] - g["value"]).where(has_ci),
                         arrayminus=(g["value"] - g["lci95"]).where(has_ci), thickness=1.5, width=4),
            customdata=g[["period_label"]],
            hovertemplate="%{fullData.name}<br>%{customdata[0]}: " + plotly_value("y", unit) + "<extra></extra>"))
    fig.update_layout(title=dict(text=title, font=dict(size=16)), font=FONT, height=360,
                      margin=dict(l=10, r=10, t=60, b=10), plot_bgcolor="white",
                      legend=dict(orientation="h", y=-0.15), hovermode="closest")
    fig.update_xaxes(showgrid=False, title=None)
    fig.update_yaxes(gridcolor=colours.PALE, title=unit or None, rangemode="tozero")
    return fig


def spc_chart(points: pd.DataFrame, title: str, target: float | None, unit: str | None,
              events: pd.DataFrame | None = None, trajectory: pd.DataFrame | None = None) -> go.Figure:
    """A Making Data Count XmR chart: values coloured by point type, mean and process limits per phase.

    ``points``: lybl.stats.spc output with columns period_end and period_label added. ``events``: date and
    label of each annotation (a dotted vertical line, labelled); ``trajectory``: date and value of each
    planned point (a dashed line in the target's colour). Both from lybl.notes.
    """
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=points["period_end"], y=points["value"], mode="lines", showlegend=False,
                             line=dict(color=colours.LINE_GREY, width=1.5), hoverinfo="skip"))
    kinds = points["point_type"].fillna("no limits")
    names = {"common_cause": "common cause", "improvement": "special cause: improvement",
             "concern": "special cause: concern", "neither": "special cause", "no limits": "no limits (too few points)"}
    for kind, g in points.groupby(kinds, sort=False):
        fig.add_trace(go.Scatter(
            x=g["period_end"], y=g["value"], mode="markers", name=names.get(kind, kind),
            marker=dict(size=9, color=colours.SPC.get(kind, colours.GREY), line=dict(width=1, color=colours.DARK_GREY)),
            customdata=g[["period_label"]],
            hovertemplate="%{customdata[0]}: " + plotly_value("y", unit) + "<extra>%{fullData.name}</extra>"))
    for _, phase in points.groupby("phase"):
        if phase["mean"].isna().all():
            continue
        for column, dash, label in (("mean", "solid", "mean"), ("upper", "dash", "upper process limit"),
                                    ("lower", "dash", "lower process limit")):
            fig.add_trace(go.Scatter(x=phase["period_end"], y=phase[column], mode="lines", name=label,
                                     line=dict(color=colours.DARK_GREY if column == "mean" else colours.ROLES["england"], dash=dash,
                                               width=1.5), showlegend=bool(phase["phase"].iloc[0] == 0),
                                     hoverinfo="skip", legendgroup=column))
    if target is not None:
        fig.add_hline(y=target, line_color=colours.TARGET, line_dash="dot",
                      annotation_text=f"target {with_unit(target, unit)}", annotation_position="top left")
    if trajectory is not None and len(trajectory):
        fig.add_trace(go.Scatter(x=trajectory["date"], y=trajectory["value"], mode="lines+markers",
                                 name="target trajectory", line=dict(color=colours.TARGET, dash="dash", width=2),
                                 marker=dict(size=6, symbol="diamond"),
                                 hovertemplate="trajectory %{x|%b %Y}: " + plotly_value("y", unit) + "<extra></extra>"))
    for e in (events.itertuples() if events is not None else ()):
        fig.add_vline(x=e.date, line_color=colours.SECONDARY, line_dash="dot", line_width=1.5)
        fig.add_annotation(x=e.date, y=1, yref="paper", text=e.label, showarrow=False, xanchor="left",
                           yanchor="top", font=dict(size=12, color=colours.TEXT), bgcolor=colours.WHITE)
    fig.update_layout(title=dict(text=title, font=dict(size=16)), font=FONT, height=380,
                      margin=dict(l=10, r=10, t=50, b=10), plot_bgcolor="white",
                      legend=dict(orientation="h", y=-0.18))
    fig.update_xaxes(showgrid=False)
    fig.update_yaxes(gridcolor=colours.PALE, title=unit or None)
    return fig


def spine(ranges: pd.DataFrame, points: pd.DataFrame, status_colours: dict[str, str], title: str,
          across: str = "authority") -> go.Figure:
    """Fingertips-style spine chart: one row per indicator, England at the centre.

    Each row is scaled so that England sits at 0 and the farther of the lowest and highest authority at
    ±1; where high or low is good the row is turned so that better lies to the right. The light bar is
    the whole range, the dark bar the middle half (25th to 75th percentile), the marker the area's
    value coloured by its comparison with England. ``points``: indicator_id, value, status.
    """
    fig = go.Figure()
    r = ranges.set_index("indicator_id")
    half = pd.concat([(r["highest"] - r["england_value"]).abs(), (r["lowest"] - r["england_value"]).abs()],
                     axis=1).max(axis=1)
    sign = r["polarity"].map({"low_is_good": -1}).fillna(1)

    def scale(values: pd.Series, ids) -> pd.Series:
        return (values.to_numpy() - r.loc[ids, "england_value"].to_numpy()) / half.loc[ids].to_numpy() \
            * sign.loc[ids].to_numpy()

    ids = list(r.index)
    labels = [r.loc[i, "indicator_name"] for i in ids]
    lo, hi = scale(r["lowest"], ids), scale(r["highest"], ids)
    q1, q3 = scale(r["q25"], ids), scale(r["q75"], ids)
    fig.add_trace(go.Bar(y=labels, x=abs(hi - lo), base=[min(a, b) for a, b in zip(lo, hi)], orientation="h",
                         marker_color=colours.GREY, name=f"lowest to highest {across}", hoverinfo="skip"))
    fig.add_trace(go.Bar(y=labels, x=abs(q3 - q1), base=[min(a, b) for a, b in zip(q1, q3)], orientation="h",
                         marker_color=colours.MID_GREY, name="middle half (25th to 75th percentile)", hoverinfo="skip"))
    p = points[points["indicator_id"].isin(ids)].set_index("indicator_id").reindex(ids).dropna(subset=["value"])
    if len(p):
        fig.add_trace(go.Scatter(
            y=[r.loc[i, "indicator_name"] for i in p.index], x=scale(p["value"], list(p.index)), mode="markers",
            marker=dict(size=16, color=[status_colours.get(s, colours.CHIP_GREY) for s in p["status"]],
                        line=dict(width=1.5, color=colours.TEXT)),
            name="this area",
            customdata=[(figure(v, u), s, figure(e, u)) for v, u, s, e in
                        zip(p["value"], p["unit"], p["status"], r.loc[p.index, "england_value"])],
            hovertemplate="%{y}<br>%{customdata[0]}: %{customdata[1]} (England %{customdata[2]})<extra></extra>"))
    fig.add_vline(x=0, line_color=colours.TEXT, line_width=2)
    fig.update_layout(barmode="overlay", title=dict(text=title, font=dict(size=16)), font=FONT,
                      height=110 + 55 * len(ids), margin=dict(l=10, r=10, t=50, b=10), plot_bgcolor="white",
                      legend=dict(orientation="h", y=-0.2), bargap=0.45)
    fig.update_xaxes(range=[-1.08, 1.08], tickvals=[-1, 0, 1], ticktext=["worse / lower", "England", "better / higher"],
                     showgrid=False)
    fig.update_yaxes(autorange="reversed")
    return fig
