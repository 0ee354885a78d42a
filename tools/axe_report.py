"""axe-core (axe-playwright-python) on every page of a running dashboard, in the system Chromium.

    python -m tools.axe_report [BASE_URL]      (default http://127.0.0.1:8501)

Prints each page's violations by impact and rule, then the totals; exits 1 if any is serious or critical.
Both palettes are checked (the colour-blind-safe one with ?palette=colour-blind). The browser tests run the same
check (tests/test_accessibility.py).
"""
from __future__ import annotations

import sys
from collections import Counter

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.servers import CHROMIUM_ARGS, chromium_path

PATHS = ["/", "/outcomes?ambition=9", "/scorecard", "/interventions", "/compare", "/compare?view=overview",
         "/compare?view=spine", "/compare?view=trends", "/compare?view=changes", "/factsheet", "/maps",
         "/lap?lap=KET1&place=E06000061", "/bcf", "/objectives", "/indicator?indicator=census_bad_health",
         "/data", "/upload", "/settings", "/pack"]
#: WCAG 2.0-2.2 A and AA, as the issue asks
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def settled(page) -> None:
    """Wait until Streamlit has finished running the page: a rerun (a filter written to the link) fades the
    previous run's elements and keeps them out of the tab order until it ends."""
    page.get_by_test_id("stApp").wait_for()
    page.get_by_text("Query:").or_(page.get_by_role("heading")).first.wait_for()
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]') && "
                           "!document.querySelector('[data-testid=\"stStatusWidget\"]')")
    page.wait_for_timeout(800)


def violations(page, url: str, tries: int = 3) -> list[dict]:
    """axe's violations of the page at ``url`` once Streamlit has finished running it.

    Streamlit fades a rerun's elements (opacity) and fades them back in: a contrast check that lands in a
    fade is transient, so colour-contrast findings are checked again after a pause, up to ``tries`` times; a
    real one stays."""
    page.goto(url)
    for attempt in range(tries):
        settled(page)
        found = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}}).response["violations"]
        if not any(v["id"] == "color-contrast" for v in found) or attempt == tries - 1:
            return found
        page.wait_for_timeout(1500)
    return found


def report(base: str, paths=PATHS, palettes=("", "colour-blind")) -> Counter:
    totals: Counter = Counter()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        page.set_default_timeout(30000)
        for palette in palettes:
            for path in paths:
                url = base + path + (("&" if "?" in path else "?") + f"palette={palette}" if palette else "")
                found = violations(page, url)
                for v in found:
                    totals[v["impact"]] += len(v["nodes"])
                print(f"{path:45s} {palette or 'default':8s} " + (", ".join(
                    f"{v['impact']} {v['id']} x{len(v['nodes'])}" for v in found) or "none"), flush=True)
        browser.close()
    print("nodes by impact:", dict(totals))
    return totals


if __name__ == "__main__":
    counts = report(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8501")
    sys.exit(1 if counts["serious"] + counts["critical"] else 0)
