"""The statistics engine: intervals, benchmarking, recent trend, SPC, aggregation, disclosure control.

Every function takes scalars or numpy arrays / pandas objects and works on whole columns at once
(no Python loop over rows). Nothing here imports Streamlit or touches the database.
Methods, formulas and references: docs/methods.md.
"""

from lybl.stats.aggregation import aggregate
from lybl.stats.benchmarking import benchmark
from lybl.stats.disclosure import suppress
from lybl.stats.intervals import dsr_ci, proportion_ci, rate_ci
from lybl.stats.control_chart import spc
from lybl.stats.trend import recent_trend

__all__ = ["proportion_ci", "rate_ci", "dsr_ci", "benchmark", "recent_trend", "aggregate", "spc", "suppress"]
