"""Take README screenshots of every page with the system Chromium: python tools/screenshots.py [BASE_URL]."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {"home": "/", "outcomes": "/outcomes?ambition=3", "scorecard": "/scorecard",
         "interventions": "/interventions", "compare": "/compare",
         "compare-overview": "/compare?view=overview",
         "compare-overview-employment": "/compare?view=overview&group=ambition-4", "compare-spine": "/compare?view=spine&area=E06000061",
         "compare-trends": "/compare?view=trends&indicator=adult_smoking_prevalence&place=E06000061",
         "compare-changes": "/compare?view=changes&since=2022-09-06",
         "factsheet": "/factsheet?area=E06000061", "maps": "/maps", "maps-lsoa": "/maps?level=lsoa&compare=quintile",
         "lap-filter": "/indicator?indicator=census_bad_health&place=E06000062&lap=N4",
         "lap": "/lap?lap=KET1&place=E06000061",
         "bcf": "/bcf", "objectives": "/objectives",
         "indicator": "/indicator?indicator=census_bad_health", "data": "/data",
         "settings": "/settings?palette=colour-blind"}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    path = os.environ.get("LYBL_CHROMIUM") or shutil.which("chromium")
    if not path:
        sys.exit("Chromium not found: sudo apt-get install chromium (or set LYBL_CHROMIUM)")
    return path


def main(base: str = "http://localhost:8501", out: Path = Path("docs/screenshots")) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        for name, path in PAGES.items():
            page.goto(base + path)
            page.get_by_text("Query:").first.wait_for(timeout=30000)  # every page ends with its provenance
            page.wait_for_timeout(800)
            page.screenshot(path=str(out / f"{name}.png"))
            print(f"wrote {out / name}.png")
        _factsheet_pdf(page, base, out)
        browser.close()


def _factsheet_pdf(page, base: str, out: Path) -> None:
    """Download the factsheet's PDF as a user would and draw its page as an image."""
    import pypdfium2

    page.goto(base + "/factsheet?area=E06000061")
    page.get_by_text("Query:").first.wait_for(timeout=30000)
    with page.expect_download(timeout=60000) as download:
        page.get_by_text("PDF (A4)").first.click()
    pdf = pypdfium2.PdfDocument(download.value.path())
    pdf[0].render(scale=1.2).to_pil().save(out / "factsheet-pdf.png")
    pdf.close()
    print(f"wrote {out / 'factsheet-pdf'}.png")


if __name__ == "__main__":
    main(*(sys.argv[1:2] or []))
