"""North vs West (the Places against each other and England) as board tables: the compare cells, what
changed since a date, the spine chart's table and the overview (tartan rug)."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from lybl.ics import ics
from lybl.present import numbers
from lybl.present.html import big, chip, link, small, text

Colour = Callable[[str], tuple[str, bool]]
Table = tuple[list[tuple[str, str]], list[list[str]]]
CHANGE_ORDER = {"newly worse": 0, "newly better": 1, "new data": 2, "new figure": 3}


def headline_areas() -> list[str]:
    """England, the ICB and each Place: the columns of every comparison."""
    return [a.code for a in ics().headline]


def _figure(r) -> str:
    return numbers.figure(r["value"], r["unit"], r["is_suppressed"])


def compare_cells(rows: pd.DataFrame, colour: Colour) -> Table:
    """One indicator's statuses (lybl.read.compare.statuses rows): a cell per headline area."""
    england, cells = ics().england.code, []
    for code in headline_areas():
        r = rows[rows["area_code"] == code]
        if r.empty:
            cells.append(small("no data"))
            continue
        r = r.iloc[0]
        chip_ = chip(r["status"], *colour(r["status"])) if code != england else ""
        cells.append(big(_figure(r)) + " " + chip_
                     + small(f"{r['period_label']} {numbers.interval(r['lci95'], r['uci95'], r['unit'])}".strip())
                     + (small(f"vs England: {r['basis']}") if code != england else ""))
    width = f"{100 // len(cells)}%"
    return [(ics().short(c), width) for c in headline_areas()], [cells]


def changes_table(found: pd.DataFrame, colour: Colour) -> Table:
    """lybl.read.compare.changes rows, newly worse first: now, then, and the change."""
    found = found.assign(o=found["change"].map(CHANGE_ORDER)).sort_values(["o", "indicator_name", "area_sort"])
    rows = []
    for r in found.itertuples():
        tone = {"newly better": "better", "newly worse": "worse"}.get(r.change, "")
        then = (f"{numbers.figure(r.then_value, r.unit)} ({r.then_period}): {r.then_status}"
                if r.then_value == r.then_value else "no figure")
        rows.append([link(r.indicator_name, f"/indicator?indicator={r.indicator_id}"),
                     text(ics().short(r.area_code, r.area_name)),
                     big(numbers.figure(r.now_value, r.unit)) + small(f"{r.now_period}: {r.now_status}"),
                     small(then), chip(r.change, *colour(tone))])
    return [("Indicator", "28%"), ("Area", "17%"), ("Now", "19%"), ("At that date", "22%"), ("Change", "14%")], rows


def spine_table(ranges: pd.DataFrame, mine: pd.DataFrame, area_name: str, colour: Colour
                ) -> tuple[list[tuple[str, str]], list[list[str]], pd.DataFrame]:
    """The spine chart's rows in words (queries/spine_ranges.sql with the area's statuses), and the download."""
    rows, export = [], []
    for r in ranges.itertuples():
        m = mine[mine["indicator_id"] == r.indicator_id]
        value = m["value"].iloc[0] if len(m) else float("nan")
        unit = m["unit"].iloc[0] if len(m) else None
        status = m["status"].iloc[0] if len(m) else ""
        low, high = {"high_is_good": ("Worst", "Best"), "low_is_good": ("Best", "Worst")}.get(
            r.polarity, ("Lowest", "Highest"))
        rows.append([link(r.indicator_name, f"/indicator?indicator={r.indicator_id}"),
                     chip(f"{numbers.figure(value, unit)} {status}", *colour(status))
                     if value == value else numbers.NO_DATA,
                     text(numbers.figure(r.england_value, unit)),
                     small(f"{low}: {numbers.figure(r.lowest, unit)}"),
                     small(f"{numbers.figure(r.q25, unit)} to {numbers.figure(r.q75, unit)}"),
                     small(f"{high}: {numbers.figure(r.highest, unit)}")])
        export.append(dict(indicator_id=r.indicator_id, indicator=r.indicator_name, area=area_name, value=value,
                           status=status, england=r.england_value, lowest=r.lowest, q25=r.q25, median=r.median,
                           q75=r.q75, highest=r.highest, n_areas=r.n_areas, polarity=r.polarity))
    headers = [("Indicator", "34%"), (area_name, "18%"), ("England", "10%"), ("Lowest", "13%"),
               ("Middle half", "12%"), ("Highest", "13%")]
    return headers, rows, pd.DataFrame(export)


def overview_table(shown: pd.DataFrame, names: dict[str, str], headings: dict, other: str, colour: Colour,
                   lap: str | None = None, lap_label: str = "", lap_figures: pd.DataFrame | None = None) -> Table:
    """The tartan rug: every indicator's latest figure per headline area, coloured by its status against
    England, grouped by ambition (``headings``: ambition_id -> heading, ``other`` for indicators of no
    ambition); a last column for the sidebar's LAP against England."""
    england, areas = ics().england.code, headline_areas()
    rows = []
    for ambition_id, by_ambition in shown.groupby("ambition_id", sort=True):
        rows.append([f"<b>{text(headings.get(ambition_id, other))}</b>"] + [""] * (len(areas) + bool(lap)))
        for indicator, g in by_ambition.groupby("indicator_id", sort=False):
            by = g.set_index("area_code")
            row = [link(names[indicator], f"/indicator?indicator={indicator}")]
            for code in areas:
                if code not in by.index:
                    row.append(small("no data"))
                    continue
                r = by.loc[code]
                row.append((text(_figure(r)) if code == england else
                            chip(f"{_figure(r)} {r['status']}", *colour(r["status"]))) + small(r["period_label"]))
            if lap:
                if indicator in lap_figures.index:
                    r = lap_figures.loc[indicator]
                    word = r["against_england"] or "not compared"
                    row.append(chip(f"{_figure(r)} {word}", *colour(word)) + small(r["period_label"]))
                else:
                    row.append(small("no data"))
            rows.append(row)
    width = f"{68 / (len(areas) + bool(lap)):.1f}%"
    return ([("Indicator", "32%")] + [(ics().short(c), width) for c in areas]
            + ([(lap_label, width)] if lap else [])), rows
