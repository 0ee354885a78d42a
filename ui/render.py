"""Small rendering helpers: the provenance line under every figure, page subtitles."""
from __future__ import annotations

import streamlit as st


def provenance(definition: str | None = None, period: str | None = None, source: str | None = None,
               date_of_data: str | None = None, query: str | None = None, params: dict | None = None) -> None:
    """'How this was made': definition, period, source, date of data and the named query."""
    parts = []
    if definition:
        parts.append(f"**Definition:** {definition}")
    if period:
        parts.append(f"**Period:** {period}")
    if source:
        parts.append(f"**Source:** {source}")
    if date_of_data:
        parts.append(f"**Date of data:** {date_of_data}")
    if query:
        bound = ", ".join(f"{k} = {v}" for k, v in (params or {}).items()) or "no parameters"
        parts.append(f"**Query:** `queries/{query}.sql` ({bound})")
    st.caption("  \n".join(parts))


def downloads(frame, stem: str, sheet: str) -> None:
    """CSV and XLSX downloads of a table, side by side; each file is made only when its button is clicked.

    Both keep every digit (as Fingertips' CSV does). In the XLSX a figure column of a table with a unit column
    is formatted as the page writes it (lybl.present.numbers.excel_format): 42.1%, £30,190, 2,598.4."""
    import io

    import pandas as pd

    from lybl.present import numbers

    def workbook() -> bytes:
        out = io.BytesIO()
        with pd.ExcelWriter(out, engine="openpyxl") as writer:
            frame.to_excel(writer, index=False, sheet_name=sheet[:31])
            if "unit" in frame:  # figures keep every digit, shown with the page's decimals and unit
                cells = writer.sheets[sheet[:31]]
                columns = [i for i, c in enumerate(frame.columns, 1) if c in numbers.FIGURE_COLUMNS]
                for row, unit in enumerate(frame["unit"], 2):
                    for column in columns:
                        cells.cell(row=row, column=column).number_format = numbers.excel_format(
                            unit if isinstance(unit, str) else None)
        return out.getvalue()

    left, right, _ = st.columns([1, 1, 3])
    left.download_button("CSV", lambda: frame.to_csv(index=False).encode(), f"{stem}.csv", "text/csv",
                         icon=":material/download:", help="Download this table as CSV", on_click="ignore")
    right.download_button("XLSX", workbook, f"{stem}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          icon=":material/download:", help="Download this table as an Excel workbook",
                          on_click="ignore")


def template_download(key: str) -> None:
    """The upload template (lybl.build.template) for the current database, made when its button is clicked."""
    from lybl.build import template
    from ui import data

    st.download_button("Download the upload template (XLSX)",
                       lambda: template.workbook(data.query("upload_indicators"), data.query("upload_areas")),
                       "lybl-upload-template.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:", on_click="ignore", key=f"template_{key}",
                       help="Values sheet in Fingertips' columns with drop-downs of every indicator and area code; "
                            "a sheet for new indicators; instructions")


def file_stem(*parts) -> str:
    """A download's file name from the view it shows: file_stem('indicator', 'census_bad_health', 'E06000061')
    -> 'lybl-indicator-census_bad_health-E06000061'."""
    import re
    words = [re.sub(r"[^A-Za-z0-9_]+", "-", str(p)).strip("-") for p in parts if p not in (None, "")]
    return "-".join(["lybl", *[w for w in words if w]])[:120]


def chart(figure, stem: str, summary: str | None = None, key: str | None = None, config: dict | None = None,
          **kwargs):
    """A Plotly chart, its image downloads and its text alternative.

    PNG: the camera button of the chart's toolbar (shown on hover), named ``stem``. SVG: a button under the
    chart; kaleido draws it in the system Chromium when clicked. ``summary`` (one sentence from
    lybl.read.commentary) is written under the chart as its text alternative. Returns st.plotly_chart's value.
    """
    from lybl.present import export

    config = {"displaylogo": False, "modeBarButtons": [["toImage"]],
              "toImageButtonOptions": {"filename": stem, "format": "png", "scale": 2}, **(config or {})}
    shown = st.plotly_chart(figure, config=config, key=key, **kwargs)
    if summary:
        st.caption(f"**In words:** {summary}")
    if export.chromium():
        st.download_button("SVG", lambda: export.figure_image(figure, "svg"), f"{stem}.svg", "image/svg+xml",
                           icon=":material/image:", on_click="ignore", key=f"svg_{key or stem}",
                           help="Download this chart as SVG (the camera button on the chart gives PNG)")
    return shown


def pack_downloads(name: str, views: list[dict]) -> None:
    """PowerPoint and PDF of a board pack, each made (charts drawn by kaleido) when its button is clicked."""
    from lybl.packs import slug
    from lybl.present import deck, export
    from lybl.present.slides import slide
    from ui import data, present

    def made(kind: str) -> bytes:
        slides = [slide(data.connection(), v) for v in views]
        base = present.base_url("pack")
        return (deck.to_pptx if kind == "pptx" else deck.to_pdf_bytes)(name, slides, base)

    if not export.chromium():
        st.info("PowerPoint and PDF export draw the charts in Chromium, which is not installed here: "
                "apt-get install chromium, or set LYBL_CHROMIUM to its path.")
        return
    left, right, _ = st.columns([1, 1, 2])
    left.download_button("PowerPoint", lambda: made("pptx"), f"{slug(name) or 'board-pack'}.pptx",
                         "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                         icon=":material/download:", on_click="ignore", width="stretch",
                         help="One slide per view: chart, key table, summary, source, period and date of data")
    right.download_button("PDF", lambda: made("pdf"), f"{slug(name) or 'board-pack'}.pdf", "application/pdf",
                          icon=":material/download:", on_click="ignore", width="stretch",
                          help="The same slides as the PowerPoint, as a PDF")
