"""Real browser: the system Chromium, driven by Playwright, against `streamlit run dashboard.py`."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.servers import CHROMIUM_ARGS, chromium_path, streamlit_server
from lybl.config import ROOT

pytestmark = pytest.mark.browser


def chromium() -> str:
    path = chromium_path()
    if not path:
        pytest.fail("Browser tests need Chromium: sudo apt-get install chromium (or set LYBL_CHROMIUM)")
    return path


@pytest.fixture(scope="module")
def server(built_db):
    try:
        with streamlit_server(ROOT / "dashboard.py", built_db) as url:
            yield url
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = context.new_page()
    pg.set_default_timeout(30000)
    yield pg
    context.close()


def wait_idle(page):
    page.get_by_test_id("stApp").wait_for()
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")


def sidebar_place(page) -> str:
    return page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.locator("input").input_value()


def test_home_shows_ten_ambitions_and_place_survives_page_switch(page, server):
    """Home lists the ten ambitions; choosing West, then another page, keeps West in the URL and the sidebar."""
    page.goto(server + "/")
    page.get_by_text("10. To be accepted").wait_for()
    for number in range(1, 11):
        assert page.get_by_text(f"{number}. ", exact=False).count() >= 1
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="West Northamptonshire").click()
    page.wait_for_url("**place=E06000062**")
    page.get_by_text("About", exact=True).click()  # the navigation sits in the top bar, by section
    page.get_by_text("Data sources", exact=True).click()
    page.get_by_role("heading", name="Data sources").wait_for()
    page.wait_for_url("**/data?place=E06000062**")
    assert sidebar_place(page) == "West Northamptonshire"


PAGES = ["/", "/outcomes?ambition=9", "/scorecard", "/interventions", "/compare", "/compare?view=overview",
         "/compare?view=spine", "/compare?view=trends", "/compare?view=changes", "/factsheet", "/bcf", "/objectives",
         "/compare?view=spine&area=E06000062&group=topic-modelled-prevalence-qof-2019-20",
         "/compare?view=trends&indicator=adult_smoking_prevalence&place=E06000061", "/maps",
         "/maps?level=lsoa&compare=quintile", "/lap?lap=KET1&place=E06000061",
         "/indicator?indicator=census_bad_health", "/data", "/upload", "/settings"]


@pytest.mark.parametrize("path", PAGES)
def test_each_page_opens_and_is_saved(page, server, path):
    """Each page renders to its provenance line with no exception; its screenshot goes to test-results/."""
    page.goto(server + path)
    page.get_by_text("Query:").first.wait_for()
    assert page.get_by_test_id("stException").count() == 0
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.wait_for()  # the frame ran: Place filter
    out = ROOT / "test-results"
    out.mkdir(exist_ok=True)
    page.screenshot(path=str(out / ((path.strip("/").replace("?", "_").replace("=", "-") or "home") + ".png")))


def test_a_deep_link_is_the_first_visit_to_a_fresh_server(browser, built_db):
    """A shared link opened before anyone has loaded '/' still gets the navigation and the Place filter
    (Streamlit 1.67 runs pages/outcomes.py on its own on a fresh server's first visit: ui/frame.py reruns it
    through the frame)."""
    with streamlit_server(ROOT / "dashboard.py", built_db) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        page = context.new_page()
        page.set_default_timeout(30000)
        page.goto(url + "/outcomes?ambition=9&place=E06000061")
        page.get_by_role("heading", name="9. Access to health").wait_for()
        assert sidebar_place(page) == "North Northamptonshire"
        assert page.get_by_text("Live Your Best Life", exact=True).count() >= 1  # our navigation, not file names
        context.close()


def test_deep_link_opens_filtered(page, server):
    """A copied link reproduces the view: /outcomes with an ambition and a Place."""
    page.goto(server + "/outcomes?ambition=9&place=E06000061")
    page.get_by_role("heading", name="9. Access to health").wait_for()
    assert sidebar_place(page) == "North Northamptonshire"


def test_lap_filter_survives_a_page_switch_in_the_link(page, server):
    """A LAP chosen in the link stays in the sidebar and the URL when another page is opened."""
    page.goto(server + "/?place=E06000062&lap=N4")
    page.get_by_text("10. To be accepted").wait_for()
    lap = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").nth(1).locator("input")
    assert lap.input_value().startswith("Northampton LAP N4")
    page.get_by_text("About", exact=True).click()
    page.get_by_text("Data sources", exact=True).click()
    page.get_by_role("heading", name="Data sources").wait_for()
    page.wait_for_url("**lap=N4**")


def test_clicking_a_lap_on_the_map_makes_it_the_lap_filter(page, server):
    page.goto(server + "/maps")
    page.get_by_text("Query:").first.wait_for()
    label = page.locator("g.textpoint text", has_text="DSN3").first
    box = label.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**lap=DSN3**")
    lap = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").nth(1).locator("input")
    expect(lap).to_have_value(re.compile(r"^Daventry & South Northants LAP DSN3"))  # once the rerun has drawn


LLR = "leicester_leicestershire_rutland"


@pytest.fixture(scope="module")
def llr_server(tmp_path_factory):
    """The second configuration (config/leicester_leicestershire_rutland.toml), built in its own process as
    `LYBL_ICS=... python -m lybl build` would, and served with the same LYBL_ICS."""
    import subprocess
    import sys
    db = tmp_path_factory.mktemp("llr") / "llr.duckdb"
    env = {**__import__("os").environ, "LYBL_ICS": LLR}
    subprocess.run([sys.executable, "-m", "lybl", "build", "--db", str(db)], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    with streamlit_server(ROOT / "dashboard.py", db, env={"LYBL_ICS": LLR}) as url:
        yield url


@pytest.mark.parametrize("path, says", [
    ("/", "No outcomes framework of Leicester, Leicestershire and Rutland"),
    ("/outcomes", "No outcomes framework is among the loaded documents"),
    ("/scorecard", "No outcome scorecard is among the loaded documents"),
    ("/interventions", "No multi-impact intervention scorecard of LLR"),
    ("/compare", "Query:"), ("/compare?view=overview", "Query:"),
    ("/compare?view=spine", "upper-tier local authorities"), ("/compare?view=trends", "Recent trend"),
    ("/compare?view=changes", "A figure counts from its date of data"),
    ("/factsheet", "No Health and Wellbeing Board factsheet of Leicester"),
    ("/maps", "has no small-area data"), ("/lap", "no Local Area Partnerships configured"),
    ("/bcf", "No Better Care Fund report"), ("/objectives", "No objectives are in the database yet"),
    ("/indicator?indicator=census_bad_health", "Query:"), ("/data", "Query:"),
    ("/upload", "Read-only"), ("/settings", "Status colours")])
def test_every_page_renders_under_a_second_ics(browser, llr_server, path, says):
    """Every page under Leicester, Leicestershire and Rutland: its own names, plain words where it has no
    documents, LAPs or small areas, and no traceback or error box."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(30000)
    page.goto(llr_server + path)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.wait_for()  # the frame ran
    page.get_by_text(says).first.wait_for()
    wait_idle(page)
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_test_id("stAlertContentError").count() == 0
    assert "Northamptonshire" not in page.inner_text("body")
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_text("Leicester, Leicestershire and Rutland outcomes dashboard").count()
    out = ROOT / "test-results" / "llr"
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / ((path.strip("/").replace("?", "_").replace("=", "-") or "home") + ".png")))
    context.close()


def test_a_board_pack_downloads_as_powerpoint(page, server, tmp_path):
    """A view added on its page, exported from /pack through the browser's download: python-pptx reads it."""
    from pptx import Presentation
    from tools.axe_report import settled
    page.goto(server + "/interventions")
    settled(page)
    page.get_by_role("button", name="Add this view to the board pack (0)").click()
    page.get_by_role("button", name="Add this view to the board pack (1)").wait_for()
    page.get_by_text("About", exact=True).click()
    page.get_by_text("Board pack", exact=True).click()
    settled(page)
    with page.expect_download(timeout=120000) as download:
        page.get_by_role("button", name="PowerPoint").click()
    assert download.value.suggested_filename.endswith(".pptx")
    download.value.save_as(tmp_path / "pack.pptx")
    deck = Presentation(str(tmp_path / "pack.pptx"))
    texts = [sh.text_frame.text for sh in deck.slides[1].shapes if sh.has_text_frame]
    assert "A&E 4-hour performance: Making Data Count" in texts
    assert any(sh.shape_type == 13 for sh in deck.slides[1].shapes)  # the SPC chart as an image
