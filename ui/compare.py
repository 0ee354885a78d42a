"""The five views of pages/compare.py: widgets, the engine's answer, the table or chart, and the download.

Each view returns what the page's provenance line names: the rows shown, the query and its parameters.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from lybl.ics import ics
from lybl.present.charts import dots, over_time, spine
from lybl.present.compare import (changes_table, compare_cells, headline_areas, overview_table,
                                  spine_table)
from lybl.read.commentary import places_sentences, spine_sentence
from lybl.read.compare import (ALL_AMBITIONS, TRENDS_DEFAULT, changes, changes_since, group_options, in_group,
                               with_groups)
from ui import data, palette, tables
from ui.filters import current_place, current_scope, keep_in_url
from ui.render import chart, downloads, file_stem

COLUMNS = ["indicator_id", "indicator_name", "area_code", "area_name", "period_label", "value", "lci95", "uci95",
           "status", "basis", "against_other_place", "source_title", "source_ref"]
View = tuple[pd.DataFrame, str, dict]


def pick_group(latest: pd.DataFrame, ambitions: dict, default: str = ALL_AMBITIONS, where=st) -> str:
    """The ambition or topic to show, kept in the link as ?group=."""
    options = _group_options(latest, ambitions)
    wanted = st.query_params.get("group", default)
    wanted = wanted if wanted in options else default if default in options else next(iter(options))
    group = where.selectbox("Ambition or topic", list(options), format_func=options.get,
                            index=list(options).index(wanted),
                            help="The strategy's ambitions, or a source's indicators that no ambition uses yet.")
    keep_in_url(group=group)
    return group


def _group_options(latest: pd.DataFrame, ambitions: dict) -> dict[str, str]:
    """The groups of compare_latest (``latest``), cached by database build."""
    return data.view("group_options", (), lambda: group_options(latest, ambitions))


def compare(latest: pd.DataFrame, names: dict, ambitions: dict) -> View:
    """Chosen indicators: each headline area's figure, its status and interval, and the Places' sentence."""
    left, right = st.columns([2, 3])
    pool = latest[in_group(latest, ambitions, pick_group(latest, ambitions, where=left))]
    choices = list(dict.fromkeys(pool["indicator_id"]))
    has_ci = set(pool.loc[pool["lci95"].notna(), "indicator_id"])
    with_ci = [i for i in choices if i in has_ci]
    wanted = [i for i in st.query_params.get_all("indicator") if i in names]
    picked = right.multiselect("Indicators", list(dict.fromkeys(wanted + choices)),
                               default=wanted or with_ci[:3] or choices[:3], format_func=names.get,
                               help="Search by name; the choice is kept in the link.")
    keep_in_url(indicator=picked)
    for indicator in picked:
        said, cells, figure = data.view("compare_indicator", (indicator, palette.current()),
                                        lambda: _compare_one(latest, indicator))
        st.subheader(names[indicator], anchor=False)
        st.markdown("**" + said + "**")
        tables.render(*cells)
        if figure is not None:
            chart(figure, file_stem("compare", indicator), said, key=f"chart_{indicator}")
    shown = latest[latest["indicator_id"].isin(picked)]
    downloads(shown[COLUMNS], "north-vs-west", "Compare")
    return shown, "compare_latest", {}


def _compare_one(latest: pd.DataFrame, indicator: str):
    """One indicator's sentence, table and interval chart (None without intervals)."""
    rows = latest[latest["indicator_id"] == indicator].sort_values("area_sort")
    figure = (dots(rows, "bars: 95% intervals · dashed: England", rows["unit"].iloc[0])
              if rows["lci95"].notna().any() else None)
    return places_sentences(rows), compare_cells(rows, palette.colour), figure


def trends(latest: pd.DataFrame, names: dict) -> View:
    """One indicator over time for the chosen areas, with Fingertips' recent-trend words."""
    place, choices = current_scope(), list(names)
    wanted = st.query_params.get("indicator")
    wanted = wanted if wanted in names else TRENDS_DEFAULT if TRENDS_DEFAULT in names else choices[0]
    left, right = st.columns([3, 2])
    indicator = left.selectbox("Indicator", choices, format_func=names.get, index=choices.index(wanted))
    keep_in_url(indicator=indicator)
    series = data.query("indicator_series", indicator=indicator, area=place)
    available = dict(zip(series["area_code"], series["area_name"]))
    default = [c for c in available if c != ics().region.code]
    wanted_areas = [c for c in st.query_params.get_all("areas") if c in available] or default
    areas = right.multiselect("Areas", list(available), default=wanted_areas, format_func=available.get,
                              help=f"The Place filter's areas, {ics().icb.short}, England, "
                                   + ("where published the former county or districts (to March 2021), "
                                      if ics().former_county else "") + f"and {ics().region.name}.")
    keep_in_url(areas=areas if set(areas) != set(default) else None)  # the default needs no parameter
    series = series[series["area_code"].isin(areas)]
    assessed = data.query("indicator_assessment", indicator=indicator, area=place).set_index("area_code")
    words = [f"**{ics().short(code, available[code])}**: " + (t if t != "Cannot be calculated" else
             "cannot be calculated (fewer than five points or no intervals)")
             for code in areas if code in assessed.index and isinstance(t := assessed.loc[code, "trend"], str)]
    st.markdown("Recent trend (Fingertips' test on the last five points): " + (" · ".join(words) or "none"))
    unit = latest.loc[latest["indicator_id"] == indicator, "unit"].iloc[0]
    title = f"{names[indicator]} · shaded: 95% intervals · dashed: England"
    if series.empty:
        st.info("No figures for these areas.")
    else:
        figure = data.view("trends_chart", (indicator, place, tuple(areas)), lambda: over_time(series, title, unit)
                           if series["period_end"].nunique() > 1 else dots(series, title, unit))
        chart(figure, file_stem("trends", indicator, place),
              "Recent trend (Fingertips' test on the last five points): " + ("; ".join(words) or "none").replace("**", ""))
    downloads(series, f"trend-{indicator}", "Trend")
    return series, "indicator_series", {"indicator": indicator, "area": place}


def changes_view() -> View:
    """What changed since a date (the last board meeting by default): newly better, newly worse, new data."""
    board = ics().last_board() or dt.date.today().replace(month=1, day=1)
    try:
        since = dt.date.fromisoformat(st.query_params.get("since", board.isoformat()))
    except ValueError:
        st.warning(f"The date in the link is not YYYY-MM-DD; showing changes since {board:%d %B %Y}.")
        since = board
    label = "Since (the last board meeting)" if ics().board_dates else "Since"
    since = st.columns([2, 3])[0].date_input(label, since, format="DD/MM/YYYY")
    keep_in_url(since=since.isoformat())
    found = changes(changes_since(data.query("figure_history", since=since.isoformat()), since))
    counts = found["change"].value_counts()
    st.markdown(f"**Since {since:%d %B %Y}**: " + " · ".join(f"{counts.get(k, 0)} {k}" for k in
                ("newly better", "newly worse", "new data", "new figure")) +
                ". A figure counts from its date of data (else its document's publication date).")
    tables.render(*changes_table(found, palette.colour))
    downloads(found, f"changes-since-{since.isoformat()}", "What changed")
    return found, "figure_history", {"since": since.isoformat()}


def spine_view(latest: pd.DataFrame, names: dict, ambitions: dict) -> View:
    """One area's latest figures against the spread of England's upper-tier authorities."""
    places = {c: ics().name(c) for c in headline_areas() if c != ics().england.code}
    ranges = data.view("spine_ranges", (), lambda: with_groups(data.query("spine_ranges"), ambitions))
    left, right = st.columns([2, 3])
    place = current_place() if current_place() in ics().place_codes else ics().place_codes[0]
    wanted = st.query_params.get("area", place)
    area = left.selectbox("Area", list(places), format_func=places.get,
                          index=list(places).index(wanted) if wanted in places else 0)
    keep_in_url(area=area)
    with right:
        group = pick_group(latest, ambitions, default="topic-ons-health-index-overall-domains-and-subdomains")
    ranges = ranges[in_group(ranges, ambitions, group)]
    mine = latest[(latest["area_code"] == area) & in_group(latest, ambitions, group)]
    if ranges.empty:
        st.info("No indicator of this group has a spread across England's authorities in the data.")
    elif not mine["indicator_id"].isin(ranges["indicator_id"]).any():
        st.info(f"{places[area]} has no figure for these indicators: the ranges are drawn without a marker.")
    else:
        low, high = int(ranges["n_areas"].min()), int(ranges["n_areas"].max())
        st.markdown(f"**{places[area]}** against the spread of England's upper-tier local authorities "
                    f"({low if low == high else f'{low} to {high}'} with a figure), England in "
                    "the middle; better to the right where high or low is good.")
        chart(data.view("spine_chart", (area, group, palette.current()), lambda: spine(
                  ranges, mine, palette.status_colours(), f"{places[area]}: latest figures")),
              file_stem("spine", area, group), spine_sentence(places[area], mine["status"]))
    headers, rows, export = data.view("spine_table", (area, group, palette.current()),
                                      lambda: spine_table(ranges, mine, places[area], palette.colour))
    tables.render(headers, rows)
    others = sorted({names[i] for i in mine["indicator_id"] if i not in set(ranges["indicator_id"])})
    if others:
        st.markdown("**Not drawn** (no England figure, or no spread across England's authorities in the data): "
                    + ", ".join(others) + ".")
    downloads(export, f"spine-{area}", "Spine chart")
    st.caption("Spine ranges: the latest figure of every upper-tier authority in England for England's latest "
               "period (Census 2021, ONS Health Index 2021, modelled QOF prevalence 2019/20); "
               "`queries/spine_ranges.sql`")
    return mine, "spine_ranges", {}


def overview(latest: pd.DataFrame, names: dict, ambitions: dict) -> View:
    """The tartan rug: every indicator of a group, each headline area (and the sidebar's LAP) coloured."""
    group = pick_group(latest, ambitions, where=st.columns([2, 3])[0])
    st.markdown("Every indicator's latest figure, coloured by how it compares with England: the 95% interval "
                "against England's value where the figure has one, otherwise the document's own words. "
                "Each cell says its status in words; open an indicator for its detail.")
    shown = latest[in_group(latest, ambitions, group)]
    lap = st.session_state.get("lap")  # the sidebar's LAP, as a last column against England
    lap_figures = data.query("lap_indicators", lap=lap).set_index("indicator_id") if lap else None
    lap_info = data.query("lap_options").set_index("area_code")
    provisional = bool(lap and lap_info.loc[lap, "is_provisional"])
    headings = {a: f"{a}. {name}" for a, name in ambitions.items()}
    tables.render(*data.view("overview_table", (group, lap, palette.current()), lambda: overview_table(
        shown, names, headings, _group_options(latest, ambitions)[group], palette.colour, lap,
        (lap or "") + (" (provisional)" if provisional else ""), lap_figures)))
    table = shown[COLUMNS]
    if lap:  # the download holds what the screen shows, the LAP column included
        extra = lap_figures.reset_index()
        extra = extra[extra["indicator_id"].isin(shown["indicator_id"])].assign(
            area_code=lap, status=lambda d: d["against_england"], basis="95% interval against England's value",
            against_other_place=None, source_title="Census 2021 LSOA counts summed to the LAP",
            area_name=lambda d: d["area_name"] + (" (provisional wards)" if provisional else ""))
        table = pd.concat([table, extra[COLUMNS]], ignore_index=True)
    downloads(table, f"overview-{group}", "Overview")
    return shown, "compare_latest", {}
