"""Streamlit AppTest: every page runs from dashboard.py, filters survive page switches and links."""
import pytest
from streamlit.testing.v1 import AppTest

from lybl.config import ROOT

ENTRY = str(ROOT / "dashboard.py")

PAGES = ["pages/home.py", "pages/outcomes.py", "pages/scorecard.py", "pages/interventions.py", "pages/compare.py",
         "pages/factsheet.py", "pages/maps.py", "pages/lap.py", "pages/bcf.py",
         "pages/objectives.py", "pages/indicator.py", "pages/data_sources.py", "pages/settings.py"]


def app(built_db, **query) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def text_of(at) -> str:
    """Every text a page shows, including its HTML tables."""
    texts = [str(e.value) for kind in ("title", "markdown", "caption", "subheader", "header")
             for e in getattr(at, kind)]
    return " ".join(texts + [h.proto.body for h in at.get("html")])


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(built_db, page):
    at = app(built_db)
    at.switch_page(page).run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]


def test_home_shows_the_ten_ambitions(built_db):
    at = app(built_db)
    text = text_of(at)
    for number in range(1, 11):
        assert f"<strong>{number}.</strong> " in text
    assert "not yet agreed" in text


def test_home_links_each_ambition_with_the_filters(built_db):
    """Home's table links each ambition to its page with the Place, the LAP and a chosen palette (a full page
    load: the link alone must carry them)."""
    at = app(built_db, place="E06000061", lap="KET1", palette="colour-blind")
    html = " ".join(h.proto.body for h in at.get("html"))
    assert 'href="outcomes?ambition=3&amp;place=E06000061&amp;lap=KET1&amp;palette=colour-blind"' in html
    plain = " ".join(h.proto.body for h in app(built_db).get("html"))
    assert 'href="outcomes?ambition=3&amp;place=E54000059"' in plain


def test_place_filter_survives_page_switch(built_db):
    at = app(built_db)
    at.selectbox(key="place").set_value("E06000062").run()
    assert at.query_params["place"] == "E06000062"
    at.switch_page("pages/data_sources.py").run()
    assert at.selectbox(key="place").value == "E06000062"
    assert at.query_params["place"] == "E06000062"


def test_link_sets_the_place(built_db):
    at = app(built_db, place="E06000061")
    assert at.selectbox(key="place").value == "E06000061"
    assert "North Northamptonshire" in text_of(at)


def test_unknown_place_in_link_warns_once(built_db):
    at = app(built_db, place="E06999999")
    assert at.selectbox(key="place").value == "E54000059"
    assert any("E06999999" in w.value for w in at.warning)


def test_outcomes_page_reads_ambition_from_link(built_db):
    at = app(built_db)
    at.query_params["ambition"] = "9"
    at.switch_page("pages/outcomes.py").run()
    assert not at.exception
    assert any(t.value.startswith("9. ") for t in at.title)


def test_missing_database_is_shown_in_plain_words(tmp_path, monkeypatch, built_db):
    monkeypatch.setenv("LYBL_DB", str(tmp_path / "none.duckdb"))
    at = AppTest.from_file(ENTRY, default_timeout=30).run()
    assert not at.exception
    assert any("make db" in e.value for e in at.error)


def test_scorecard_shows_seed_003_figures_north_and_west(built_db):
    at = app(built_db)
    at.switch_page("pages/scorecard.py").run()
    text = text_of(at)
    # seed 003 lines 106-107: good level of development at 2-3, NNC 75.4% and WNC 76.9% (2022-23)
    assert "75.4% (2022-23)" in text and "76.9% (2022-23)" in text
    assert "was 74.2% (2021-22)" in text and "was 78.3% (2021-22)" in text
    # direction computed from the figures and polarity (high is good): North up and better, West down and worse
    assert "▲ better" in text and "▼ worse" in text
    assert "no data yet" in text  # the self-reported wellbeing score has no data
    assert len(at.get("download_button")) == 2  # CSV and XLSX


def test_scorecard_sort_is_kept_in_the_link(built_db):
    at = app(built_db, sort="West: worse first")
    at.switch_page("pages/scorecard.py").run()
    assert at.query_params["sort"] == "West: worse first"


def test_interventions_show_targets_and_spc(built_db):
    at = app(built_db)
    at.switch_page("pages/interventions.py").run()
    text = text_of(at)
    for name in ("Digital and data", "Supporting and recovering independence", "End of life"):
        assert name in text
    assert "76%" in text and "85%" in text  # the targets seed 003 prints (lines 192, 197, 198)
    assert "measure with a target meeting it" in text or "measures with a target meeting it" in text
    assert "too few points for SPC" in text
    assert "Making Data Count summary" in text
    table = at.dataframe[0].value  # one row per monthly series, with its icons
    assert {"Variation", "Assurance"} <= set(table.columns) and len(table) == 4
    assert "In words:** A&E 4-hour performance in Northamptonshire was 71.0% in Jul 2025, below the 76.0% " \
           "target; the variation is common cause" in text  # the A&E series from the mirror has 38 months
    assert "Limits recalculated from Jun 2023" in text
    at.selectbox(key="spc_series").select("ae_4hr_performance@RNS").run()
    assert at.query_params["series"] == "ae_4hr_performance@RNS"
    assert "Northampton General Hospital NHS Trust was 58.8%" in text_of(at)


def test_bcf_shows_actual_against_plan(built_db):
    at = app(built_db)
    at.switch_page("pages/bcf.py").run()
    text = text_of(at)
    assert "95.3%" in text and "95.1%" in text and "met plan" in text      # seed 002 line 319
    assert "624.3" in text and "604" in text and "plan not met" in text    # seed 002 line 321
    assert "72%" in text and "57.8%" in text                               # seed 002 line 323


def test_indicator_detail_says_it_in_one_sentence(built_db):
    at = app(built_db, indicator="census_bad_health", place="E06000061")
    at.switch_page("pages/indicator.py").run()
    text = text_of(at)
    assert "North Northamptonshire is significantly better than England" in text
    labels = sorted(b.label for b in at.get("download_button"))
    assert labels == ["CSV", "SVG", "XLSX"]  # the table twice, the chart as SVG (PNG: the chart's toolbar)
    assert "In words:** Northamptonshire is significantly better than England" in text  # the chart's text alternative


def test_indicator_detail_unknown_code_warns(built_db):
    at = app(built_db, indicator="no_such_indicator")
    at.switch_page("pages/indicator.py").run()
    assert any("Unknown indicator" in w.value for w in at.warning)


def test_colour_blind_palette_is_kept_across_pages_and_in_the_link(built_db):
    at = app(built_db)
    at.switch_page("pages/settings.py").run()
    at.radio(key="palette_choice").set_value("colour-blind").run()
    assert at.query_params["palette"] == "colour-blind"
    at.switch_page("pages/scorecard.py").run()
    assert at.query_params["palette"] == "colour-blind"
    assert "#0072B2" in text_of(at)  # Okabe-Ito blue for 'better'
    linked = app(built_db, palette="colour-blind")
    linked.switch_page("pages/bcf.py").run()
    assert "#E69F00" in text_of(linked) and "#C00000" not in text_of(linked)  # orange for 'plan not met'


def test_outcomes_page_golden_thread_owner_filter_and_coverage(built_db):
    at = app(built_db, ambition="9")
    at.switch_page("pages/outcomes.py").run()
    text = text_of(at)
    # seed 002 line 2368: the golden thread from ED attendances up to ambition 9
    assert "Reduced ED attendances" in text and "Projected additional packages per day to Rapid Response" in text
    assert "I understand and can access alternative options to the Emergency Department" in text
    assert "% coverage)" in text and "no data source yet" in text
    owners = at.multiselect[0].options
    assert "Recovery of Independence MII" in owners
    at.multiselect[0].set_value(["Recovery of Independence MII"]).run()
    assert at.query_params["owner"] in (["Recovery of Independence MII"], "Recovery of Independence MII")
    filtered = next(h.proto.body for h in at.get("html") if "Metric and owner" in h.proto.body)
    assert "People that return to their normal place of residence" in filtered
    assert "Increasing proportion cancer diagnosed" not in filtered


def test_outcomes_page_shows_county_figures_for_a_place(built_db):
    at = app(built_db, ambition="3", place="E06000061")
    at.switch_page("pages/outcomes.py").run()
    text = text_of(at)
    assert "47.5%" in text and "Q3 (to Dec 2023)" in text  # COPD, reported for Northamptonshire only (seed 003:112)
    assert "Indicators compared with England" in text


def test_bcf_charts_a_monthly_series_once_one_is_loaded(data_copy, tmp_path, monkeypatch):
    """A synthetic monthly series (labelled synthetic) makes the BCF page draw its SPC chart."""
    import csv

    from lybl.build.database import build
    from lybl.build.ingest.local import VALUE_COLUMNS

    months = [f"{m} {y}" for y in (2022, 2023) for m in
              ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")]
    with open(data_copy / "values_synthetic_bcf.csv", "w", newline="") as f:
        w = csv.DictWriter(f, VALUE_COLUMNS)
        w.writeheader()
        for i, month in enumerate(months):
            w.writerow(dict(indicator_id="discharge_to_usual_residence", area_code="E06000061", period_label=month,
                            sex="Persons", age="All ages", category_type="", category="", value=f"{94 + i % 3}",
                            value_note="synthetic test series", source_id="lybl",
                            source_ref="tests/test_app.py", is_synthetic="true"))
    db = tmp_path / "bcf.duckdb"
    build(db=db, data_dir=data_copy, open_data=None, log=lambda line: None)
    monkeypatch.setenv("LYBL_DB", str(db))
    at = AppTest.from_file(ENTRY, default_timeout=30).run()
    at.switch_page("pages/bcf.py").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    assert "no monthly Better Care Fund series is loaded" not in text_of(at)


def test_compare_says_whether_north_and_west_differ(built_db):
    at = app(built_db, indicator="census_bad_health")
    at.switch_page("pages/compare.py").run()
    text = text_of(at)
    # Census 2021: North 4.88% (95% 4.81-4.96), West 4.13%: North's interval lies above West's value
    assert "North is significantly worse than West" in text
    assert "4.9%" in text and "4.1%" in text and "5.2%" in text  # one decimal place for a percentage
    assert "95% interval against England's value" in text


def test_overview_tartan_rug_groups_by_ambition_with_words(built_db):
    at = app(built_db, view="overview")
    at.switch_page("pages/compare.py").run()
    text = text_of(at)
    assert "1. Best Start in Life" in text
    assert "12.2% worse" in text  # smoking at time of delivery, North 2020/21, seed 001's "worse"
    assert at.query_params["view"] == "overview"


def test_spine_chart_places_an_area_on_englands_spread(built_db):
    at = app(built_db, view="spine", area="E06000062", group="ambitions")
    at.switch_page("pages/compare.py").run()
    text = text_of(at)
    # Census 2021: 151 UTLAs plus the two Places; modelled prevalence: the same 153
    assert "upper-tier local authorities (153 with a figure)" in text
    assert "4.1% better" in text  # West's bad or very bad health, better than England (5.15)
    assert "Not drawn" in text and len(at.get("plotly_chart")) == 1
    assert len(at.get("download_button")) == 3 and at.query_params["group"] == "ambitions"  # CSV, XLSX, SVG
    assert "In words:** Of 30 indicators, West Northamptonshire is " in text and "better than England on 5" in text


def test_spine_chart_of_the_health_index_by_default(built_db):
    at = app(built_db, view="spine", area="E06000061")
    at.switch_page("pages/compare.py").run()
    text = text_of(at)
    # ONS Health Index 2021 (mirror README section 7): North 99.2 against England 100.8, 150 UTLAs
    assert "upper-tier local authorities (150 with a figure)" in text
    assert "99.2 not compared" in text and "100.8" in text  # an index: one decimal place
    assert at.query_params["group"] == "topic-ons-health-index-overall-domains-and-subdomains"


def test_compare_by_topic_shows_modelled_prevalence_with_intervals(built_db):
    at = app(built_db, view="compare", group="topic-modelled-prevalence-qof-2019-20",
             indicator="qof_modelled_dm")
    at.switch_page("pages/compare.py").run()
    text = text_of(at)
    # England's modelled diabetes prevalence 2019/20: 7.07% to 2 decimals (mirror README section 5)
    assert "<span class=\"lybl-big\">7.1%</span>" in text  # 7.07%: a percentage to one decimal place
    assert "North is significantly" in text or "do not differ significantly" in text
    assert at.query_params["indicator"] in (["qof_modelled_dm"], "qof_modelled_dm")


def test_trends_of_a_place_carry_its_former_districts(built_db):
    at = app(built_db, view="trends", indicator="adult_smoking_prevalence", place="E06000061")
    at.switch_page("pages/compare.py").run()
    chosen = at.multiselect[0]
    assert "E07000153" in chosen.value  # Kettering (former district), Fingertips 2011-2018
    assert chosen.format_func("E07000153") == "Kettering (former district, to March 2021)"


def test_trends_view_gives_each_areas_recent_trend(built_db):
    at = app(built_db, view="trends", indicator="ae_4hr_performance")
    at.switch_page("pages/compare.py").run()
    text = text_of(at)
    assert "**Northamptonshire**: Decreasing and getting worse" in text  # monthly A&E, last five months
    assert len(at.get("plotly_chart")) == 1


def test_what_changed_since_a_board_date(built_db):
    at = app(built_db, view="changes", since="2023-06-01")
    at.switch_page("pages/compare.py").run()
    text = text_of(at)
    assert "Since 01 June 2023" in text
    # falls admissions 65+: West 2,727 in 2020/21 was worse than England (seed 001); the 2021/22 figure 1,958
    # (seed 003) carries no comparison, so it is a new figure, not a new status
    row = text.split("Emergency hospital admissions due to falls, aged 65+", 3)[2].split("</tr>", 1)[0]
    assert "1,958.0" in row and "2,727.0 (2020/21): worse" in row and "new figure" in row  # per 100,000: 1 dp
    assert "2 new figure" not in text and "4 new figure" in text
    assert at.query_params["since"] == "2023-06-01"
    later = app(built_db, view="changes", since="2030-01-01")
    later.switch_page("pages/compare.py").run()
    assert "0 newly better · 0 newly worse · 0 new data · 0 new figure" in text_of(later)


def test_factsheet_shows_seed_001_figures_by_section(built_db):
    at = app(built_db, area="E06000061")
    at.switch_page("pages/factsheet.py").run()
    text = text_of(at)
    assert text.index("<h2>Start Well") < text.index("<h2>Live Well") < text.index("<h2>Age Well")
    # seed 001 lines 348-349: 3,789 babies born in 2021; 12.2% smoking at delivery, worse than England
    assert "3,789" in text and "12.2%" in text and ">worse than England<" in text
    # falls admissions: the 2021/22 figure of seed 003 replaces the factsheet's 2020/21 and says so
    assert "newer than the factsheet&#x27;s 2020/21" in text
    west = app(built_db, area="E06000062")
    west.switch_page("pages/factsheet.py").run()
    assert "4,647" in text_of(west)  # seed 001: 4,647 babies born in West Northamptonshire in 2021


def test_lap_filter_shows_the_lap_beside_its_place_and_survives_page_switches(built_db):
    at = app(built_db, place="E06000062", lap="N4")
    assert at.session_state["lap"] == "N4" and at.query_params["lap"] == "N4"
    at.switch_page("pages/indicator.py").run()
    at.query_params["indicator"] = "census_bad_health"
    text = text_of(at.run())
    assert "Northampton LAP N4 (pioneer) is significantly" in text and "West Northamptonshire is" in text
    at.switch_page("pages/scorecard.py").run()
    assert at.session_state["lap"] == "N4" and at.query_params["lap"] == "N4"


def test_a_provisional_lap_is_labelled_and_an_unknown_one_is_refused(built_db):
    at = app(built_db, place="E06000061", lap="KET1")
    assert any("provisional" in c.value for c in at.sidebar.caption)
    bad = app(built_db, lap="XX1")
    assert not bad.session_state["lap"] and any("Unknown LAP code" in w.value for w in bad.warning)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_a_lap_chosen(built_db, page):
    at = app(built_db, place="E06000062", lap="N4")
    at.switch_page(page).run()
    assert not at.exception and not at.error, page
    assert at.session_state["lap"] == "N4"


def test_maps_draw_the_17_laps_coloured_against_their_place(built_db):
    at = app(built_db, indicator="census_bad_health")
    at.switch_page("pages/maps.py").run()
    assert not at.exception
    chart = at.get("plotly_chart")[0]
    import json
    figure = json.loads(chart.proto.spec)
    labels = [t for t in figure["data"] if t.get("name") == "areas"][0]
    assert len(labels["customdata"]) == 17 and "N4" in labels["customdata"]
    words = {t["name"] for t in figure["data"] if t.get("fill") == "toself"}
    assert words <= {"better than its Place", "similar to its Place", "worse than its Place", "not compared",
                     "suppressed", "no data"} and "better than its Place" in words
    assert at.query_params["level"] == "lap" and at.query_params["compare"] == "place"


def test_maps_fall_back_to_the_lap_tile_map_without_boundaries(tmp_path, monkeypatch):
    from lybl.build.database import build
    db = tmp_path / "bare.duckdb"
    build(db=db, open_data=None, log=lambda line: None)
    monkeypatch.setenv("LYBL_DB", str(db))
    at = AppTest.from_file(ENTRY, default_timeout=30).run()
    at.switch_page("pages/maps.py").run()
    assert not at.exception
    assert any("No indicator has figures below the Places" in i.value for i in at.info)


def test_lap_profile_gives_indicators_people_deprivation_and_wards(built_db):
    import pandas as pd
    at = app(built_db, place="E06000062", lap="N4")
    at.switch_page("pages/lap.py").run()
    assert not at.exception
    text = text_of(at)
    assert "Northampton LAP N4 (pioneer): LAP profile" in text
    assert "Dallington Spencer" in text and "Castle" in text  # the pioneer LAP's published wards
    # residents: the Census TS007A LSOA counts of N4's LSOAs, summed here from the extracts the build read
    from lybl.config import EXTRACTS_DIR
    lookup = pd.read_parquet(EXTRACTS_DIR / "geo/lookup_lsoa21_msoa21_ward_lad.parquet")
    n4_wards = {"Dallington Spencer", "Castle", "Abington and Phippsville", "St. George"}
    codes = set(lookup.loc[lookup["WD22NM"].isin(n4_wards), "WD22CD"])  # 2021-25 ward codes (WD22 = WD24)
    lsoas = set(lookup.loc[lookup["WD24CD"].isin(codes) & (lookup["WD24_ONS_OUTSIDE_LAD"] == "N"), "LSOA21CD"])
    ages = pd.read_parquet(EXTRACTS_DIR / "data/census2021_ts007a_age_5yr_lsoa21.parquet")
    assert f"{ages.loc[ages['lsoa21_code'].isin(lsoas), 'count'].astype(float).sum():,.0f} usual residents" in text
    assert len(at.get("plotly_chart")) == 4  # spine among LAPs, age, deprivation, locator map


def test_overview_gains_the_chosen_lap_as_a_column(built_db):
    at = app(built_db, place="E06000062", lap="N4", view="overview", group="ambitions")
    at.switch_page("pages/compare.py").run()
    text = text_of(at)
    assert ">N4</th>" in text and "4.8% better" in text  # N4's bad health against England



def test_lap_profile_follows_the_sidebar_lap_and_asks_when_there_is_none(built_db):
    at = app(built_db, place="E06000061")
    at.switch_page("pages/lap.py").run()
    assert at.selectbox(key="lap_profile").value is None and not at.query_params.get("lap")
    at.selectbox(key="lap_profile").select("KET1").run()
    assert at.session_state["lap"] == "KET1" and "Kettering Urban: LAP profile" in text_of(at)
    at.sidebar.selectbox[1].select("COR1").run()
    assert "Corby LAP 1: LAP profile" in text_of(at)


def test_a_linked_lap_opens_on_its_own_place(built_db):
    at = app(built_db, place="E06000061", lap="N4")  # N4 is in West
    assert at.session_state["place"] == "E06000062" and at.session_state["lap"] == "N4"
