"""Modelled QOF prevalence 2019/20 for England, its regions and every local authority (House of Commons Library).

One indicator per QOF register (21): the modelled register over the modelled list size of the
register's age band, as a percentage (../shared/data/README.md section 10). The registers are
modelled, resident-based estimates with decimals by design; they are kept as they are. Intervals
(Wilson, from count and denominator) and disclosure control come later, in lybl.build.derive.

Runs after the Census loader (lybl.build.ingest.mirror.load_census), which adds England, the regions and
the authorities to the known areas: every area of this file must already be one of them.
"""
from __future__ import annotations

import re
from pathlib import Path

from lybl.errors import ValidationError
from lybl.build.ingest.local import Context
from lybl.build.ingest.mirror import CENSUS_LA
from lybl.build.ingest import opendata
from lybl.build.ingest.rows import Row

SOURCE_ID = "hoc_qof_prevalence"
FILE = "data/hoc_modelled_qof_prevalence_2019_20_la_england.csv"
#: publisher files this loader reads (data/extracts holds them as Parquet; lybl.build.ingest.opendata)
FILES: list[str] = [FILE]
PERIOD = "2019/20"
SOURCE = ("House of Commons Library, Local health conditions prevalence estimates based on QOF "
          "(NHS Digital QOF 2019/20)")
VALUE_NOTE = "Modelled estimate (House of Commons Library); the interval reflects list size only"
#: the file rounds prevalence_pct to 3 decimals; register / list size must agree with it this closely
TOLERANCE = 0.01
#: an age band at the end of a condition name: "Diabetes mellitus (17+)", "... primary prevention (30-74)"
AGE_BAND = re.compile(r"\((\d+)(?:\+|-(\d+))\)$")


def load(mirror: Path, ctx: Context) -> dict[str, list[dict]]:
    """The 21 modelled-prevalence indicators and their figures for every area of the file."""
    registers: dict[str, dict] = {}
    seen: dict[tuple[str, str], int] = {}
    rows = []
    for r in opendata.rows(mirror, FILE, ["area_code", "period", "group_code", "condition", "modelled_register",
                                       "modelled_list_size", "prevalence_pct"]):
        code = r.text("area_code")
        if code not in ctx.areas:
            raise r.fail("area_code", f"unknown area code '{code}': neither in areas.csv nor in {CENSUS_LA}, "
                                      "which is loaded first")
        if r.text("period") != PERIOD:
            raise r.fail("period", f"'{r.text('period')}' but this loader reads QOF {PERIOD} only")
        period = r.period("period")
        register = _register(r, registers, ctx)
        key = (code, register["group"])
        if key in seen:
            raise r.fail("group_code", f"{code} {key[1]} again (first at row {seen[key]})")
        seen[key] = r.line
        count, size = r.number("modelled_register", True), r.number("modelled_list_size", True)
        if size <= 0:
            raise r.fail("modelled_list_size", f"list size {size:g}: must be positive")
        if count <= 0:
            raise r.fail("modelled_register", f"register {count:g}: must be positive")
        if count > size:
            raise r.fail("modelled_register", f"register {count:g} is above the list size {size:g}")
        value = 100.0 * count / size
        published = r.number("prevalence_pct", True)
        if abs(value - published) > TOLERANCE:
            raise r.fail("prevalence_pct", f"{published:g}% but 100 x register / list size is {value:.3f}%")
        rows.append(dict(
            indicator_id=register["indicator_id"], area_code=code, period=period.period, period_label=period.label,
            period_start=period.start, period_end=period.end, sex="Persons", age=register["age"],
            category_type="", category="", value=value, lci95=None, uci95=None, lci998=None, uci998=None,
            count=count, denominator=size, value_text=None, value_note=VALUE_NOTE, published_comparison=None,
            published_trend=None, date_of_data=None, source_id=SOURCE_ID, source_ref=f"{FILE}:{r.line}",
            is_preferred=True, is_synthetic=False, is_suppressed=False, _file=FILE, _line=r.line))
    if not rows:
        raise ValidationError(FILE, None, None, "no rows")
    indicators = [_indicator(reg, ctx) for reg in registers.values()]
    ctx.indicators.update((ind["indicator_id"], ind) for ind in indicators)
    return {"indicator": indicators, "indicator_value": rows}


def _register(r: Row, registers: dict[str, dict], ctx: Context) -> dict:
    """The register of this row; each group code has one condition name throughout the file."""
    group, condition = r.text("group_code"), r.text("condition")
    if not re.fullmatch(r"[A-Z0-9]+", group):
        raise r.fail("group_code", f"'{group}' is not a QOF group code (capital letters and digits)")
    known = registers.get(group)
    if known is None:
        if f"qof_modelled_{group.lower()}" in ctx.indicators:
            raise r.fail("group_code", f"indicator 'qof_modelled_{group.lower()}' is already defined elsewhere")
        band = AGE_BAND.search(condition)
        age = "All ages" if band is None else (
            f"{band.group(1)}+ yrs" if band.group(2) is None else f"{band.group(1)}-{band.group(2)} yrs")
        known = registers[group] = dict(indicator_id=f"qof_modelled_{group.lower()}", group=group,
                                        condition=condition, age=age, band=band, line=r.line)
    elif known["condition"] != condition:
        raise r.fail("condition", f"'{condition}' but row {known['line']} names {group} '{known['condition']}'")
    return known


def _indicator(register: dict, ctx: Context) -> dict:
    band = register["band"]
    if band is None:
        ages = "all registered patients"
    elif band.group(2) is None:
        ages = f"registered patients aged {band.group(1)} and over (the register's age band)"
    else:
        ages = f"registered patients aged {band.group(1)} to {band.group(2)} (the register's age band)"
    definition = (
        f"Patients on the QOF register for {register['condition']} (group {register['group']}) as a percentage of "
        f"{ages}: a modelled, resident-based estimate by the House of Commons Library, which apportions NHS "
        f"Digital's QOF 2019/20 practice registers and list sizes to LSOAs by where patients live and sums them to "
        f"each area. Not a published practice count, so the register has decimals. The confidence intervals "
        f"computed here reflect the list size only, not the uncertainty of the modelling.")
    return dict(indicator_id=register["indicator_id"], name=f"{register['condition']}: modelled prevalence, {PERIOD}",
                definition=definition, unit="%", value_type="proportion", multiplier=100.0, polarity="no_judgement",
                source=SOURCE, source_url=ctx.sources.get(SOURCE_ID, {}).get("url"), fingertips_id=None,
                source_ref=FILE, topic="Modelled prevalence (QOF 2019/20)")
