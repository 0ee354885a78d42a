"""A board pack as a PowerPoint deck (python-pptx) and as a PDF (the same slides as HTML, printed by Chromium).

Each slide: the title; the chart as a PNG image (kaleido, system Chromium) on the left; the key table on the
right; the summary sentence under the chart (it is also the image's alternative text); the footer with source,
period and date of data, and the view's link. 16:9 at 13.33 x 7.5 inches; body text at least 14 pt, which is
at least 20 px on a 1280 x 720 screen share.
"""
from __future__ import annotations

import base64
import io
from datetime import date
from html import escape

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from lybl.present import colours
from lybl.present.export import figure_image, image_server, to_pdf
from lybl.present.slides import Slide

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
CHART_PX = (1100, 620)


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _images(slides: list[Slide]) -> list[bytes | None]:
    """Each slide's chart as PNG, drawn in one kaleido session."""
    import warnings
    with image_server(), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # plotly: "kopts ignored if using a server"
        return [figure_image(s.figure.update_layout(font_size=16, title_font_size=18), "png", CHART_PX[0],
                             max(int(s.figure.layout.height or 0), CHART_PX[1]), 1.5)
                if s.figure is not None else None for s in slides]


def _text(slide, left, top, width, height, text: str, size: int, bold: bool = False, colour: str = colours.TEXT):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, _rgb(colour)
    return box


def to_pptx(name: str, slides: list[Slide], base_url: str = "", images: list | None = None) -> bytes:
    """The pack as a .pptx: a title slide, then one slide per view."""
    images = _images(slides) if images is None else images
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    blank = deck.slide_layouts[6]
    first = deck.slides.add_slide(blank)
    _text(first, Inches(0.8), Inches(2.6), Inches(11.7), Inches(1.2), name, 40, True)
    _text(first, Inches(0.8), Inches(3.8), Inches(11.7), Inches(1), f"LYBL Insight board pack · {len(slides)} "
          f"views · made {date.today():%d %B %Y}", 20, colour=colours.SECONDARY)
    for s, image in zip(slides, images):
        page = deck.slides.add_slide(blank)
        _text(page, Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.8), s.title, 26 if len(s.title) < 60 else 20, True)
        chart_width = Inches(7.6) if len(s.table) else Inches(12.3)
        if image is not None:
            picture = page.shapes.add_picture(io.BytesIO(image), Inches(0.5), Inches(1.15), width=chart_width)
            picture._element.nvPicPr.cNvPr.set("descr", s.summary)  # the image's alternative text
            if picture.height > Inches(4.4):  # keep room for the summary
                picture.width = Emu(int(picture.width * Inches(4.4) / picture.height))
                picture.height = Inches(4.4)
        summary_top = Inches(5.65) if image is not None else Inches(1.2)
        _text(page, Inches(0.5), summary_top, chart_width if image is not None else Inches(12.3), Inches(1.1),
              s.summary, 16)
        if len(s.table):
            left = Inches(8.3) if image is not None else Inches(0.5)
            width = Inches(4.55) if image is not None else Inches(12.3)
            top = Inches(1.15) if image is not None else Inches(2.4)
            rows, cols = len(s.table) + 1, len(s.table.columns)
            shape = page.shapes.add_table(rows, cols, left, top, width, Inches(0.4) * rows)
            for j, column in enumerate(s.table.columns):
                shape.table.cell(0, j).text = str(column)
                for i, value in enumerate(s.table[column], 1):
                    shape.table.cell(i, j).text = "" if value is None else str(value)
            first = int(width * (0.42 if cols > 2 else 0.55))
            shape.table.columns[0].width = first
            for j in range(1, cols):
                shape.table.columns[j].width = int((width - first) / (cols - 1))
            for cell in (c for row in shape.table.rows for c in row.cells):
                cell.margin_top = cell.margin_bottom = Pt(2)
                for p in cell.text_frame.paragraphs:
                    for r in p.runs:
                        r.font.size = Pt(10 if image is not None else 12)
            if s.more_rows:
                _text(page, left, Inches(6.3), width, Inches(0.4),
                      f"and {s.more_rows} more rows: see the link", 11, colour=colours.SECONDARY)
        _text(page, Inches(0.5), Inches(6.75), Inches(12.3), Inches(0.6),
              f"{s.footer} · Link: {base_url}{s.link}", 10, colour=colours.SECONDARY)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def to_html(name: str, slides: list[Slide], base_url: str = "", images: list | None = None) -> str:
    """The pack as one HTML document, a 16:9 page per slide (printed to PDF by to_pdf)."""
    images = _images(slides) if images is None else images
    pages = [f"<section><h1 class='cover'>{escape(name)}</h1><p class='sub'>LYBL Insight board pack · {len(slides)} "
             f"views · made {date.today():%d %B %Y}</p></section>"]
    for s, image in zip(slides, images):
        chart = (f"<img src='data:image/png;base64,{base64.b64encode(image).decode()}' alt='{escape(s.summary, True)}'>"
                 if image is not None else "")
        table = ""
        if len(s.table):
            head = "".join(f"<th>{escape(str(c))}</th>" for c in s.table.columns)
            body = "".join("<tr>" + "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
                           for row in s.table.itertuples(index=False))
            more = f"<p class='more'>and {s.more_rows} more rows: see the link</p>" if s.more_rows else ""
            table = f"<div class='table'><table><tr>{head}</tr>{body}</table>{more}</div>"
        pages.append(f"<section><h2>{escape(s.title)}</h2><div class='body {'wide' if not chart else ''}'>"
                     f"<div class='chart'>{chart}<p class='summary'>{escape(s.summary)}</p></div>{table}</div>"
                     f"<footer>{escape(s.footer)} · Link: {escape(base_url + s.link)}</footer></section>")
    css = (f"@page{{size:13.333in 7.5in;margin:0}}body{{margin:0;font-family:Arial,sans-serif;color:{colours.TEXT}}}"
           "section{width:13.333in;height:7.5in;box-sizing:border-box;padding:.3in .5in;position:relative;"
           "page-break-after:always;overflow:hidden}h1.cover{font-size:40pt;margin-top:2.3in}"
           f".sub{{font-size:20pt;color:{colours.SECONDARY}}}h2{{font-size:28pt;margin:0 0 .15in}}"
           ".body{display:flex;gap:.25in}.chart{flex:0 0 7.6in}.chart img{width:7.6in;max-height:4.4in;"
           "object-fit:contain}.wide .chart{flex:0 0 0}.summary{font-size:16pt;line-height:1.3;margin:.1in 0}"
           f".table{{flex:1}}table{{border-collapse:collapse;font-size:11pt;width:100%}}th,td{{border-bottom:1px solid "
           f"{colours.BORDER};padding:3px 5px;text-align:left;vertical-align:top}}.wide table{{font-size:14pt}}"
           f".more{{font-size:11pt;color:{colours.SECONDARY}}}footer{{position:absolute;bottom:.25in;left:.5in;"
           f"right:.5in;font-size:10pt;color:{colours.SECONDARY}}}")
    return f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(name)}</title><style>{css}</style>" \
           f"</head><body>{''.join(pages)}</body></html>"


def to_pdf_bytes(name: str, slides: list[Slide], base_url: str = "", images: list | None = None) -> bytes:
    return to_pdf(to_html(name, slides, base_url, images))
