"""lybl.present.maps: the fifths a "by fifths" map colours by, and what an area's hover says."""
import numpy as np
import pandas as pd

from lybl.present.maps import QUINTILES, choropleth, quintile_status, tile_shapes


def test_fifths_follow_the_one_quintile_rule():
    values = pd.Series([10.0, 20, 30, 40, 50, 60, 70, 80, 90, 100, np.nan], index=list("abcdefghijk"))
    fifths = quintile_status(values)
    assert list(fifths[:10]) == [QUINTILES[i // 2] for i in range(10)]  # two areas in each fifth
    assert fifths["k"] is None                                          # no value, no fifth
    tied = quintile_status(pd.Series([5.0, 5, 5, 9, 9]))
    assert list(tied) == ["lowest fifth"] * 3 + ["fourth fifth"] * 2     # ties share the lower rank


def test_hover_writes_figures_with_the_formatter_and_hides_suppressed_values():
    shapes = tile_shapes().head(3)
    codes = list(shapes["area_code"])
    values = pd.DataFrame({"area_code": codes, "value": [30190.0, 12.345, 5.0], "lci95": [np.nan, 11.0, np.nan],
                           "uci95": [np.nan, 13.7, np.nan], "count": [np.nan, 1234.0, 3.0],
                           "denominator": [np.nan, 10000.0, 60.0], "is_suppressed": [False, False, True],
                           "period_label": "2021"})
    status = pd.Series({codes[0]: "better", codes[1]: "worse"})
    fig = choropleth(shapes, values, status, {"better": "#000000", "worse": "#ffffff"}, "t", "%")
    hover = "\n".join(fig.data[-1].hovertext)
    assert "30,190.0%" in hover and "95%: 11.0% to 13.7%" in hover and "1,234 of 10,000" in hover
    assert "suppressed to protect small numbers" in hover and "5.0" not in hover and "e+" not in hover
