"""English Indices of Deprivation 2025: four district summaries for all 296 districts of England (MHCLG File 10).

The IMD average score, the share of LSOAs in the most deprived 10% nationally, the rank of the
average score and the Health Deprivation and Disability domain's average score
(../shared/data/README.md section 9). MHCLG publishes no England figure for district summaries,
so these figures have no England comparator: no benchmark and no spine-chart range.

Runs after the Census loader (lybl.build.ingest.mirror.load_census), which adds the authorities on 2023
boundaries (the same codes as 2024 in England): every district must already be a known area.
"""
from __future__ import annotations

from pathlib import Path

from lybl.errors import ValidationError
from lybl.build.ingest.local import Context
from lybl.build.ingest.mirror import CENSUS_LA
from lybl.build.ingest import opendata
from lybl.periods import parse_period

SOURCE_ID = "imd2025"
FILE = "data/imd2025_lad24_summary_england.csv"
#: publisher files this loader reads (data/extracts holds them as Parquet; lybl.build.ingest.opendata)
FILES: list[str] = [FILE]
#: districts MHCLG ranks in File 10 (rank 1 = most deprived)
N_DISTRICTS = 296
#: the edition, as a period parse_period accepts; most of its indicators relate to 2021 to 2023
PERIOD = parse_period("2025")
VALUE_NOTE = "English Indices of Deprivation 2025"
SOURCE = ("MHCLG, English Indices of Deprivation 2025, File 10: Local Authority District summaries "
          "(lower tier), 2024 districts")
COMMON = (" The English Indices of Deprivation 2025 mostly use data for 2021 to 2023. MHCLG publishes no England "
          "figure for district summaries, so there is no England comparator. A unitary council's district row "
          "is also its upper-tier row.")

#: measure in the file -> indicator (id, name, unit, multiplier, polarity, definition)
MEASURES = {
    "imd_average_score": (
        "imd2025_imd_average_score", "Index of Multiple Deprivation 2025: average score", "score", None,
        "low_is_good",
        "Population-weighted average of the IMD 2025 scores of the district's LSOAs; higher is more deprived."),
    "imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally": (
        "imd2025_imd_most_deprived_10pct", "Index of Multiple Deprivation 2025: LSOAs in the most deprived 10% "
        "nationally", "% of LSOAs", 100.0, "low_is_good",
        "Percentage of the district's LSOAs that are among the 10% most deprived LSOAs in England on the IMD 2025 "
        "(MHCLG publishes the proportion; shown here times 100)."),
    "imd_rank_of_average_score": (
        "imd2025_imd_rank_of_average_score", "Index of Multiple Deprivation 2025: rank of average score",
        f"rank of {N_DISTRICTS} (1 = most deprived)", None, "no_judgement",
        f"The district's place among England's {N_DISTRICTS} districts by IMD 2025 average score, 1 being the most "
        "deprived. A rank, not a measure: a change of rank need not mean a change in deprivation."),
    "health_deprivation_and_disability_average_score": (
        "imd2025_health_deprivation_and_disability_average_score",
        "Health Deprivation and Disability domain 2025: average score", "score", None, "low_is_good",
        "Population-weighted average of the Health Deprivation and Disability domain scores of the district's LSOAs "
        "(premature death, impaired quality of life through poor health, disability and mental health); higher "
        "is more deprived. Domain scores are standardised, so the average LSOA in England scores about 0."),
}


def _measure_loaded(cells: dict) -> bool:
    """The rows the build reads: the measures of MEASURES (File 10 has others)."""
    return (cells.get("measure") or "").strip() in MEASURES


def load(mirror: Path, ctx: Context) -> dict[str, list[dict]]:
    """The four indicators and their figures for every district of the file."""
    rows: list[dict] = []
    seen: dict[tuple[str, str], int] = {}
    districts: set[str] = set()
    for r in opendata.rows(mirror, FILE, ["lad_code", "lad_name", "measure", "value", "n_lads_ranked"],
                           keep=_measure_loaded):
        code = r.text("lad_code")
        if code not in ctx.areas:
            raise r.fail("lad_code", f"unknown area code '{code}': neither in areas.csv nor in {CENSUS_LA}, "
                                     "which is loaded first")
        districts.add(code)
        if r.integer("n_lads_ranked", True) != N_DISTRICTS:
            raise r.fail("n_lads_ranked", f"{r.text('n_lads_ranked')} districts ranked; this loader expects "
                                          f"{N_DISTRICTS} (IoD2025, 2024 districts)")
        measure = r.text("measure")
        if (code, measure) in seen:
            raise r.fail("measure", f"{code} {measure} again (first at row {seen[code, measure]})")
        seen[code, measure] = r.line
        iid, _, _, multiplier, _, _ = MEASURES[measure]
        value = _checked_value(r, measure)
        if multiplier:  # the file's proportion, shown as a percentage
            value = round(value * multiplier, 10)
        rows.append(dict(
            indicator_id=iid, area_code=code, period=PERIOD.period, period_label=PERIOD.label,
            period_start=PERIOD.start, period_end=PERIOD.end, sex="Persons", age="All ages", category_type="",
            category="", value=value, lci95=None, uci95=None, lci998=None, uci998=None, count=None,
            denominator=None, value_text=None, value_note=VALUE_NOTE, published_comparison=None,
            published_trend=None, date_of_data=None, source_id=SOURCE_ID,
            source_ref=f"{FILE}:{r.line}", is_preferred=True, is_synthetic=False, is_suppressed=False,
            _file=FILE, _line=r.line))
    if len(districts) != N_DISTRICTS:
        raise ValidationError(FILE, None, "lad_code", f"{len(districts)} districts; IoD2025 File 10 has {N_DISTRICTS}")
    for measure in MEASURES:
        have = {code for code, m in seen if m == measure}
        if not have:
            raise ValidationError(FILE, None, "measure", f"measure '{measure}' is missing from the file")
        if have != districts:
            raise ValidationError(FILE, None, "measure", f"measure '{measure}' is missing for "
                                                         f"{', '.join(sorted(districts - have)[:5])}")
    indicators = [_indicator(measure, ctx) for measure in MEASURES]
    for ind in indicators:
        if ind["indicator_id"] in ctx.indicators:
            raise ValidationError(FILE, None, "measure", f"indicator '{ind['indicator_id']}' is already defined")
    ctx.indicators.update((ind["indicator_id"], ind) for ind in indicators)
    return {"indicator": indicators, "indicator_value": rows}


def _checked_value(r, measure: str) -> float:
    """The row's value, within the range its measure can take."""
    value = r.number("value", True)
    if "rank_of" in measure:
        rank = r.integer("value", True)
        if not 1 <= rank <= N_DISTRICTS:
            raise r.fail("value", f"rank {rank} is not between 1 and {N_DISTRICTS}")
    elif "proportion" in measure and not 0 <= value <= 1:
        raise r.fail("value", f"proportion {value:g} is not between 0 and 1")
    elif measure == "imd_average_score" and value < 0:
        raise r.fail("value", f"IMD score {value:g} is negative")
    return value


def _indicator(measure: str, ctx: Context) -> dict:
    iid, name, unit, multiplier, polarity, definition = MEASURES[measure]
    return dict(indicator_id=iid, name=name, definition=f"{definition} MHCLG measure '{measure}'.{COMMON}",
                unit=unit, value_type="other", multiplier=multiplier, polarity=polarity, source=SOURCE,
                source_url=ctx.sources.get(SOURCE_ID, {}).get("url"), fingertips_id=None, source_ref=FILE,
                topic="Deprivation (IoD2025)")
