"""The Health and Wellbeing Board factsheet of one Place as one self-contained HTML page.

The same document is shown on /factsheet and exported to PDF and PNG (lybl.present.export), so what a
board member prints is what the page shows. Laid out for A4 portrait; every figure carries its
value, period and comparison with England, and the footer its source, period and date of data.
"""
from __future__ import annotations

from html import escape
from typing import Callable

import pandas as pd

from lybl.present.colours import BLUE, BORDER, SECONDARY, TEXT, WHITE
from lybl.present.numbers import with_unit

SECTIONS = ("Start Well", "Live Well", "Age Well")

CSS = f"""
.lybl-fs{{font-family:"Source Sans Pro","Segoe UI",Arial,sans-serif;color:{TEXT};line-height:1.25;max-width:1180px}}
.lybl-fs h1{{font-size:1.6rem;margin:0 0 2px 0}}
.lybl-fs .sub{{color:{SECONDARY};font-size:0.9rem;margin-bottom:10px}}
.lybl-fs .cols{{column-count:3;column-gap:22px}}
.lybl-fs h2{{font-size:1.15rem;margin:0 0 6px 0;border-bottom:3px solid {BLUE};padding-bottom:2px;break-after:avoid}}
.lybl-fs section{{margin-bottom:12px}}
.lybl-fs .fig{{margin:0 0 7px 0;break-inside:avoid}}
.lybl-fs .val{{font-size:1.2rem;font-weight:700}}
.lybl-fs .chip{{display:inline-block;border-radius:3px;padding:0 5px;font-weight:600;font-size:0.85rem;margin-left:4px}}
.lybl-fs .name{{font-size:0.88rem}}
.lybl-fs .note{{color:{SECONDARY};font-size:0.78rem}}
.lybl-fs .foot{{border-top:1px solid {BORDER};margin-top:10px;padding-top:6px;color:{SECONDARY};font-size:0.78rem}}
.lybl-fs .foot b{{color:{TEXT}}}
"""

PRINT_CSS = ("@page{size:A4 portrait;margin:9mm}body{margin:0;padding:20px;background:#fff}"
             "@media print{body{padding:0}.lybl-fs{font-size:12px}}"
             "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}")


def figure_text(row) -> str:
    """The loaded figure, written as every page writes it (the factsheet's printed text is provenance)."""
    return with_unit(row.value, row.unit)


def _figure(row, colour: Callable[[str], tuple[str, bool]]) -> str:
    status = row.status if isinstance(row.status, str) else "not compared"
    chip = ""
    if status != "not compared":
        background, dark = colour(status)
        words = f"{status} than England" if status in {"better", "worse", "higher", "lower"} else \
            "similar to England" if status == "similar" else status
        chip = (f'<span class="chip" style="background:{background};color:{TEXT if dark else WHITE}">'
                f'{escape(words)}</span>')
    notes = [row.indicator_name, str(row.period_label).replace("-", "\u2011")]  # periods never split
    if row.period_label != row.printed_period:
        notes.append(f"newer than the factsheet's {row.printed_period}")
    if getattr(row, "basis", "") == "95% interval against England's value":
        notes.append("compared by 95% interval")
    return (f'<div class="fig"><span class="val">{escape(figure_text(row))}</span>{chip}'
            f'<div class="name">{escape(" · ".join(notes))}</div></div>')


def body(lines: pd.DataFrame, place: str, colour: Callable[[str], tuple[str, bool]],
         footer: dict[str, str], subtitle: str = "", heading: bool = True) -> str:
    """The factsheet as an HTML fragment (style included): title, three sections, footer.

    ``lines``: queries/factsheet.sql rows with lybl.read.compare.statuses applied.
    ``footer``: label -> text (source, period, date of data, ...), printed in that order.
    """
    columns = []
    for section in SECTIONS:
        rows = lines[lines["section"] == section]
        if rows.empty:  # West's extracted text prints no Age Well heading: its lines stay under Live Well
            continue
        figures = "".join(_figure(r, colour) for r in rows.itertuples())
        columns.append(f"<section><h2>{escape(section)}</h2>{figures}</section>")
    foot = "<br>".join(f"<b>{escape(k)}:</b> {escape(v)}" for k, v in footer.items())
    title = f"<h1>{escape(place)}: Health and Wellbeing Board factsheet</h1>" if heading else ""
    return (f"<style>{CSS}</style><div class='lybl-fs'>{title}<div class='sub'>{escape(subtitle)}</div>"
            f"<div class='cols'>{''.join(columns)}</div>"
            f"<div class='foot'>{foot}</div></div>")


def footer(lines: pd.DataFrame, built_at: str, link: str) -> dict[str, str]:
    """Source, period and date of data of the figures shown, for the foot of the page."""
    printed = lines[lines["period_label"] == lines["printed_period"]]
    newer = lines[lines["period_label"] != lines["printed_period"]]
    refs = [r.split(":")[-1] for r in printed["printed_ref"]]
    source = f"the ICS strategy's HWB factsheets, August 2022 (seed 001, lines {refs[0]} to {refs[-1]})" if refs else ""
    for r in newer.itertuples():
        source += f"; {r.indicator_name}: {r.source_title} ({r.source_ref})"
    periods = lines.dropna(subset=["period_end"]).sort_values("period_end")["period_label"].astype(str).unique()
    dated = [f"{r.indicator_name} {r.date_of_data:%d %b %Y}" for r in newer.itertuples()
             if pd.notna(r.date_of_data)]
    return {
        "Source": source.lstrip("; "),
        "Period": f"as shown with each figure, {periods[0]} to {periods[-1]}" if len(periods) else "none",
        "Date of data": "the latest district level data available in August 2022 (seed 001)"
                        + (f"; newer figures: {', '.join(dated)}" if dated else ""),
        "Comparison with England": "the document's words, unless marked 'compared by 95% interval' "
                                   "(Fingertips' method against England's value)",
        "Generated": f"LYBL Insight, database built {built_at}; {link}",
    }


def document(fragment: str, title: str) -> str:
    """A complete HTML page around ``body``'s fragment, for printing."""
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<style>{PRINT_CSS}</style></head><body>{fragment}</body></html>")
