"""lybl.read.lap: the spread of an indicator across the LAPs, as the LAP profile's spine chart draws it."""
import numpy as np
import pandas as pd

from lybl.read.lap import spine_ranges


def test_quartiles_leave_out_suppressed_figures_and_indicators_without_england():
    spread = pd.DataFrame({"indicator_id": ["a"] * 6 + ["b"] * 2,
                           "area_code": list("uvwxyz") + ["u", "v"],
                           "value": [1.0, 2, 3, 4, 5, 999, 10, 20],
                           "is_suppressed": [False] * 5 + [True] + [False, False]})
    figures = pd.DataFrame({"indicator_id": ["a", "b"], "indicator_name": ["A", "B"], "polarity": "low_is_good",
                            "unit": "%", "england_value": [3.5, np.nan]})
    ranges = spine_ranges(spread, figures)
    assert list(ranges["indicator_id"]) == ["a"]  # b has no England figure: not drawn
    r = ranges.iloc[0]
    assert (r["lowest"], r["q25"], r["median"], r["q75"], r["highest"], r["n_areas"]) == (1, 2, 3, 4, 5, 5)  # 999 was suppressed
