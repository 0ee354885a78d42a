"""Sign-in for writes, for real: an OpenID Connect provider on 127.0.0.1 (tests/oidc_provider.py), Streamlit's
st.login configured against it, and the system Chromium. An analyst signs in, downloads the template, fills in
Q4 2023/24 figures, previews, loads them, sees the scorecards and What changed, and reverts the release; an
anonymous session and a signed-in non-editor reach no write path."""
from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta

import openpyxl
import pytest

from lybl.config import ROOT
from tests.oidc_provider import oidc_provider, secrets_toml
from tests.servers import free_port, streamlit_server
from tests.test_browser import browser, wait_idle  # noqa: F401  (browser: the module's Chromium fixture)

pytestmark = pytest.mark.browser
EDITOR, READER = "analyst@example.org", "member@example.org"
SHOTS = ROOT / "test-results"
#: Q4 2023/24 for two multi-impact intervention measures and one LYBL scorecard metric (made-up figures)
Q4 = [("inpatients_over_21_days", "E54000059", "2023/24 Q4", 128),
      ("epaccs_care_plans", "E54000059", "2023/24 Q4", 640),
      ("ld_smi_health_checks", "E54000059", "2023/24 Q4", 52.3)]


@pytest.fixture(scope="module")
def app(built_db, tmp_path_factory):
    """The dashboard with sign-in configured, its own database copy and state folder."""
    folder = tmp_path_factory.mktemp("signin")
    db = folder / "lybl.duckdb"
    shutil.copy(built_db, db)
    state = folder / "state"
    with oidc_provider() as provider:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        secrets = folder / "secrets.toml"
        secrets.write_text(secrets_toml(provider, url))
        env = {"LYBL_STATE": str(state), "LYBL_EDITORS": f"{EDITOR}, @council.example.gov.uk",
               "LYBL_DEV_EDITOR": "ignored@example.org"}  # ignored: [auth] is configured
        try:
            with streamlit_server(ROOT / "dashboard.py", db, port=port, env=env,
                                  args=["--secrets.files", str(secrets)]) as served:
                yield dict(url=served, state=state, provider=provider, folder=folder)
        except RuntimeError as exc:
            pytest.fail(str(exc))


def new_page(browser, height=900):
    context = browser.new_context(viewport={"width": 1280, "height": height}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60000)
    return context, page


def sign_in(page, url: str, email: str) -> None:
    page.goto(url + "/upload")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("E-mail address").fill(email)  # the provider's own sign-in page
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url + "/**")
    wait_idle(page)


def no_write_controls(page, url: str) -> None:
    for path, action in (("/upload", "upload figures"), ("/data", None), ("/objectives", "add an update")):
        page.goto(url + path)
        page.get_by_text("Query:").first.wait_for()
        wait_idle(page)
        assert page.get_by_test_id("stFileUploader").count() == 0
        assert page.get_by_role("button", name=re.compile("^Revert")).count() == 0
        assert page.get_by_role("button", name="Add update").count() == 0
        assert page.get_by_role("button", name=re.compile(r"^Load ")).count() == 0
        assert page.get_by_text("Release to revert").count() == 0


@pytest.fixture(scope="module")
def a_release(app):
    """One active release, loaded from the command line, so the Data page has something to revert."""
    from lybl.__main__ import main
    path = app["folder"] / "smoking-2023.csv"
    path.write_text("Indicator ID,Area Code,Time period,Value\nadult_smoking_prevalence,E06000061,2023,11.1\n")
    env = {"LYBL_STATE": str(app["state"]), "LYBL_DB": str(app["folder"] / "lybl.duckdb")}
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        assert main(["load", str(path), "--by", "setup@example.org"]) == 0
    return path


def test_an_anonymous_session_reaches_no_write_path(browser, app, a_release):
    context, page = new_page(browser)
    page.goto(app["url"] + "/data")
    page.get_by_text("smoking-2023.csv").first.wait_for(state="attached")  # listed to everyone
    no_write_controls(page, app["url"])
    page.goto(app["url"] + "/upload")
    page.get_by_role("button", name="Sign in").wait_for()
    page.screenshot(path=str(SHOTS / "upload-anonymous.png"))
    context.close()
    assert sorted(p.name for p in (app["state"] / "releases").glob("0*")) == ["0001"]


def test_a_signed_in_reader_who_is_not_an_editor_cannot_write(browser, app, a_release):
    context, page = new_page(browser)
    sign_in(page, app["url"], READER)
    page.goto(app["url"] + "/upload")
    page.get_by_text("not on this dashboard's list of editors").wait_for()
    no_write_controls(page, app["url"])
    context.close()


def fill_in(template_path, out_path) -> None:
    """What the analyst does in Excel: type the quarter's figures into the Values sheet, from row 2."""
    book = openpyxl.load_workbook(template_path)
    values = book["Values"]
    for row, (indicator, area, period, value) in enumerate(Q4, 2):
        values.cell(row, 1, indicator), values.cell(row, 2, area), values.cell(row, 5, period)
        values.cell(row, 6, value)
    book.save(out_path)


def test_the_round_trip_sign_in_template_preview_load_scorecards_what_changed_revert(browser, app, a_release):
    url, state = app["url"], app["state"]
    context, page = new_page(browser, height=1000)
    sign_in(page, url, EDITOR)
    page.goto(url + "/upload")
    page.get_by_text(f"Signed in as {EDITOR}").wait_for()

    # 1. the template, downloaded
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the upload template (XLSX)").click()
    template = app["folder"] / download.value.suggested_filename
    download.value.save_as(template)
    assert template.name == "lybl-upload-template.xlsx"
    assert openpyxl.load_workbook(template).sheetnames == ["Instructions", "Values", "Codes", "New indicators"]

    # 2. filled in with Q4 2023/24, and 3. previewed
    filled = app["folder"] / "q4-2023-24.xlsx"
    fill_in(template, filled)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(filled))
    page.get_by_text("Scorecard rows these figures change").wait_for()
    wait_idle(page)
    assert page.get_by_test_id("stMetricValue").first.inner_text() == "3"
    page.wait_for_timeout(1500)  # the tables are drawn on a canvas after the page settles
    page.screenshot(path=str(SHOTS / "upload-preview.png"), full_page=True)
    page.get_by_role("button", name="Load 3 figures as a new release").click()
    page.get_by_text("Release 2 loaded").wait_for()
    page.screenshot(path=str(SHOTS / "upload-loaded.png"))
    record = json.loads((state / "releases" / "0002" / "release.json").read_text())
    assert (record["by"], record["new"], record["file"]) == (EDITOR, 3, "q4-2023-24.xlsx")

    # 4. the scorecards show the new figures, and What changed lists them
    page.goto(url + "/interventions")
    page.get_by_text("2023/24 Q4").first.wait_for()
    wait_idle(page)
    page.screenshot(path=str(SHOTS / "upload-interventions.png"), full_page=True)
    page.goto(url + "/scorecard")
    page.get_by_text("2023/24 Q4").first.wait_for()
    since = (date.today() - timedelta(days=1)).isoformat()
    page.goto(url + f"/compare?view=changes&since={since}")
    for name in ("Inpatients with stay over 21 days", "EPaCCS care plans in place",
                 "Health checks for adults with LD and SMI"):
        page.get_by_text(name).first.wait_for()
    wait_idle(page)
    page.screenshot(path=str(SHOTS / "upload-what-changed.png"))

    # 5. reverted on the Data page: the figures go, the documents' figures come back
    page.goto(url + "/data")
    page.get_by_role("button", name="Revert…").click()
    page.get_by_role("button", name="Revert release 2").click()
    page.get_by_text("Release 2 (q4-2023-24.xlsx) reverted by").wait_for()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SHOTS / "upload-reverted.png"))
    assert json.loads((state / "releases" / "0002" / "reverted.json").read_text())["by"] == EDITOR
    assert not (state / "releases" / "0001" / "reverted.json").exists()
    page.goto(url + "/interventions")
    page.get_by_text("Q3").first.wait_for()
    wait_idle(page)
    assert page.get_by_text("2023/24 Q4").count() == 0
    context.close()
