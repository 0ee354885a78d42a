"""Accessibility (WCAG 2.2 AA): axe-core on every page in Chromium, both palettes' chip contrast, presentation
mode's large type and keys, and keyboard reach of the main actions."""
from __future__ import annotations

import pytest

from lybl.present import colours
from tests.test_browser import browser, page, server  # noqa: F401  (fixtures)
from tools.axe_report import PATHS, settled, violations


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    def luminance(hex_colour: str) -> float:
        rgb = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_ratio_matches_wcag_examples():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("palette", list(colours.STATUS))
def test_every_status_chip_is_readable_in_both_palettes(palette):
    """Each chip's text (dark or white, as the palette says) on its colour: at least 4.5:1."""
    for status, (background, dark) in colours.STATUS[palette].items():
        text = colours.TEXT if dark else colours.WHITE
        assert contrast(text, background) >= 4.5, (palette, status, background, round(contrast(text, background), 2))


def test_text_colours_are_readable():
    for colour in (colours.TEXT, colours.SECONDARY, colours.BLUE):
        assert contrast(colour, colours.WHITE) >= 4.5


@pytest.mark.browser
@pytest.mark.parametrize("path", PATHS + ["/scorecard?palette=colour-blind", "/compare?view=overview&palette=colour-blind",
                                          "/maps?palette=colour-blind", "/interventions?palette=colour-blind",
                                          "/scorecard?present=1"])
def test_no_serious_or_critical_axe_violation(page, server, path):  # noqa: F811
    found = violations(page, server + path)
    serious = [f"{v['id']} ({v['impact']}): {len(v['nodes'])} nodes, e.g. {v['nodes'][0]['target']}"
               for v in found if v["impact"] in ("serious", "critical")]
    assert not serious, serious


@pytest.mark.browser
def test_the_main_actions_are_reached_by_keyboard(page, server):  # noqa: F811
    """Tab reaches the sidebar's 'Add this view' button, and Enter presses it."""
    page.goto(server + "/scorecard")
    settled(page)
    focused = "() => document.activeElement.tagName === 'BUTTON' ? document.activeElement.innerText : ''"
    for _ in range(80):
        page.keyboard.press("Tab", delay=20)
        if "Add this view" in page.evaluate(focused):
            break
    else:
        pytest.fail("Tab never reached 'Add this view to the board pack'")
    settled(page)  # a rerun in between would have replaced the element that had the focus
    assert "Add this view" in page.evaluate(focused)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Add this view to the board pack (1)").wait_for()


@pytest.mark.browser
def test_presentation_mode_steps_through_a_pack_with_clicker_keys(page, server):  # noqa: F811
    """Three views added on their pages, presented from /pack: no sidebar or top bar, 20 px text, ← → PageUp
    PageDown step through them; screenshots in test-results/present/."""
    from lybl.config import ROOT
    out = ROOT / "test-results" / "present"
    out.mkdir(parents=True, exist_ok=True)
    page.goto(server + "/scorecard")
    for n, (section, name) in enumerate([(None, None), ("Live Your Best Life", "Maps"),
                                         ("Live Your Best Life", "Multi-impact interventions")], 1):
        if section:
            page.get_by_text(section, exact=True).click()
            page.get_by_text(name, exact=True).click()
        settled(page)
        page.get_by_role("button", name=f"Add this view to the board pack ({n - 1})").click()
        page.get_by_role("button", name=f"Add this view to the board pack ({n})").wait_for()
    page.get_by_text("About", exact=True).click()
    page.get_by_text("Board pack", exact=True).click()
    page.get_by_role("button", name="Present this pack").click()
    page.wait_for_url("**/scorecard?**present=1**slide=1**")
    settled(page)
    assert not page.get_by_test_id("stSidebar").is_visible() and not page.get_by_test_id("stHeader").is_visible()
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector("
                         "'[data-testid=stMarkdownContainer] p')).fontSize)")
    assert size >= 20
    page.get_by_text("Link to this view:").wait_for()
    page.screenshot(path=str(out / "1-scorecard.png"))
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/maps?**slide=2**")
    settled(page)
    page.screenshot(path=str(out / "2-maps.png"))
    page.keyboard.press("PageDown")
    page.wait_for_url("**/interventions?**slide=3**")
    settled(page)
    page.get_by_text("Making Data Count summary").scroll_into_view_if_needed()
    page.screenshot(path=str(out / "3-interventions.png"))
    page.keyboard.press("PageUp")
    page.wait_for_url("**/maps?**slide=2**")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/scorecard?**slide=1**")
