"""A board pack's slides: each saved view (a page and its link's parameters) as one slide, without Streamlit.

A slide holds what the page shows at a glance: a title, its chart (a Plotly figure, drawn to an image by the
deck), its key table (at most ``ROWS`` rows, the rest behind the link), one summary sentence (lybl.read.commentary:
the same words as the page's text alternative), the footer (source, period, date of data) and the view's link.
Each builder reads the database through the same named queries and engine functions as its page, so a slide
shows the page's numbers. A page with no builder becomes a slide that names its link.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pandas as pd

from lybl.db import run_query
from lybl.ics import ics
from lybl.present import numbers
from lybl.present.colours import DEFAULT_PALETTE, STATUS
from lybl.packs import link

ROWS = 7


@dataclass
class Slide:
    title: str
    summary: str
    footer: str
    link: str
    figure: object | None = None
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    more_rows: int = 0


def _colours(params: dict) -> dict[str, str]:
    palette = params.get("palette", DEFAULT_PALETTE)
    return {k: v[0] for k, v in STATUS.get(palette, STATUS[DEFAULT_PALETTE]).items()}


def _scope(params: dict) -> str:
    return params.get("lap") or params.get("place") or ics().icb.code


def _hidden(suppressed) -> bool:
    """is_suppressed as a bool (missing counts as not suppressed: the value is then missing too)."""
    return bool(pd.notna(suppressed) and suppressed)


def _cut(table: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    return table.head(ROWS).reset_index(drop=True), max(len(table) - ROWS, 0)


def _footer(source: str, period: str, date_of_data: str) -> str:
    return f"Source: {source} · Period: {period} · Date of data: {date_of_data}"


def scorecard(con, params: dict) -> Slide:
    from lybl.read.scorecard import scorecard_areas, sort_orders, sort_table, wide
    values = run_query(con, "scorecard_values", area=_scope(params))
    areas = scorecard_areas(values)
    orders = sort_orders(areas)
    table = sort_table(wide(values, run_query(con, "scorecard_metrics")), orders.get(params.get("sort"), None))
    shown = pd.DataFrame({"Metric": table["metric"]})
    for a in areas:
        shown[ics().short(a)] = [f"{n} {b}".strip() if n else "—" for n, b in zip(table[f"{a}|now"], table[f"{a}|badge"])]
    first = areas[0] if areas else None
    judged = table[f"{first}|judgement"].value_counts() if first else pd.Series(dtype=int)
    summary = (f"Of {int((table[f'{first}|now'] != '').sum())} metrics with a figure for {ics().name(first)}, "
               f"{judged.get('better', 0)} moved in the good direction and {judged.get('worse', 0)} in the bad "
               "since the figure before (direction of change only: no significance is tested)."
               if first else "No scorecard figures are loaded.")
    rows, more = _cut(shown)
    return Slide(f"{ics().strategy} outcome scorecard", summary,
                 _footer("ICP scorecards (seed 003) and HWB factsheets (seed 001)", "each figure's own period",
                         "as the scorecard prints each metric's last update"), "", None, rows, more)


def interventions(con, params: dict) -> Slide:
    from lybl.notes import read_notes
    from lybl.present.interventions import spc_view
    from lybl.read.interventions import measures
    from lybl.read.spc import chosen, summary, targets_of
    targets = targets_of(measures(run_query(con, "intervention_measures")))
    rows = summary(run_query(con, "spc_series"),
                   lambda i, a: run_query(con, "monthly_series", indicator=i, area=a), targets)
    if rows.empty:
        raise LookupError("no monthly series is loaded")
    row = chosen(rows, params.get("series"))
    series = run_query(con, "monthly_series", indicator=row["indicator_id"], area=row["area_code"])
    _, figure, sentence = spc_view(row, series, read_notes(row["indicator_id"], row["area_code"]), params.get("rebase"))
    short = {"common_cause": "common cause", "consistently_pass": "passes", "consistently_fail": "fails",
             "hit_and_miss": "hit and miss"}
    several = rows["indicator_id"].nunique() > 1
    table = pd.DataFrame({"Series": rows["measure"] + ": " + rows["area"] if several else rows["area"],
                          "Latest": [f"{numbers.with_unit(v, u)} ({m})" for v, u, m in
                                     zip(rows["latest"], rows["unit"], rows["latest_label"])],
                          "Variation": [short.get(v) or (v.replace("_", " (") + ")" if isinstance(v, str)
                                                         else "no limits") for v in rows["variation"]],
                          "Target": [short.get(a, "no target or limits") for a in rows["assurance"]]})
    rows_shown, more = _cut(table)
    meta = run_query(con, "indicator_meta", indicator=row["indicator_id"]).iloc[0]
    return Slide(f"{row['measure']}: Making Data Count", sentence,
                 _footer(f"{meta['source']}; target: the multi-impact intervention scorecards (seed 003)",
                         f"{series['period_label'].iloc[0]} to {series['period_label'].iloc[-1]}",
                         "as the source states"), "", figure, rows_shown, more)


def indicator(con, params: dict) -> Slide:
    from lybl.present.charts import dots, over_time
    from lybl.read.indicator import in_words, latest_rows, summary
    options = run_query(con, "indicator_options")["indicator_id"].tolist()
    chosen = params.get("indicator") if params.get("indicator") in options else options[0]
    area = _scope(params)
    meta = run_query(con, "indicator_meta", indicator=chosen).iloc[0]
    series = run_query(con, "indicator_series", indicator=chosen, area=area)
    assessed = run_query(con, "indicator_assessment", indicator=chosen, area=area).set_index("area_code")
    latest = latest_rows(series).sort_values("area_sort")
    said = summary(in_words(series, assessed, meta["unit"]))
    title = f"{meta['unit'] or meta['value_type']} · bars: 95% intervals · dashed: England"
    figure = (over_time if series["period_end"].nunique() > 1 else dots)(series, title, meta["unit"])
    table = pd.DataFrame({"Area": latest["area_name"], "Period": latest["period_label"],
                          "Value": [numbers.with_unit(v, meta["unit"], _hidden(s)) for v, s in
                                    zip(latest["value"], latest["is_suppressed"])]})
    rows, more = _cut(table)
    periods = series.sort_values("period_end")["period_label"]
    return Slide(meta["name"], said or "No figures yet.",
                 _footer(meta["source"] or "see the indicator detail", f"{periods.iloc[0]} to {periods.iloc[-1]}"
                         if len(periods) else "no figures", "as the source states"), "", figure, rows, more)


def compare(con, params: dict) -> Slide:
    from lybl.present.charts import dots, over_time, spine
    from lybl.read.commentary import places_sentences, spine_sentence
    from lybl.read.compare import ALL_AMBITIONS, TRENDS_DEFAULT, in_group, statuses
    latest = statuses(run_query(con, "compare_latest"))
    names = latest.drop_duplicates("indicator_id").set_index("indicator_id")["indicator_name"].to_dict()
    ambitions = run_query(con, "ambitions").set_index("ambition_id")["name"].to_dict()
    title = " vs ".join(p.short for p in ics().places[:2])
    view = params.get("view", "compare")

    def footer(rows: pd.DataFrame) -> str:
        return _footer("; ".join(sorted(rows["source_title"].dropna().unique())[:3]) or "see each indicator's detail",
                       "each figure's own latest period, in the table", "as each source states")
    if view == "spine":
        area = params.get("area") or (params.get("place") if params.get("place") in ics().place_codes
                                      else ics().place_codes[0])
        group = params.get("group", "topic-ons-health-index-overall-domains-and-subdomains")
        ranges = run_query(con, "spine_ranges")
        ranges = ranges[in_group(ranges, ambitions, group)]
        mine = latest[(latest["area_code"] == area) & in_group(latest, ambitions, group)]
        drawn = ranges[ranges["indicator_id"].isin(mine["indicator_id"].head(ROWS))]  # the table's rows, legible
        figure = spine(drawn, mine, _colours(params), f"{ics().name(area)}: latest figures, the table's "
                       f"{len(drawn)} indicators") if len(drawn) else None
        if figure is not None:  # room for the indicator names in a fixed-size image
            figure.update_layout(margin_l=420).update_yaxes(automargin=False)
        summary = spine_sentence(ics().name(area), mine["status"])
        table = pd.DataFrame({"Indicator": mine["indicator_name"], "Value": [numbers.with_unit(v, u) for v, u in
                                                                            zip(mine["value"], mine["unit"])],
                              "Period": mine["period_label"], "Against England": mine["status"]})
        rows, more = _cut(table)
        return Slide(f"{title}: spine chart, {ics().name(area)}", summary, footer(mine), "", figure, rows, more)
    if view not in ("compare", "trends"):
        raise LookupError(f"the {view} view has no slide")  # overview, what changed: shown live
    wanted = params.get("indicator")
    wanted = [i for i in (wanted if isinstance(wanted, list) else [wanted]) if i in names]
    unit_of = latest.drop_duplicates("indicator_id").set_index("indicator_id")["unit"]
    if view == "trends":  # as ui.compare.trends: one indicator, the chosen areas, Fingertips' recent trend
        indicator = wanted[0] if wanted else TRENDS_DEFAULT if TRENDS_DEFAULT in names else next(iter(names))
        series = run_query(con, "indicator_series", indicator=indicator, area=_scope(params))
        areas = params.get("areas") or [c for c in series["area_code"].unique() if c != ics().region.code]
        series = series[series["area_code"].isin(areas if isinstance(areas, list) else [areas])]
        unit = unit_of.get(indicator)
        figure = (over_time if series["period_end"].nunique() > 1 else dots)(series, names[indicator], unit)
        assessed = run_query(con, "indicator_assessment", indicator=indicator, area=_scope(params))
        summary = "Recent trend (Fingertips' test on the last five points): " + ("; ".join(
            f"{ics().short(r.area_code, r.area_code)}: {r.trend}" for r in assessed.itertuples()
            if r.area_code in set(series["area_code"]) and isinstance(r.trend, str)) or "none") + "."
        latest_of = series.sort_values("period_end").groupby("area_code").tail(1)
        table = pd.DataFrame({"Area": latest_of["area_name"], "Latest": [
            f"{numbers.with_unit(v, unit, _hidden(h))} ({p})" for v, h, p in
            zip(latest_of["value"], latest_of["is_suppressed"], latest_of["period_label"])]})
        rows, more = _cut(table)
        return Slide(f"{title}: {names[indicator]}, trends", summary, footer(latest_of), "", figure, rows, more)
    # as ui.compare.compare: the chosen indicators (default: the group's first three with intervals)
    pool = latest[in_group(latest, ambitions, params.get("group", ALL_AMBITIONS))]
    choices = list(dict.fromkeys(pool["indicator_id"]))
    with_ci = [i for i in choices if pool.loc[pool["indicator_id"] == i, "lci95"].notna().any()]
    picked = wanted or with_ci[:3] or choices[:3]
    if not picked:
        raise LookupError("no indicator in this group")
    indicator = picked[0]
    rows_of = latest[latest["indicator_id"] == indicator].sort_values("area_sort")
    figure = dots(rows_of, "bars: 95% intervals · dashed: England", unit_of.get(indicator)) \
        if rows_of["lci95"].notna().any() else None
    summary = places_sentences(rows_of) + (f" The page shows {len(picked) - 1} more indicators." if len(picked) > 1
                                           else "")
    table = pd.DataFrame({"Area": rows_of["area_name"], "Value": [numbers.with_unit(v, u, _hidden(s)) for v, u, s in
                                                                  zip(rows_of["value"], rows_of["unit"], rows_of["is_suppressed"])],
                          "Period": rows_of["period_label"], "Against England": rows_of["status"]})
    rows, more = _cut(table)
    return Slide(f"{title}: {names[indicator]}", summary, footer(rows_of), "", figure, rows, more)


def maps(con, params: dict) -> Slide:
    from lybl.present.maps import choropleth, colouring, tile_shapes
    from lybl.read.commentary import MAP_AGAINST, map_sentence
    options = run_query(con, "map_indicators")
    names = dict(zip(options["indicator_id"], options["indicator_name"]))
    indicator = params.get("indicator") if params.get("indicator") in names else (
        "census_bad_health" if "census_bad_health" in names else next(iter(names)))
    available = list(dict(zip(options["indicator_id"], options["levels"]))[indicator])
    level = {"lap": "LAP", "ward": "Ward", "lsoa": "LSOA"}.get(params.get("level", "lap"), "LAP")
    level = level if level in available else available[0]  # as the page: the first level the indicator has
    by = params.get("compare", "place") if params.get("compare", "place") in MAP_AGAINST else "place"
    values = run_query(con, "map_values", indicator=indicator, level=level)
    shapes = run_query(con, "map_shapes", level=level)
    if shapes.empty and level != "LAP":
        raise LookupError("no boundaries were loaded")  # the page stops there too
    shapes = shapes if len(shapes) else tile_shapes()
    colours = _colours(params)
    status, colour_of = colouring(values, by, lambda s: colours.get(s, colours[""]))
    meta = run_query(con, "indicator_meta", indicator=indicator).iloc[0]
    period = ", ".join(sorted(values["period_label"].dropna().unique()))
    figure = choropleth(shapes, values, status, colour_of, f"{names[indicator]}, {period}", meta["unit"],
                        labels=level == "LAP")
    summary = map_sentence(level, pd.Series(list(status)), MAP_AGAINST[by])
    table = values.assign(status=list(status)).sort_values("value", ascending=False)
    table = pd.DataFrame({"Area": table["area_name"], "Value": [numbers.with_unit(v, meta["unit"], _hidden(s)) for v, s in
                                                                zip(table["value"], table["is_suppressed"])],
                          "Against " + ("England" if by == "england" else "Place" if by == "place" else "fifths"):
                              table["status"]})
    rows, more = _cut(table)
    return Slide(f"Map: {names[indicator]} by {level}", summary,
                 _footer(f"{meta['source']}; boundaries ONS Open Geography", period, "as the source states"), "",
                 figure, rows, more)


def outcomes(con, params: dict) -> Slide:
    ambitions = run_query(con, "ambitions").set_index("ambition_id")
    number = int(params.get("ambition", "1")) if str(params.get("ambition", "1")).isdigit() else 1
    number = number if number in ambitions.index else ambitions.index[0]
    a = ambitions.loc[number]
    metrics = run_query(con, "ambition_metrics", ambition=number, area=_scope(params))
    owners = params.get("owner")
    if owners:
        metrics = metrics[metrics["owner"].isin(owners if isinstance(owners, list) else [owners])]
    table = pd.DataFrame({"Metric": metrics["metric"], "Owner": metrics["owner"],
                          "Latest": [numbers.with_unit(v, u) + f" ({p})" if v == v else "no data yet"
                                     for v, u, p in zip(metrics["value"], metrics["unit"], metrics["period_label"])]})
    rows, more = _cut(table)
    summary = (f"Ambition {number} has {a['n_outcomes']} outcomes and {a['n_metrics']} metrics, "
               f"{a['n_metrics_with_data']} of them with data; owner: {a['owner']}.")
    return Slide(f"{number}. {a['name']}", summary, _footer("ICP outcomes framework (seed 000)",
                                                             "each figure's own period", "as each source states"),
                 "", None, rows, more)


BUILDERS = {"scorecard": scorecard, "interventions": interventions, "indicator": indicator, "compare": compare,
            "maps": maps, "outcomes": outcomes}


def slide(con, view: dict) -> Slide:
    """The slide of one pack view ({page, params, title}); its link is the view's."""
    build = BUILDERS.get(view["page"])
    try:
        made = build(con, view["params"]) if build else None
    except (LookupError, ValueError, KeyError) as why:  # a view with nothing to draw here: shown live instead
        logging.getLogger("lybl").info("slide of %s shown live: %s", link(view), why)
        made = None
    if made is None:
        return Slide(view["title"], f"This view is shown live: open {link(view)}.",
                     _footer("as the page states", "as the page states", "as the page states"), link(view))
    made.link = link(view)
    return made
