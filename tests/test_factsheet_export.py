"""The HWB factsheet document and its PDF / PNG export through headless Chromium.

The PDF is rendered back to an image (test-results/factsheet-<area>-pdf.png) to be looked at by eye;
the test checks it is one A4 page carrying every figure, its period, and the source and date of data.
"""
from __future__ import annotations

import io

import pytest

from lybl.present import export, factsheet
from lybl.read.compare import statuses
from lybl.db import run_query
from tests.servers import chromium_path

PLACES = {"E06000061": "North Northamptonshire", "E06000062": "West Northamptonshire"}
RESULTS = factsheet.__file__.rsplit("/lybl/", 1)[0] + "/test-results"


def colour(status):
    return ("#92D050", True) if status == "better" else ("#C00000", False) if status == "worse" else ("#FFC000", True)


def page(con, area):
    lines = statuses(run_query(con, "factsheet", area=area))
    foot = factsheet.footer(lines, "2026-01-01T00:00:00+00:00", f"/factsheet?area={area}")
    return lines, factsheet.document(factsheet.body(lines, PLACES[area], colour, foot), "factsheet")


def needs_chromium():
    if chromium_path() is None:
        pytest.fail("Factsheet export tests need Chromium: sudo apt-get install chromium (or set LYBL_CHROMIUM)")


@pytest.mark.parametrize("area", PLACES)
def test_document_carries_every_figure_and_its_provenance(con, area):
    lines, html = page(con, area)
    assert len(lines) == 30
    for r in lines.itertuples():
        assert factsheet.figure_text(r) in html
    for label in ("Source:", "Period:", "Date of data:", "Comparison with England:", "seed 001, lines"):
        assert label in html
    assert "359,500" in html if area == "E06000061" else "425,700" in html


def test_newer_figures_name_their_source_in_the_footer(con):
    lines, _ = page(con, "E06000061")
    foot = factsheet.footer(lines, "x", "/factsheet")
    newer = lines[lines["period_label"] != lines["printed_period"]]
    assert not newer.empty
    for r in newer.itertuples():
        assert f"{r.indicator_name}: {r.source_title} ({r.source_ref})" in foot["Source"]


@pytest.mark.parametrize("area", PLACES)
def test_pdf_is_one_a4_page_with_every_figure(con, area):
    needs_chromium()
    pdfium = pytest.importorskip("pypdfium2")
    lines, html = page(con, area)
    pdf = export.to_pdf(html)
    doc = pdfium.PdfDocument(pdf)
    try:
        assert len(doc) == 1
        width, height = doc[0].get_size()
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        text = " ".join(doc[0].get_textpage().get_text_range().split())
        for r in lines.itertuples():
            assert factsheet.figure_text(r) in text, r.indicator_name
        assert "Date of data:" in text and "seed 001" in text
        image = doc[0].render(scale=1.5).to_pil()
        import os
        os.makedirs(RESULTS, exist_ok=True)
        image.save(f"{RESULTS}/factsheet-{area}-pdf.png")
        # ink on the page: not a blank render
        assert image.convert("L").getextrema()[0] < 100
    finally:
        doc.close()


def test_png_is_an_a4_image_at_150_dpi(con):
    needs_chromium()
    _, html = page(con, "E06000061")
    png = export.to_png(html)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image
    assert Image.open(io.BytesIO(png)).size[0] in (1240, 1241)


def test_missing_chromium_is_said_plainly(monkeypatch):
    monkeypatch.setenv("LYBL_CHROMIUM", "/nonexistent/chromium")
    assert export.chromium() is None
    with pytest.raises(export.ExportUnavailable, match="apt-get install chromium"):
        export.to_pdf("<p>x</p>")
