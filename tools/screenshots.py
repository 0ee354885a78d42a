"""Take README screenshots of every page with the system Chromium: python tools/screenshots.py [BASE_URL]."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {"home": "/", "outcomes": "/outcomes?ambition=3", "scorecard": "/scorecard",
         "interventions": "/interventions", "compare": "/compare", "factsheet": "/factsheet?area=E06000061", "bcf": "/bcf", "objectives": "/objectives",
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
        browser.close()


if __name__ == "__main__":
    main(*(sys.argv[1:2] or []))
