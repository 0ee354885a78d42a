"""OHID Fingertips trends to 2019 for England, the former Northamptonshire county and its districts.

The mirror's file (../shared/data/README.md section 12): 22 Fingertips indicators (24 series with
the sexes of healthy life expectancy and the slope index of inequality), on pre-April-2021 areas,
values rounded to 1 dp by the source repository (traffordDataLab/dashboard), without counts or
intervals, and Fingertips' comparison with England in its words.

- Indicators. Each indicator_key is either the same indicator as one of ours (INDICATORS[key].ours:
  its figures extend our series) or a new indicator, ``ft_<indicator_key>``, named as the file names it.
- Areas. England is known; the former county E10000021 and its seven districts E07000150-E07000156
  become areas (county under the East Midlands, districts under the county), unless already known.
- Figures. One per row; a blank value is kept as a figure "Suppressed in the source". The file's
  ``unit`` column is not a unit of measurement: it says what the figures are about (Persons, Deaths
  for the deaths in the usual place of residence, Years for life expectancy and the slope index);
  the sex is the ``group`` column (blank = Persons).

Runs after data/ and the Census loader (lybl.build.database.COMPARATOR_LOADERS): our indicators, England and
the East Midlands must already be known.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lybl.errors import ValidationError
from lybl.build.ingest.local import ENGLAND, Context
from lybl.build.ingest import opendata
from lybl.build.ingest.rows import Row
from lybl.ics import ics

SOURCE_ID = "fingertips_pre2021"
FINGERTIPS = "data/ohid_fingertips_northamptonshire_pre2021_england_trends.csv"
#: publisher files this loader reads (data/extracts holds them as Parquet; lybl.build.ingest.opendata)
FILES: list[str] = [FINGERTIPS]
COLUMNS = ["indicator_key", "fingertips_indicator_id", "indicator", "measure", "unit", "group", "area_code",
           "area_name", "area_type", "successor_ua_code", "period", "value", "compared_with_england",
           "source_file"]


@dataclass(frozen=True)
class Series:
    """One indicator_key of the file: its Fingertips ID, polarity and age band, and our indicator if the same."""
    fingertips_id: int
    polarity: str
    age: str
    ours: str | None = None     # our indicator_id when it is the same indicator; None: a new ft_<key>
    by_sex: bool = False        # Male and Female series (group), no Persons


#: indicator_key -> Series. Polarity as Fingertips compares the indicator with England (every Better in the
#: file is on its good side of England's value, every Worse on its bad side). A mapped series takes the age of
#: our indicator's existing figures ("All ages": the seeds keep the age band in the indicator's definition),
#: so that it continues the same series; a new indicator takes Fingertips' age band.
INDICATORS: dict[str, Series] = {
    "admissions_falls": Series(22401, "low_is_good", "All ages", ours="falls_admissions_65plus"),  # same Fingertips ID
    # 21001 is most probably the factsheet's "hospital admissions for self-harm" (seed 001), but the factsheet
    # names no ID and does not say emergency, intentional or age-standardised: kept apart
    "admissions_self_harm": Series(21001, "low_is_good", "All ages"),
    "admissions_self_harm_young_people": Series(90813, "low_is_good", "10-24 yrs"),
    # 91414 is the old-method narrow measure (England about 630-650 per 100,000); the factsheet's 2020/21 figures
    # (North 431 "better", West 467 "similar") fit the new method (93764), a different indicator
    "alcohol_related_admissions": Series(91414, "low_is_good", "All ages"),
    "alcohol_related_mortality": Series(91382, "low_is_good", "All ages"),
    "child_protection_plans": Series(90886, "low_is_good", "<18 yrs"),
    "children_in_care": Series(90803, "low_is_good", "<18 yrs"),
    # not preferred_place_of_death_proxy (seed 003), which counts deaths in hospital
    "deaths_at_home": Series(92727, "high_is_good", "65+ yrs"),
    "dementia_diagnosis": Series(92949, "high_is_good", "65+ yrs"),
    "dental_decay": Series(92441, "high_is_good", "5 yrs"),
    # both the National Child Measurement Programme's "overweight (including obesity)", the only such measure
    "excess_weight_reception": Series(20601, "low_is_good", "All ages", ours="reception_overweight_obesity"),
    "excess_weight_year6": Series(20602, "low_is_good", "All ages", ours="year6_overweight_obesity"),
    # healthy life expectancy, not life_expectancy_male / life_expectancy_female
    "healthy_life_expectancy_at_birth": Series(90362, "high_is_good", "All ages", by_sex=True),
    # HMRC's children in low income families (to 2016), not the factsheet's 2020/21 DWP relative low income measure
    "low_income_families": Series(10101, "low_is_good", "<16 yrs"),
    # Fingertips does not compare it with England (all 'Not compared'): low is good by meaning, more excess deaths
    "mortality_serious_mental_illness": Series(91096, "low_is_good", "18-74 yrs"),
    "neets": Series(93203, "low_is_good", "16-17 yrs"),
    "physically_inactive": Series(93015, "low_is_good", "19+ yrs"),  # inactive, NOT physically_active_adults
    # 40502 is the pre-2019 definition (England 78 in 2015-17); the factsheets' 2017-2019 figures (North 60
    # "worse", West 54) fit the 2019 definition, a different indicator; the factsheets give no age band either
    "preventable_mortality_from_cancer": Series(40502, "low_is_good", "<75 yrs"),
    "school_readiness_fsm": Series(90632, "high_is_good", "5 yrs"),  # pupils with free school meals only
    # no comparison in the file (the source repository kept none): low is good by meaning, a wider gap
    "slope_index_of_inequality": Series(92901, "low_is_good", "All ages", by_sex=True),
    "smoking_adults": Series(92443, "low_is_good", "All ages", ours="adult_smoking_prevalence"),  # same Fingertips ID
    "smoking_adults_manual": Series(92445, "low_is_good", "18-64 yrs"),
}

#: the file's measure -> (unit, value_type, multiplier)
MEASURES = {
    "Age standardised rate per 100,000": ("per 100,000", "directly standardised rate", 100000),
    "Standardised rate per 100,000": ("per 100,000", "directly standardised rate", 100000),
    "per 10,000": ("per 10,000", "crude rate", 10000),
    "Percentage": ("%", "proportion", 100),
    "Proportion": ("%", "proportion", 100),
    "Life expectancy": ("years", "life expectancy", None),
    "Indirectly standardised ratio": ("%", "other", None),   # observed over expected deaths, as a percentage
    "Slope Index of Inequality": ("years", "other", None),
}
#: what the figures are about (the file's `unit` column): Years goes with measures in years
SUBJECTS = {"Persons", "Deaths", "Years"}
SEXES = {"Male", "Female"}
#: Fingertips' comparison with England -> the words the app's documents use (lybl.read.framework.classify_published)
COMPARISONS = {"Better": "better than the England average", "Similar": "similar to the England average",
               "Worse": "worse than the England average", "Not compared": None}
NOT_COMPARED_NOTE = "Not compared with England in the source (Fingertips: 'Not compared')"
SUPPRESSED_NOTE = "Suppressed in the source"

FORMER_COUNTY = ics().former_county.code if ics().former_county else ""
ICB = ics().icb.code  # the ICB covers the former county's area
FORMER_COUNTY_NAME = ics().former_county.name if ics().former_county else ""
EAST_MIDLANDS = ics().region.code
PLACES = set(ics().place_codes)
#: the file's area_type -> the codes it may hold
AREA_KINDS = {"Country": ENGLAND, "County (pre-April 2021)": FORMER_COUNTY,
              "Local authority district (pre-April 2021)": r"E07\d{6}"}
SOURCE = ("OHID Fingertips (Public Health Outcomes Framework and related profiles), to 2019 on pre-April-2021 "
          "areas, as extracted by traffordDataLab/dashboard (open-data mirror, data/README.md section 12)")


def load(mirror: Path, ctx: Context) -> dict[str, list[dict]]:
    """New indicators, the former county and districts, and one figure per row of the file."""
    for code in (ENGLAND, EAST_MIDLANDS):
        if code not in ctx.areas:
            raise ValidationError("areas.csv", None, "area_code", f"{code} is needed for {FINGERTIPS}")
    first: dict[str, Row] = {}       # indicator_key -> its first row, which the others must agree with
    indicators: dict[str, dict] = {}
    areas: dict[str, dict] = {}
    seen: dict[tuple, int] = {}
    shapes: dict[str, tuple] = {}
    values = []
    for r in opendata.rows(mirror, FINGERTIPS, COLUMNS):
        key = r.choice("indicator_key", INDICATORS)
        series = INDICATORS[key]
        if key not in first:
            first[key] = r
            indicators[key] = _indicator(r, key, series, ctx)
        _same_as_first(r, first[key])
        indicator = indicators[key]
        area = _area(r, areas, ctx)
        period = r.period("period")
        shape = (period.end.year - period.start.year, period.start.month)
        if shapes.setdefault(key, shape) != shape:
            raise r.fail("period", f"'{period.label}' is not the same kind of period as '{first[key].text('period')}' "
                                   f"(row {first[key].line}) of {key}")
        sex = _sex(r, series)
        value = r.number("value")
        if value is not None and value < 0:
            raise r.fail("value", f"{value:g} is negative")
        if value is not None and indicator["value_type"] == "proportion" and value > 100:
            raise r.fail("value", f"{value:g} is above 100%")
        words = r.choice("compared_with_england", COMPARISONS)
        if area == ENGLAND and words != "Not compared":
            raise r.fail("compared_with_england", f"'{words}' for England itself")
        if value is None and words != "Not compared":
            raise r.fail("compared_with_england", f"'{words}' for a blank (suppressed) value")
        notes = [SUPPRESSED_NOTE if value is None else None,
                 NOT_COMPARED_NOTE if words == "Not compared" and area != ENGLAND else None]
        iid = indicator["indicator_id"]
        dup = (iid, area, period.period, sex)
        if dup in seen:
            raise r.fail("period", f"{iid} {area} {period.label} {sex} is also at row {seen[dup]}")
        seen[dup] = r.line
        values.append(dict(
            indicator_id=iid, area_code=area, period=period.period, period_label=period.label,
            period_start=period.start, period_end=period.end, sex=sex, age=series.age, category_type="",
            category="", value=value, lci95=None, uci95=None, lci998=None, uci998=None, count=None,
            denominator=None, value_text=None, value_note="; ".join(n for n in notes if n) or None,
            published_comparison=COMPARISONS[words], published_trend=None, date_of_data=None,
            source_id=SOURCE_ID, source_ref=f"{FINGERTIPS}:{r.line}", is_preferred=True, is_synthetic=False,
            is_suppressed=False, _file=FINGERTIPS, _line=r.line))
    new_indicators = [i for k, i in indicators.items() if INDICATORS[k].ours is None]
    for row in new_indicators:
        ctx.indicators[row["indicator_id"]] = row
    new_areas = _area_rows(areas, ctx)
    for row in new_areas:
        ctx.areas.add(row["area_code"])
        ctx.area_names[row["area_code"]], ctx.area_types[row["area_code"]] = row["area_name"], row["area_type"]
    return {"indicator": new_indicators, "area": new_areas, "indicator_value": values}


# ----------------------------------------------------------------- indicators

def _indicator(r: Row, key: str, series: Series, ctx: Context) -> dict:
    """Our indicator (checked against the file) or a new ft_<key> indicator row, from the key's first row."""
    fid = r.integer("fingertips_indicator_id", required=True)
    if fid != series.fingertips_id:
        raise r.fail("fingertips_indicator_id", f"{fid} but {key} is Fingertips indicator {series.fingertips_id} "
                                                "in lybl.build.ingest.fingertips_trends.INDICATORS")
    measure = r.choice("measure", MEASURES)
    unit, value_type, multiplier = MEASURES[measure]
    subject = r.choice("unit", SUBJECTS)
    if (subject == "Years") != (unit == "years"):
        raise r.fail("unit", f"'{subject}' does not go with the measure '{measure}'")
    if series.ours is None:
        name = r.text("indicator")
        return dict(indicator_id=f"ft_{key}", name=name,
                    definition=(f"{name}. OHID Fingertips indicator {fid}: {measure.lower()}, age {series.age}; "
                                f"to 2019, for England and {FORMER_COUNTY_NAME} or its districts."),
                    unit=unit, value_type=value_type, multiplier=multiplier, polarity=series.polarity,
                    source=SOURCE, source_url=ctx.sources.get(SOURCE_ID, {}).get("url"), fingertips_id=fid,
                    source_ref=f"{FINGERTIPS}:{r.line}", topic="Fingertips, to 2019 (former county and districts)")
    ours = ctx.indicators.get(series.ours)
    if ours is None:
        raise r.fail("indicator_key", f"{key} is mapped to {series.ours}, which indicators.csv does not have")
    for column, mine in (("unit", unit), ("value_type", value_type), ("polarity", series.polarity),
                         ("fingertips_id", fid)):
        if ours[column] is not None and ours[column] != mine:
            raise r.fail("indicator_key", f"{key} is mapped to {series.ours}, whose {column} is "
                                          f"'{ours[column]}', not '{mine}'")
    return ours


def _same_as_first(r: Row, first: Row) -> None:
    """An indicator's rows share its ID, name, measure, unit and source file."""
    for column in ("fingertips_indicator_id", "indicator", "measure", "unit", "source_file"):
        if r.text(column) != first.text(column):
            raise r.fail(column, f"'{r.text(column)}' but row {first.line} of {first.text('indicator_key')} "
                                 f"has '{first.text(column)}'")


def _sex(r: Row, series: Series) -> str:
    group = r.text("group", required=series.by_sex)
    if series.by_sex and group not in SEXES:
        raise r.fail("group", f"'{group}' is not one of: {', '.join(sorted(SEXES))}")
    if not series.by_sex and group is not None:
        raise r.fail("group", f"'{group}' but {r.text('indicator_key')} has persons only")
    return group or "Persons"


# ----------------------------------------------------------------- areas

def _area(r: Row, areas: dict[str, dict], ctx: Context) -> str:
    """The row's area code, checked against its kind, name and successor; the former areas collected."""
    kind = r.choice("area_type", AREA_KINDS)
    code = r.text("area_code")
    if not re.fullmatch(AREA_KINDS[kind], code):
        raise r.fail("area_code", f"'{code}' is not the code of a '{kind}' this file may hold")
    district = code.startswith("E07")
    successor = r.text("successor_ua_code", required=district)
    if successor is not None and not district:
        raise r.fail("successor_ua_code", f"a '{kind}' has no successor authority in this file")
    if successor is not None and (successor not in PLACES or successor not in ctx.areas):
        raise r.fail("successor_ua_code", f"'{successor}' is not one of the Places ({', '.join(sorted(PLACES))})")
    name = r.text("area_name")
    if code == ENGLAND:
        return code
    known = areas.setdefault(code, dict(name=name, successor=successor, line=r.line))
    if (known["name"], known["successor"]) != (name, successor):
        column = "area_name" if known["name"] != name else "successor_ua_code"
        raise r.fail(column, f"{code} differs from row {known['line']}")
    return code


def _area_rows(areas: dict[str, dict], ctx: Context) -> list[dict]:
    """The former county and districts seen in the file, in load_census's shape, unless already known.

    Each names its successor (successor_code): a district its unitary council, the county the ICB,
    whose area it was; the pages show the former areas' history beside their successor.
    The county is the districts' parent even when the file has no row of its own for it.
    """
    districts = {c: a for c, a in areas.items() if c != FORMER_COUNTY}
    rows = []
    if areas and FORMER_COUNTY not in ctx.areas:
        successors = sorted({a["successor"] for a in districts.values()}) or sorted(PLACES)
        ref = f"{FINGERTIPS}:{areas[FORMER_COUNTY]['line']}" if FORMER_COUNTY in areas else FINGERTIPS
        rows.append(dict(area_code=FORMER_COUNTY, area_name=FORMER_COUNTY_NAME, area_type="Local authority",
                         parent_code=EAST_MIDLANDS, sort_order=None, successor_code=ICB,
                         note="Former county, abolished April 2021; successors " + " and ".join(
                             f"{ctx.area_names.get(s, s)} ({s})" for s in successors),
                         source_ref=ref))
    for code, a in sorted(districts.items()):
        if code in ctx.areas:
            continue
        rows.append(dict(area_code=code, area_name=f"{a['name']} (former district, to March 2021)",
                         area_type="Local authority", parent_code=FORMER_COUNTY, sort_order=None,
                         successor_code=a["successor"], note=(f"Former district, abolished April 2021; successor "
                               f"{ctx.area_names.get(a['successor'], a['successor'])} ({a['successor']})"),
                         source_ref=f"{FINGERTIPS}:{a['line']}"))
    return rows
