"""North vs West: compare indicators side by side with England, and the overview (tartan rug)."""
import streamlit as st

from lybl.charts import dots, over_time, spine
from lybl.compare import changes, places_sentence, statuses
from ui import data, palette, tables
from ui.filters import current_place, keep_in_url
from ui.render import provenance

VIEWS = {"compare": "Compare indicators", "overview": "Overview (tartan rug)", "spine": "Spine chart",
         "trends": "Trends", "changes": "What changed"}
view = st.query_params.get("view", "compare")
view = view if view in VIEWS else "compare"
st.title("North vs West")
chosen_view = st.segmented_control("View", list(VIEWS), format_func=VIEWS.get, default=view,
                                   label_visibility="collapsed") or view
keep_in_url(view=chosen_view)

latest = statuses(data.query("compare_latest"))
ambitions = data.query("ambitions").set_index("ambition_id")["name"].to_dict()
names = latest.drop_duplicates("indicator_id").set_index("indicator_id")["indicator_name"].to_dict()
AREAS = ["E92000001", "E54000059", "E06000061", "E06000062"]
SHORT = {"E92000001": "England", "E54000059": "Northamptonshire", "E06000061": "North", "E06000062": "West"}

if chosen_view == "compare":
    with_ci = [i for i in names if latest[(latest["indicator_id"] == i)]["lci95"].notna().any()]
    wanted = [i for i in st.query_params.get_all("indicator") if i in names] or with_ci[:3] or list(names)[:3]
    picked = st.multiselect("Indicators", list(names), default=wanted, format_func=names.get,
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
            unit = "%" if r["unit"] == "%" else ""
            value = "suppressed" if r["is_suppressed"] else f"{r['value']:,.4g}{unit}"
            interval = f"95%: {r['lci95']:,.4g} to {r['uci95']:,.4g}" if r["lci95"] == r["lci95"] else ""
            chip = tables.chip(r["status"], *palette.colour(r["status"])) if code != "E92000001" else ""
            cells.append(tables.big(value) + " " + chip + tables.small(f"{r['period_label']} {interval}")
                         + (tables.small(f"vs England: {r['basis']}") if code != "E92000001" else ""))
        tables.render([(SHORT[c], "25%") for c in AREAS], [cells])
        if rows["lci95"].notna().any():
            st.plotly_chart(dots(rows, "bars: 95% intervals · dashed: England", rows["unit"].iloc[0]),
                            config={"displayModeBar": False}, key=f"chart_{indicator}")
    query = "compare_latest"
elif chosen_view == "trends":
    with_series = [i for i in names if (latest["indicator_id"] == i).any()]
    wanted = st.query_params.get("indicator")
    wanted = wanted if wanted in names else "ae_4hr_performance" if "ae_4hr_performance" in names else with_series[0]
    indicator = st.columns([3, 2])[0].selectbox("Indicator", with_series, format_func=names.get,
                                                index=with_series.index(wanted))
    keep_in_url(indicator=indicator)
    series = data.query("indicator_series", indicator=indicator, area="E54000059")
    trends = data.query("indicator_assessment", indicator=indicator, area="E54000059").set_index("area_code")
    words = []
    for code in ("E06000061", "E06000062", "E54000059"):
        if code in trends.index and isinstance(trends.loc[code, "trend"], str):
            t = trends.loc[code, "trend"]
            shown = t if t != "Cannot be calculated" else "cannot be calculated (fewer than five points)"
            words.append(f"**{SHORT[code]}**: {shown}")
    st.markdown("Recent trend (Fingertips' test on the last five points): " + (" · ".join(words) or "no series"))
    unit = latest.loc[latest["indicator_id"] == indicator, "unit"].iloc[0]
    title = f"{names[indicator]} · bars: 95% intervals · dashed: England"
    st.plotly_chart(over_time(series, title, unit) if series["period_end"].nunique() > 1 else dots(series, title, unit),
                    config={"displayModeBar": False})
    query = "indicator_series"
elif chosen_view == "changes":
    import datetime as dt
    try:
        since = dt.date.fromisoformat(st.query_params.get("since", "2023-06-01"))
    except ValueError:
        st.warning("The date in the link is not YYYY-MM-DD; showing changes since 1 June 2023.")
        since = dt.date(2023, 6, 1)
    since = st.columns([2, 3])[0].date_input("Since (the last board meeting)", since, format="DD/MM/YYYY")
    keep_in_url(since=since.isoformat())
    found = changes(data.query("changes_since", since=since.isoformat()))
    counts = found["change"].value_counts()
    st.markdown(f"**Since {since:%d %B %Y}**: " + " · ".join(f"{counts.get(k, 0)} {k}" for k in
                ("newly better", "newly worse", "new data", "new figure")) +
                ". A figure counts from its date of data (else its document's publication date).")
    order = {"newly worse": 0, "newly better": 1, "new data": 2, "new figure": 3}
    rows = []
    for r in found.assign(o=found["change"].map(order)).sort_values(["o", "indicator_name", "area_sort"]).itertuples():
        unit = "%" if r.unit == "%" else ""
        colour = {"newly better": "better", "newly worse": "worse"}.get(r.change, "")
        then = (f"{r.then_value:,.4g}{unit} ({r.then_period}): {r.then_status}" if r.then_value == r.then_value
                else "no figure")
        rows.append([tables.link(r.indicator_name, f"/indicator?indicator={r.indicator_id}"),
                     tables.text(SHORT.get(r.area_code, r.area_name)),
                     tables.big(f"{r.now_value:,.4g}{unit}") + tables.small(f"{r.now_period}: {r.now_status}"),
                     tables.small(then), tables.chip(r.change, *palette.colour(colour))])
    tables.render([("Indicator", "28%"), ("Area", "17%"), ("Now", "19%"), ("At that date", "22%"),
                   ("Change", "14%")], rows)
    query = "changes_since"
elif chosen_view == "spine":
    places = {"E06000061": "North Northamptonshire", "E06000062": "West Northamptonshire",
              "E54000059": "Northamptonshire"}
    wanted = st.query_params.get("area", current_place() if current_place() in places else "E06000061")
    area = st.columns([2, 3])[0].selectbox("Area", list(places), format_func=places.get,
                                           index=list(places).index(wanted) if wanted in places else 0)
    keep_in_url(area=area)
    ranges = data.query("spine_ranges")
    mine = latest[latest["area_code"] == area]
    st.markdown(f"**{places[area]}** against the spread of England's {int(ranges['n_areas'].max())} upper-tier "
                "local authorities, England in the middle; better to the right where high or low is good.")
    colours = {s: palette.colour(s)[0] for s in ("better", "similar", "worse", "higher", "lower", "")}
    st.plotly_chart(spine(ranges, mine, colours, f"{places[area]}: latest figures"), config={"displayModeBar": False})
    rows = []
    for r in ranges.itertuples():
        m = mine[mine["indicator_id"] == r.indicator_id]
        value = m["value"].iloc[0] if len(m) else float("nan")
        status = m["status"].iloc[0] if len(m) else ""
        low, high = ("Worst", "Best") if r.polarity == "high_is_good" else ("Best", "Worst") \
            if r.polarity == "low_is_good" else ("Lowest", "Highest")
        rows.append([tables.link(r.indicator_name, f"/indicator?indicator={r.indicator_id}"),
                     tables.chip(f"{value:.2f} {status}", *palette.colour(status)) if value == value else "no data",
                     tables.text(f"{r.england_value:.2f}"), tables.small(f"{low}: {r.lowest:.2f}"),
                     tables.small(f"{r.q25:.2f} to {r.q75:.2f}"), tables.small(f"{high}: {r.highest:.2f}")])
    tables.render([("Indicator", "34%"), (places[area], "18%"), ("England", "10%"), ("Lowest", "13%"),
                   ("Middle half", "12%"), ("Highest", "13%")], rows)
    drawn = set(ranges["indicator_id"])
    others = sorted({names[i] for i in mine["indicator_id"] if i not in drawn})
    st.markdown(f"**Not drawn** (no spread across England's authorities in the data yet): {', '.join(others)}.")
    query = "spine_ranges"
else:
    st.markdown("Every indicator's latest figure, coloured by how it compares with England: the 95% interval "
                "against England's value where the figure has one, otherwise the document's own words. "
                "Each cell says its status in words; open an indicator for its detail.")
    rows = []
    for ambition_id, group in latest.groupby("ambition_id", sort=True):
        heading = f"{ambition_id}. {ambitions[ambition_id]}" if ambition_id in ambitions else "Not linked to an ambition"
        rows.append([f"<b>{tables.text(heading)}</b>", "", "", "", ""])
        for indicator, g in group.groupby("indicator_id", sort=False):
            by = g.set_index("area_code")
            row = [tables.link(names[indicator], f"/indicator?indicator={indicator}")]
            for code in AREAS:
                if code not in by.index:
                    row.append(tables.small("no data"))
                    continue
                r = by.loc[code]
                unit = "%" if r["unit"] == "%" else ""
                value = "suppressed" if r["is_suppressed"] else f"{r['value']:,.4g}{unit}"
                if code == "E92000001":
                    row.append(tables.text(value) + tables.small(r["period_label"]))
                else:
                    row.append(tables.chip(f"{value} {r['status']}", *palette.colour(r["status"]))
                               + tables.small(r["period_label"]))
            rows.append(row)
    tables.render([("Indicator", "32%")] + [(SHORT[c], "17%") for c in AREAS], rows)
    query = "compare_latest"

provenance(
    definition="Latest figure of each indicator for England, Northamptonshire, North and West. Compared with "
               "England by Fingertips' method (95% interval against England's value) where the figure has an "
               "interval, else in the document's words; North against West by the same method with West's value "
               "as the comparator (docs/methods.md).",
    period="Each figure's own latest period, shown with it",
    source="Census 2021 (ONS), NHS England A&E, HWB factsheets (seed 001), ICB Joint Forward Plan (seed 003): "
           "see each indicator's detail for its source line",
    date_of_data="as each source states (Data sources page)",
    query=query, params={})
if chosen_view == "spine":
    st.caption("Spine ranges: Census 2021 for every upper-tier authority in England (ONS); `queries/spine_ranges.sql`")
