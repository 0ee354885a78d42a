"""lybl.present's page tables: figures through the one formatter, rows in the order a board reads them."""
import numpy as np
import pandas as pd

from lybl.present.compare import changes_table, headline_areas
from lybl.present.interventions import gap_words
from lybl.present.maps import colouring
from lybl.present.outcomes import metric_table


def grey(_status):
    return "#eeeeee", True


def test_gaps_are_percentage_points_for_percentages_and_units_otherwise():
    assert gap_words(-5.0, "%") == "-5.0 percentage points against the target"
    assert gap_words(2.25, "%", "plan") == "+2.2 percentage points against plan"
    assert gap_words(-120.0, "count", "plan") == "-120 against plan"


def test_what_changed_lists_newly_worse_first_with_formatted_figures():
    found = pd.DataFrame({
        "indicator_id": ["x", "y"], "indicator_name": ["X", "Y"], "area_code": headline_areas()[2:4],
        "area_name": ["North Northamptonshire", "West Northamptonshire"], "area_sort": [4, 5], "unit": ["£", "%"],
        "now_value": [30190.0, 42.1], "now_period": ["2020", "2023"], "now_status": ["not compared", "worse"],
        "then_value": [np.nan, 40.0], "then_period": [None, "2022"], "then_status": [None, "similar"],
        "change": ["new data", "newly worse"]})
    headers, rows = changes_table(found, grey)
    assert [h for h, _ in headers] == ["Indicator", "Area", "Now", "At that date", "Change"]
    assert ">Y<" in rows[0][0] and "42.1%" in rows[0][2] and "40.0% (2022): similar" in rows[0][3]
    assert "£30,190" in rows[1][2] and "no figure" in rows[1][3]
    assert [r[1] for r in rows] == ["West", "North"]  # the configured short names


def test_a_map_by_fifths_never_places_a_suppressed_area():
    values = pd.DataFrame({"area_code": list("abcdef"), "value": [1.0, 2, 3, 4, 5, 6],
                           "is_suppressed": [False] * 5 + [True], "against_place": None, "against_england": None})
    status, colours = colouring(values, "quintile", lambda s: "#000000")
    assert status["f"] is None and status["a"] == "lowest fifth" and len(colours) == 5
    status, colours = colouring(values.assign(against_place=["better", "worse", None, "not compared: no interval",
                                                             "similar", "higher"]), "place", lambda s: s)
    assert list(status) == ["better than its Place", "worse than its Place", "not compared", "not compared",
                            "similar to its Place", "higher than its Place"]
    assert colours["worse than its Place"] == "worse"


def test_framework_metrics_write_rates_with_their_unit():
    metrics = pd.DataFrame({"metric_id": ["m1", "m2"], "metric": ["Falls", "No source"], "owner": ["Board", "Board"],
                            "framework": ["LYBL", "LYBL"], "area_name": ["North", None], "area_sort": [4, None],
                            "indicator_id": ["falls", None], "value": [2598.4, np.nan], "unit": ["per 100,000", None],
                            "period_label": ["21/22", None], "period_end": [pd.Timestamp("2022-03-31"), pd.NaT],
                            "published_comparison": ["Worse than England", None], "benchmark": [None, None],
                            "trend": [None, None]})
    headers, rows = metric_table(metrics, "E06000061")
    assert [h for h, _ in headers] == ["Metric and owner", "North", ""]
    assert "2,598.4 per 100,000" in rows[0][1] and "England: Worse than England" in rows[0][1]
    assert "no data source yet" in rows[1][1]
