"""The one number formatter (lybl.present.numbers): decimals and unit from the indicator's unit, thousands
separators, never scientific notation, the words "suppressed" and "no data"."""
import math

import pytest
from hypothesis import given, strategies as st

from lybl.present.numbers import exact, figure, interval, plotly_format, with_unit


@pytest.mark.parametrize("value, unit, expected", [
    (30190.0, "£", "£30,190"),            # was "3.019e+04" on the North vs West overview
    (150100.0, "count", "150,100"),       # was "1.501e+05"
    (42.1, "%", "42.1%"),
    (48.18, "%", "48.2%"),
    (2598.4, "per 100,000", "2,598.4"),   # one way, wherever it is shown
    (624.3, "per 100,000", "624.3"),
    (79.25, "years", "79.2"),
    (0.753, "score", "0.75"),
    (35000, "count", "35,000"),
    (-2.5, "%", "-2.5%"),
    (-0.01, "%", "0.0%"),
    (12345.6, None, "12,346"),
    (5.25, None, "5.2"),
    (0.0456, None, "0.05"),
])
def test_figures_are_written_by_their_unit(value, unit, expected):
    assert figure(value, unit) == expected


def test_missing_and_suppressed_figures_are_words():
    assert figure(None, "%") == figure(float("nan"), "%") == "no data"
    assert figure(3.0, "count", suppressed=True) == "suppressed"


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
       st.sampled_from([None, "%", "£", "count", "per 100,000", "years", "score", "index (England 2015 = 100)"]))
def test_never_scientific_notation(value, unit):
    text = figure(value, unit)
    assert "e" not in text.lower() and "nan" not in text.lower()
    assert math.isclose(float(text.replace(",", "").replace("£", "").replace("%", "")), value,
                        abs_tol=0.51 if unit in ("£", "count") or abs(value) >= 1000 else 0.051)


@pytest.mark.parametrize("value, unit, expected", [
    (2598.4, "per 100,000", "2,598.4 per 100,000"), (42.1, "%", "42.1%"), (30190, "£", "£30,190"),
    (35000, "count", "35,000"), (79.25, "years", "79.2 years"), (None, "per 100,000", "no data")])
def test_a_figure_with_its_unit_in_words(value, unit, expected):
    assert with_unit(value, unit) == expected


def test_an_interval_uses_the_figure_s_decimals_and_is_empty_without_limits():
    assert interval(40.21, 44.04, "%") == "95%: 40.2% to 44.0%"
    assert interval(float("nan"), 3.0, "%") == ""


def test_charts_and_upload_checks_share_the_decimals():
    assert plotly_format("%") == ",.1f" and plotly_format("£") == ",.0f" and plotly_format(None, 0.05) == ",.2f"
    assert exact(42.125) == "42.125" and exact(1234567.5) == "1,234,567.5"


def test_workbooks_show_figures_with_the_page_s_decimals_and_units():
    from lybl.present.numbers import excel_format
    assert excel_format("%") == '#,##0.0"%"' and excel_format("£") == '"£"#,##0'
    assert excel_format("count") == "#,##0" and excel_format("per 100,000") == "#,##0.0"
