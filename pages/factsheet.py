"""Health and Wellbeing Board factsheet: one Place on one page, as in seed 001, rebuilt from the database.

The page shows the same HTML document (lybl.present.factsheet) that the PDF and PNG exports print.
"""
import streamlit as st

from lybl.ics import ics
from lybl.present import export, factsheet
from lybl.read.compare import statuses
from ui import data, palette
from ui.filters import current_place, keep_in_url
from ui.render import downloads, provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

PLACES = {p.code: p.name for p in ics().places}
first = next(iter(PLACES))
wanted = st.query_params.get("area", current_place() if current_place() in PLACES else first)
area = wanted if wanted in PLACES else first
st.title(f"{PLACES[area]}: Health and Wellbeing Board factsheet")
area = st.segmented_control("Place", list(PLACES), format_func=PLACES.get, default=area,
                            label_visibility="collapsed") or area
keep_in_url(area=area)
SUBTITLE = ("Every figure of the factsheet in seed 001, grouped as the document groups them, with its comparison "
            "with England. Where a newer figure is loaded it replaces the printed one, and the line says so.")


def made() -> tuple:
    """The factsheet's lines, footer, printable document and on-screen body (cached by Place and palette)."""
    lines = statuses(data.query("factsheet", area=area))
    if lines.empty:
        return lines, {}, "", ""
    built_at = data.query("build_info").set_index("key")["value"].get("built_at", "?")
    foot = factsheet.footer(lines, built_at, f"/factsheet?area={area}")
    return lines, foot, factsheet.document(factsheet.body(lines, PLACES[area], palette.colour, foot, SUBTITLE),
                                           f"{PLACES[area]} HWB factsheet"), \
        factsheet.body(lines, PLACES[area], palette.colour, foot, SUBTITLE, heading=False)


lines, foot, page, body = data.view("factsheet", (area, palette.current()), made)
if lines.empty:
    st.info(f"No Health and Wellbeing Board factsheet of {PLACES[area]} is among the loaded documents.")
    st.stop()


@st.cache_data(show_spinner=False, max_entries=8)
def printed(html: str, kind: str) -> bytes:
    return export.to_pdf(html) if kind == "pdf" else export.to_png(html)


stem = f"factsheet-{ics().short(area).lower()}"
left, middle, right = st.columns([1, 1, 3])
if export.chromium():
    left.download_button("PDF (A4)", lambda: printed(page, "pdf"), f"{stem}.pdf", "application/pdf",
                         icon=":material/picture_as_pdf:", on_click="ignore")
    middle.download_button("PNG image", lambda: printed(page, "png"), f"{stem}.png", "image/png",
                           icon=":material/image:", on_click="ignore")
else:
    left.caption("PDF and PNG export need Chromium (apt-get install chromium, or set LYBL_CHROMIUM); "
                 "print from the browser meanwhile (Ctrl+P).")
st.html(body)
table = lines[["section", "indicator_name", "value", "value_text", "period_label", "printed_period", "status",
               "basis", "published_comparison", "source_ref", "printed_ref"]]
downloads(table, stem, "Factsheet")
provenance(
    definition="The factsheet's figures and its comparisons with England in its own words; figures loaded later "
               "replace older ones, period shown with each.",
    period=foot["Period"], source=foot["Source"], date_of_data=foot["Date of data"],
    query="factsheet", params={"area": area})
