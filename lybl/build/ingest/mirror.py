"""Loaders for ONS geography, Census 2021 and NHS England A&E files: read from their extracts (data/extracts) or,
for `extract`, from the publisher files themselves (lybl.build.ingest.opendata finds either).

Today: the area hierarchy below the Places (2021-25 wards and 2021 LSOAs) and above them
(England, regions, every local authority), Census 2021 general health, disability and
unpaid care as counts over totals for England and every authority, and NHS England's monthly
A&E 4-hour performance for the two acute trusts, the ICB and England.
"""
from __future__ import annotations

import calendar
from datetime import date
from pathlib import Path

from lybl.errors import ValidationError
from lybl.build.ingest.local import Context
from lybl.build.ingest import opendata
from lybl.periods import Period, parse_period
from lybl.ics import ics

CENSUS_LA = "data/census2021_ts037_ts038_ts039_la_england.csv"
CENSUS_LSOA = {"TS037": "data/census2021_ts037_general_health_lsoa21.csv",
               "TS038": "data/census2021_ts038_disability_lsoa21.csv",
               "TS039": "data/census2021_ts039_unpaid_care_lsoa21.csv",
               "TS011": "data/census2021_ts011_household_deprivation_lsoa21.csv"}
LSOA_LOOKUP = "geo/lookup_lsoa21_msoa21_ward_lad.csv"
AE_MONTHLY = "data/nhse_ae_monthly_2021_2025_trust_icb_england.csv"
#: districts' counties (ONS LAD21 -> UTLA21 lookup, as the Health Index area file gives it)
DISTRICT_COUNTIES = "data/ons_health_index_areas_2021.csv"
#: the organisations whose A&E months are loaded: the configured trusts (hospitals.ae_trusts), the ICB, England
AE_ORGS = (*ics().ae_trusts, ics().icb.code, ics().england.code)
#: the mirror's data_note codes in plain words (../shared/data/README.md section 11); an unknown code stops the build
AE_NOTES = {
    "field_test_site_no_4h": "A&E standards field-test site: no 4-hour breaches reported until May 2023",
    "icb_includes_field_test_site_4h_overstated": (
        "Overstated: the ICB total counts the attendances of field-test trusts ({codes}) but not their 4-hour "
        "breaches, until May 2023; not comparable with June 2023 onwards"),
    "england_includes_field_test_sites_4h_overstated": (
        "Overstated: England counts the attendances of the 14 field-test trusts but not their 4-hour breaches "
        "(about 11% of attendances), until May 2023; not comparable with June 2023 onwards"),
    "level_shift_attendances_from_2024_03": (
        "Reporting change from March 2024: activity previously reported elsewhere in the system is reported "
        "under this trust (attendances roughly double); not comparable with earlier months"),
}
PLACES = set(ics().place_codes)
CENSUS_DAY = Period("2021", date(2021, 3, 21), date(2021, 3, 21))
#: when ONS released each topic summary (Census 2021 release calendar): household deprivation with the
#: demography topics, health, disability and unpaid care with their own release
CENSUS_RELEASED = {"TS011": date(2022, 11, 2), "TS037": date(2023, 1, 19), "TS038": date(2023, 1, 19),
                   "TS039": date(2023, 1, 19)}

#: indicator_id -> (census table, categories counted in the numerator)
CENSUS_INDICATORS = {
    "census_bad_health": ("TS037", {"Bad health", "Very bad health"}),
    "census_disabled": ("TS038", {"Disabled: day-to-day activities limited a lot",
                                  "Disabled: day-to-day activities limited a little"}),
    "census_unpaid_care": ("TS039", {"Provides 9 hours or less a week", "Provides 10 to 19 hours a week",
                                     "Provides 20 to 34 hours a week", "Provides 35 to 49 hours a week",
                                     "Provides 50 or more hours a week"}),
    "census_unpaid_care_50h": ("TS039", {"Provides 50 or more hours a week"}),
    # LSOA file only: England has no figure here; the Places are the sums of their LSOAs
    "census_household_deprived_2plus": ("TS011", {"Household is deprived in two dimensions",
                                                  "Household is deprived in three dimensions",
                                                  "Household is deprived in four dimensions"}),
}


def expected_files() -> list[str]:
    return [CENSUS_LA, LSOA_LOOKUP, *CENSUS_LSOA.values(), AE_MONTHLY]


def load_geography(mirror: Path, ctx: Context) -> dict[str, list[dict]]:
    """Wards (2021-25) under their Place and LSOAs (2021) under their ONS best-fit ward."""
    wards: dict[str, dict] = {}
    lsoas = []
    for r in opendata.rows(mirror, LSOA_LOOKUP, ["LSOA21CD", "LSOA21NM", "WD24CD", "WD24_ONS_OUTSIDE_LAD",
                                                 "WD22CD", "WD22NM", "LAD24CD"]):
        place = r.code("LAD24CD", PLACES, "Place")
        ward = r.text("WD22CD")
        wards.setdefault(ward, dict(area_code=ward, area_name=r.text("WD22NM"), area_type="Ward",
                                    parent_code=place, sort_order=None,
                                    note="Electoral ward, May 2021 to May 2025 (WD21-WD24 codes)",
                                    source_ref=LSOA_LOOKUP))
        # ONS best fit, except the one LSOA ONS places outside both councils: its area-based ward.
        outside = r.choice("WD24_ONS_OUTSIDE_LAD", {"Y", "N"}) == "Y"
        parent = ward if outside else r.text("WD24CD")
        note = ("ONS best-fit ward lies outside the council; placed in its area-based ward" if outside else None)
        lsoas.append(dict(area_code=r.text("LSOA21CD"), area_name=r.text("LSOA21NM"), area_type="LSOA",
                          parent_code=parent, sort_order=None, note=note, source_ref=LSOA_LOOKUP))
    missing = {a["parent_code"] for a in lsoas} - set(wards)
    if missing:
        raise ValidationError(LSOA_LOOKUP, None, "WD24CD", f"wards with no row of their own: {sorted(missing)}")
    rows = sorted(wards.values(), key=lambda a: (a["parent_code"], a["area_name"])) + lsoas
    ctx.areas.update(a["area_code"] for a in rows)
    return {"area": rows}


def load_census(mirror: Path, ctx: Context) -> dict[str, list[dict]]:
    """Census 2021 proportions with count and denominator for England, regions and authorities."""
    totals: dict[tuple[str, str], float] = {}
    counts: dict[tuple[str, str], float] = {}
    new_areas: dict[str, dict] = {}
    for r in opendata.rows(mirror, CENSUS_LA, ["area_code", "area_name", "area_type", "region_code",
                                               "census_table", "category", "count", "total"]):
        code = r.text("area_code")
        if code not in ctx.areas and code not in new_areas:
            kind = r.text("area_type")
            area_type = "England" if kind == "Country" else "Region" if kind == "Region" else "Local authority"
            new_areas[code] = dict(area_code=code, area_name=r.text("area_name"), area_type=area_type,
                                   parent_code=r.text("region_code", False) or (ics().england.code if area_type == "Region" else None),
                                   sort_order=None, note=kind, source_ref=CENSUS_LA)
        _tally(r, code, r.text("census_table"), totals, counts)
    counties = _district_counties(mirror)
    for code, area in new_areas.items():  # a district sits in its county, so each level sums to the next
        if code in counties and counties[code] in new_areas:
            area["parent_code"] = counties[code]
    ctx.areas.update(new_areas)
    ctx.area_names.update({c: a["area_name"] for c, a in new_areas.items()})
    ctx.area_types.update({c: a["area_type"] for c, a in new_areas.items()})
    note = "Sum of published LSOA counts; may differ slightly from ONS local authority tables"
    return {"area": list(new_areas.values()),
            "indicator_value": _census_values(counts, totals, lambda table: CENSUS_LA, note)}


def _district_counties(mirror: Path) -> dict[str, str]:
    """District (E07) -> county (E10), when the mirror has the lookup; else districts stay under their region."""
    if not opendata.exists(mirror, DISTRICT_COUNTIES):
        return {}
    found = {}
    for r in opendata.rows(mirror, DISTRICT_COUNTIES, ["area_code", "parent_utla_code"]):
        county = r.text("parent_utla_code", required=False)
        if county is not None:
            found[r.text("area_code")] = county
    return found


def _tally(r, code: str, table: str, totals: dict, counts: dict) -> None:
    """Check one Census row's count against its total and add it to the indicators of its table."""
    count, total = r.number("count", True), r.number("total", True)
    if not 0 <= count <= total:
        raise r.fail("count", f"count {count:g} is not between 0 and the total {total:g}")
    if totals.setdefault((code, table), total) != total:
        raise r.fail("total", f"total differs from earlier rows of {code} {table}")
    category = r.text("category")
    for iid, (t, cats) in CENSUS_INDICATORS.items():
        if t == table:
            counts[(code, iid)] = counts.get((code, iid), 0.0) + (count if category in cats else 0.0)


def _census_values(counts: dict, totals: dict, file_of, note: str | None) -> list[dict]:
    rows = []
    for (code, iid), count in sorted(counts.items()):
        table = CENSUS_INDICATORS[iid][0]
        rows.append(census_value(iid, code, count, totals[(code, table)], file_of(table), note))
    return rows


def census_value(iid: str, code: str, count: float | None, total: float, file: str, note: str | None) -> dict:
    """One Census 2021 figure (count over total) in the indicator_value shape; intervals come later."""
    return dict(
        indicator_id=iid, area_code=code, period=CENSUS_DAY.period, period_label="2021 (Census Day)",
        period_start=CENSUS_DAY.start, period_end=CENSUS_DAY.end, sex="Persons",
        age="5+ yrs" if iid.startswith("census_unpaid") else "All ages", category_type="", category="",
        value=None if count is None else 100.0 * count / total, lci95=None, uci95=None, lci998=None, uci998=None,
        count=count, denominator=total, value_text=None,
        value_note=note,
        published_comparison=None, published_trend=None, date_of_data=CENSUS_RELEASED[CENSUS_INDICATORS[iid][0]],
        source_id="census2021", source_ref=file, is_preferred=True, is_synthetic=False,
        is_suppressed=False, _file=file, _line=None)


def load_census_lsoa(mirror: Path, ctx: Context) -> dict[str, list[dict]]:
    """Census 2021 counts over totals for every LSOA in the two Places, for aggregation to wards.

    Returns raw rows only; lybl.build.derive sums them to wards and the ICB, computes intervals and
    applies disclosure control before anything is stored.
    """
    counts: dict[tuple[str, str], float] = {}
    totals: dict[tuple[str, str], float] = {}
    for table, rel in CENSUS_LSOA.items():
        for r in opendata.rows(mirror, rel, ["lsoa21_code", "lad_code", "census_table", "category", "count",
                                             "total"]):
            code = r.code("lsoa21_code", ctx.areas, "LSOA")
            r.code("lad_code", PLACES, "Place")
            if r.text("census_table") != table:
                raise r.fail("census_table", f"expected {table} in this file")
            _tally(r, code, table, totals, counts)
    rows = _census_values(counts, totals, CENSUS_LSOA.get, None)
    return {"census_lsoa": rows}


def _ae_note(r) -> str | None:
    raw = r.text("data_note", False)
    if raw is None:
        return None
    code, _, codes = raw.partition(":")
    if code not in AE_NOTES or bool(codes) != ("{codes}" in AE_NOTES[code]):
        raise r.fail("data_note", f"'{raw}' is not a data note this build knows (../shared/data/README.md section 11)")
    return AE_NOTES[code].format(codes=", ".join(codes.split("+")))


def _ae_org(cells: dict) -> bool:
    """The A&E rows the build reads: the organisations of AE_ORGS."""
    return (cells.get("org_code") or "").strip() in AE_ORGS


def load_ae_monthly(mirror: Path, ctx: Context) -> dict[str, list[dict]]:
    """Each month's A&E 4-hour performance (all A&E types) for AE_ORGS: seen within 4 hours over attendances.

    Months without a 4-hour count (Kettering, a field-test site, until May 2023) are left out and said so
    in the build report (ctx.skipped); intervals come later (lybl.build.derive).
    """
    rows, missing = [], {}
    for org in AE_ORGS:
        if org not in ctx.areas:
            raise ValidationError("areas.csv", None, "area_code", f"{org} is needed for {AE_MONTHLY}")
    for r in opendata.rows(mirror, AE_MONTHLY, ["org_code", "org_name", "month", "total_attendances",
                                                "attendances_over_4h", "data_note"], keep=_ae_org):
        org = r.text("org_code")
        if ctx.area_types.get(org) == "NHS trust" and r.text("org_name") != ctx.area_names[org]:
            raise r.fail("org_name", f"'{r.text('org_name')}' but areas.csv names {org} '{ctx.area_names[org]}'")
        start = r.iso_date("month", required=True)
        if start.day != 1:
            raise r.fail("month", f"'{start}' is not the first day of a month")
        note = _ae_note(r)
        total, over = r.number("total_attendances", True), r.number("attendances_over_4h")
        if total <= 0:
            raise r.fail("total_attendances", f"{total:g} attendances: must be positive")
        if over is None:
            missing.setdefault(org, []).append((start, note))
            continue
        if not 0 <= over <= total:
            raise r.fail("attendances_over_4h", f"{over:g} is not between 0 and the {total:g} attendances")
        period = parse_period(f"{calendar.month_abbr[start.month]} {start.year}")
        count = total - over
        rows.append(dict(
            indicator_id="ae_4hr_performance", area_code=org, period=period.period, period_label=period.label,
            period_start=period.start, period_end=period.end, sex="Persons", age="All ages", category_type="",
            category="", value=100.0 * count / total, lci95=None, uci95=None, lci998=None, uci998=None,
            count=count, denominator=total, value_text=None, value_note=note, published_comparison=None,
            published_trend=None, date_of_data=None, source_id="nhse_ae_monthly",
            source_ref=f"{AE_MONTHLY}:{r.line}", is_preferred=True, is_synthetic=False, is_suppressed=False,
            _file=AE_MONTHLY, _line=r.line))
    for org, months in missing.items():
        first, last = min(months)[0], max(months)[0]
        reasons = "; ".join(sorted({n for _, n in months if n})) or "no reason given"
        ctx.skipped.append(f"{AE_MONTHLY}: {len(months)} months of {org} ({first:%b %Y} to {last:%b %Y}) without a "
                           f"4-hour count, not loaded ({reasons})")
    return {"indicator_value": rows}
