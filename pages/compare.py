"""North vs West: compare indicators with England, the overview (tartan rug), spine chart, trends and
what changed since the last board. Every choice is kept in the link; every table downloads."""
import datetime as dt

import pandas as pd
import streamlit as st

from lybl.present.charts import dots, over_time, spine
from lybl.present import numbers
from lybl.read.compare import (ALL_AMBITIONS, changes, changes_since, group_options, in_group, places_sentence,
                          statuses)
from ui import data, palette, tables
from ui.filters import current_place, current_scope, keep_in_url
from ui.render import downloads, provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

VIEWS = {"compare": "Compare indicators", "overview": "Overview (tartan rug)", "spine": "Spine chart",
         "trends": "Trends", "changes": "What changed"}
AREAS = ["E92000001", "E54000059", "E06000061", "E06000062"]
SHORT = {"E92000001": "England", "E54000059": "Northamptonshire", "E06000061": "North", "E06000062": "West"}
COLUMNS = ["indicator_id", "indicator_name", "area_code", "area_name", "period_label", "value", "lci95", "uci95",
           "status", "basis", "against_other_place", "source_title", "source_ref"]

view = st.query_params.get("view", "compare")
view = view if view in VIEWS else "compare"
st.title("North vs West")
chosen_view = st.segmented_control("View", list(VIEWS), format_func=VIEWS.get, default=view,
                                   label_visibility="collapsed") or view
keep_in_url(view=chosen_view)

latest = statuses(data.query("compare_latest"))
ambitions = data.query("ambitions").set_index("ambition_id")["name"].to_dict()
names = latest.drop_duplicates("indicator_id").set_index("indicator_id")["indicator_name"].to_dict()


def pick_group(frame: pd.DataFrame, default: str = ALL_AMBITIONS, where=st) -> str:
    """The ambition or topic to show, kept in the link as ?group=."""
    options = group_options(frame, ambitions)
    wanted = st.query_params.get("group", default)
    wanted = wanted if wanted in options else default if default in options else ALL_AMBITIONS
    group = where.selectbox("Ambition or topic", list(options), format_func=options.get,
                            index=list(options).index(wanted),
                            help="The strategy's ambitions, or a source's indicators that no ambition uses yet.")
    keep_in_url(group=group)
    return group


def figure(r) -> str:
    return numbers.figure(r["value"], r["unit"], r["is_suppressed"])


def sources_of(frame: pd.DataFrame) -> str:
    titles = frame["source_title"].dropna().unique() if "source_title" in frame else []
    return "; ".join(sorted(titles)) + "; see each indicator's detail for its source line" if len(titles) else \
        "see each indicator's detail"


shown = latest
if chosen_view == "compare":
    left, right = st.columns([2, 3])
    group = pick_group(latest, where=left)
    pool = latest[in_group(latest, ambitions, group)]
    choices = list(dict.fromkeys(pool["indicator_id"]))
    with_ci = [i for i in choices if pool.loc[pool["indicator_id"] == i, "lci95"].notna().any()]
    wanted = [i for i in st.query_params.get_all("indicator") if i in names]
    picked = right.multiselect("Indicators", list(dict.fromkeys(wanted + choices)),
                               default=wanted or with_ci[:3] or choices[:3], format_func=names.get,
                               help="Search by name; the choice is kept in the link.")
    st.query_params["indicator"] = picked
    for indicator in picked:
        rows = latest[latest["indicator_id"] == indicator].sort_values("area_sort")
        st.subheader(names[indicator], anchor=False)
        st.markdown("**" + places_sentence(rows) + "**")
        cells = []
        for code in AREAS:
            r = rows[rows["area_code"] == code]
            if r.empty:
                cells.append(tables.small("no data"))
                continue
            r = r.iloc[0]
            interval = (f"95%: {numbers.figure(r['lci95'], r['unit'])} to {numbers.figure(r['uci95'], r['unit'])}"
                        if r["lci95"] == r["lci95"] else "")
            chip = tables.chip(r["status"], *palette.colour(r["status"])) if code != "E92000001" else ""
            cells.append(tables.big(figure(r)) + " " + chip + tables.small(f"{r['period_label']} {interval}")
                         + (tables.small(f"vs England: {r['basis']}") if code != "E92000001" else ""))
        tables.render([(SHORT[c], "25%") for c in AREAS], [cells])
        if rows["lci95"].notna().any():
            st.plotly_chart(dots(rows, "bars: 95% intervals · dashed: England", rows["unit"].iloc[0]),
                            config={"displayModeBar": False}, key=f"chart_{indicator}")
    shown = latest[latest["indicator_id"].isin(picked)]
    downloads(shown[COLUMNS], "north-vs-west", "Compare")
    query, params = "compare_latest", {}
elif chosen_view == "trends":
    place = current_scope()
    choices = list(names)
    wanted = st.query_params.get("indicator")
    wanted = wanted if wanted in names else "ae_4hr_performance" if "ae_4hr_performance" in names else choices[0]
    left, right = st.columns([3, 2])
    indicator = left.selectbox("Indicator", choices, format_func=names.get, index=choices.index(wanted))
    keep_in_url(indicator=indicator)
    series = data.query("indicator_series", indicator=indicator, area=place)
    available = dict(zip(series["area_code"], series["area_name"]))
    default = [c for c in available if c != "E12000004"]
    wanted_areas = [c for c in st.query_params.get_all("areas") if c in available] or default
    areas = right.multiselect("Areas", list(available), default=wanted_areas, format_func=available.get,
                              help="The Place filter's areas, Northamptonshire, England and, where published, "
                                   "the former county or districts (to March 2021) and the East Midlands.")
    if set(areas) != set(default):
        st.query_params["areas"] = areas
    elif "areas" in st.query_params:
        del st.query_params["areas"]
    series = series[series["area_code"].isin(areas)]
    trends = data.query("indicator_assessment", indicator=indicator, area=place).set_index("area_code")
    words = []
    for code in areas:
        if code in trends.index and isinstance(trends.loc[code, "trend"], str):
            t = trends.loc[code, "trend"]
            shown_t = t if t != "Cannot be calculated" else "cannot be calculated (fewer than five points or no intervals)"
            words.append(f"**{SHORT.get(code, available[code])}**: {shown_t}")
    st.markdown("Recent trend (Fingertips' test on the last five points): " + (" · ".join(words) or "none"))
    unit = latest.loc[latest["indicator_id"] == indicator, "unit"].iloc[0]
    title = f"{names[indicator]} · shaded: 95% intervals · dashed: England"
    if series.empty:
        st.info("No figures for these areas.")
    else:
        chart = over_time(series, title, unit) if series["period_end"].nunique() > 1 else dots(series, title, unit)
        st.plotly_chart(chart, config={"displayModeBar": False})
    downloads(series, f"trend-{indicator}", "Trend")
    shown = series
    query, params = "indicator_series", {"indicator": indicator, "area": place}
elif chosen_view == "changes":
    try:
        since = dt.date.fromisoformat(st.query_params.get("since", "2023-06-01"))
    except ValueError:
        st.warning("The date in the link is not YYYY-MM-DD; showing changes since 1 June 2023.")
        since = dt.date(2023, 6, 1)
    since = st.columns([2, 3])[0].date_input("Since (the last board meeting)", since, format="DD/MM/YYYY")
    keep_in_url(since=since.isoformat())
    found = changes(changes_since(data.query("figure_history"), since))
    counts = found["change"].value_counts()
    st.markdown(f"**Since {since:%d %B %Y}**: " + " · ".join(f"{counts.get(k, 0)} {k}" for k in
                ("newly better", "newly worse", "new data", "new figure")) +
                ". A figure counts from its date of data (else its document's publication date).")
    order = {"newly worse": 0, "newly better": 1, "new data": 2, "new figure": 3}
    found = found.assign(o=found["change"].map(order)).sort_values(["o", "indicator_name", "area_sort"])
    rows = []
    for r in found.itertuples():
        colour = {"newly better": "better", "newly worse": "worse"}.get(r.change, "")
        then = (f"{numbers.figure(r.then_value, r.unit)} ({r.then_period}): {r.then_status}"
                if r.then_value == r.then_value else "no figure")
        rows.append([tables.link(r.indicator_name, f"/indicator?indicator={r.indicator_id}"),
                     tables.text(SHORT.get(r.area_code, r.area_name)),
                     tables.big(numbers.figure(r.now_value, r.unit)) + tables.small(f"{r.now_period}: {r.now_status}"),
                     tables.small(then), tables.chip(r.change, *palette.colour(colour))])
    tables.render([("Indicator", "28%"), ("Area", "17%"), ("Now", "19%"), ("At that date", "22%"),
                   ("Change", "14%")], rows)
    downloads(found.drop(columns="o"), f"changes-since-{since.isoformat()}", "What changed")
    shown = found
    query, params = "figure_history", {}
elif chosen_view == "spine":
    places = {"E06000061": "North Northamptonshire", "E06000062": "West Northamptonshire",
              "E54000059": "Northamptonshire"}
    ranges = data.query("spine_ranges")
    left, right = st.columns([2, 3])
    place = current_place() if current_place() in ("E06000061", "E06000062") else "E06000061"
    wanted = st.query_params.get("area", place)
    area = left.selectbox("Area", list(places), format_func=places.get,
                          index=list(places).index(wanted) if wanted in places else 0)
    keep_in_url(area=area)
    with right:
        group = pick_group(latest, default="topic-ons-health-index-overall-domains-and-subdomains")
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
        colours = {s: palette.colour(s)[0] for s in ("better", "similar", "worse", "higher", "lower", "")}
        st.plotly_chart(spine(ranges, mine, colours, f"{places[area]}: latest figures"),
                        config={"displayModeBar": False})
    rows, export = [], []
    for r in ranges.itertuples():
        m = mine[mine["indicator_id"] == r.indicator_id]
        value = m["value"].iloc[0] if len(m) else float("nan")
        unit = m["unit"].iloc[0] if len(m) else None
        status = m["status"].iloc[0] if len(m) else ""
        low, high = ("Worst", "Best") if r.polarity == "high_is_good" else ("Best", "Worst") \
            if r.polarity == "low_is_good" else ("Lowest", "Highest")
        rows.append([tables.link(r.indicator_name, f"/indicator?indicator={r.indicator_id}"),
                     tables.chip(f"{numbers.figure(value, unit)} {status}", *palette.colour(status))
                     if value == value else numbers.NO_DATA,
                     tables.text(numbers.figure(r.england_value, unit)),
                     tables.small(f"{low}: {numbers.figure(r.lowest, unit)}"),
                     tables.small(f"{numbers.figure(r.q25, unit)} to {numbers.figure(r.q75, unit)}"),
                     tables.small(f"{high}: {numbers.figure(r.highest, unit)}")])
        export.append(dict(indicator_id=r.indicator_id, indicator=r.indicator_name, area=places[area], value=value,
                           status=status, england=r.england_value, lowest=r.lowest, q25=r.q25, median=r.median,
                           q75=r.q75, highest=r.highest, n_areas=r.n_areas, polarity=r.polarity))
    tables.render([("Indicator", "34%"), (places[area], "18%"), ("England", "10%"), ("Lowest", "13%"),
                   ("Middle half", "12%"), ("Highest", "13%")], rows)
    drawn = set(ranges["indicator_id"])
    others = sorted({names[i] for i in mine["indicator_id"] if i not in drawn})
    if others:
        st.markdown("**Not drawn** (no England figure, or no spread across England's authorities in the data): "
                    + ", ".join(others) + ".")
    downloads(pd.DataFrame(export), f"spine-{area}", "Spine chart")
    shown = mine
    query, params = "spine_ranges", {}
else:
    group = pick_group(latest, where=st.columns([2, 3])[0])
    st.markdown("Every indicator's latest figure, coloured by how it compares with England: the 95% interval "
                "against England's value where the figure has one, otherwise the document's own words. "
                "Each cell says its status in words; open an indicator for its detail.")
    shown = latest[in_group(latest, ambitions, group)]
    options = group_options(latest, ambitions)
    lap = st.session_state.get("lap")  # the sidebar's LAP, as a fifth column against England
    lap_figures = data.query("lap_indicators", lap=lap).set_index("indicator_id") if lap else None
    columns = AREAS + ([lap] if lap else [])
    rows = []
    for ambition_id, by_ambition in shown.groupby("ambition_id", sort=True):
        heading = f"{ambition_id}. {ambitions[ambition_id]}" if ambition_id in ambitions else options[group]
        rows.append([f"<b>{tables.text(heading)}</b>"] + [""] * len(columns))
        for indicator, g in by_ambition.groupby("indicator_id", sort=False):
            by = g.set_index("area_code")
            row = [tables.link(names[indicator], f"/indicator?indicator={indicator}")]
            for code in AREAS:
                if code not in by.index:
                    row.append(tables.small("no data"))
                    continue
                r = by.loc[code]
                if code == "E92000001":
                    row.append(tables.text(figure(r)) + tables.small(r["period_label"]))
                else:
                    row.append(tables.chip(f"{figure(r)} {r['status']}", *palette.colour(r["status"]))
                               + tables.small(r["period_label"]))
            if lap:
                if indicator in lap_figures.index:
                    r = lap_figures.loc[indicator]
                    word = r["against_england"] or "not compared"
                    row.append(tables.chip(f"{figure(r)} {word}", *palette.colour(word)) + tables.small(r["period_label"]))
                else:
                    row.append(tables.small("no data"))
            rows.append(row)
    width = "17%" if not lap else "13.6%"
    lap_info = data.query("lap_options").set_index("area_code")
    headers = dict(SHORT)
    if lap:
        headers[lap] = lap + (" (provisional)" if lap_info.loc[lap, "is_provisional"] else "")
    tables.render([("Indicator", "32%")] + [(headers[c], width) for c in columns], rows)
    table = shown[COLUMNS]
    if lap:  # the download holds what the screen shows, the LAP column included
        extra = lap_figures.reset_index()
        extra = extra[extra["indicator_id"].isin(shown["indicator_id"])].assign(
            area_code=lap, status=lambda d: d["against_england"], basis="95% interval against England's value",
            against_other_place=None, source_title="Census 2021 LSOA counts summed to the LAP",
            area_name=lambda d: d["area_name"] + (" (provisional wards)" if lap_info.loc[lap, "is_provisional"]
                                                  else ""))
        table = pd.concat([table, extra[COLUMNS]], ignore_index=True)
    downloads(table, f"overview-{group}", "Overview")
    query, params = "compare_latest", {}

provenance(
    definition="Latest figure of each indicator for England, Northamptonshire, North and West. Compared with "
               "England by Fingertips' method (95% interval against England's value) where the figure has an "
               "interval, else in the document's words; North against West by the same method with West's value "
               "as the comparator (docs/methods.md).",
    period="Each figure's own latest period, shown with it",
    source=sources_of(shown if "source_title" in shown else latest),
    date_of_data="as each source states (Data sources page)",
    query=query, params=params)
if chosen_view == "spine":
    st.caption("Spine ranges: the latest figure of every upper-tier authority in England for England's latest "
               "period (Census 2021, ONS Health Index 2021, modelled QOF prevalence 2019/20); "
               "`queries/spine_ranges.sql`")
