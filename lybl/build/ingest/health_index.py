"""ONS Health Index for England, 2015 to 2021, from the open-data mirror (../shared/data/README.md section 7).

Two sets of scores, each labelled by year, England 2015 = 100 and higher always healthier:
- the overall index, its 3 domains and 14 subdomains for England, the 9 regions, the 150 upper-tier
  and the 307 lower-tier authorities on 2021 boundaries (scores file joined to the areas file);
- the 56 indicator scores for England, the regions and the 150 upper-tier authorities, named and
  described from the ONS indicator table (metadata file).

Every score becomes an indicator (hi_overall, hi_<domain or subdomain>, hi_ind_<indicator>) and one
figure per area and year. Authorities of 2021 that the 2023 list no longer has (Cumbria, North
Yorkshire, Somerset and their districts) become areas of their own, so that their scores are kept.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from lybl.errors import ValidationError
from lybl.build.ingest.local import ENGLAND, Context
from lybl.build.ingest import opendata
from lybl.build.ingest.rows import Row
from lybl.periods import parse_period

SOURCE_ID = "ons_health_index"
AREAS = "data/ons_health_index_areas_2021.csv"
SCORES = "data/ons_health_index_scores_all_areas.csv"
METADATA = "data/ons_health_index_indicator_metadata.csv"
INDICATOR_SCORES = "data/ons_health_index_indicator_scores_utla_region_england.csv"
#: publisher files this loader reads (data/extracts holds them as Parquet; lybl.build.ingest.opendata)
FILES: list[str] = [AREAS, SCORES, METADATA, INDICATOR_SCORES]

PUBLISHED = date(2023, 6, 16)
OVERALL = "Health Index (overall)"
DOMAINS = ("Healthy People", "Healthy Lives", "Healthy Places")
LEVELS = {"overall", "domain", "subdomain"}
ONS_POLARITY = {"High is good": "high is good", "Low is good": "low is good"}
#: the ONS area type label -> the census loader's area_type (lybl.build.ingest.mirror.load_census)
AREA_TYPES = {"Country": "England", "Region": "Region", "UTLA": "Local authority", "LTLA": "Local authority"}
#: an authority's kind by code prefix, in the Census file's words; "(UTLA)" marks the spine chart's areas
KINDS = {"E06": "Unitary authority (LTLA and UTLA)", "E07": "Non-metropolitan district (LTLA)",
         "E08": "Metropolitan district (LTLA and UTLA)", "E09": "London borough (LTLA and UTLA)",
         "E10": "County (UTLA)"}
#: the counties replaced by unitary councils on 1 April 2023, with their districts: Health Index areas only
ABOLISHED_2023 = {"E10000006": "Cumbria", "E10000023": "North Yorkshire", "E10000027": "Somerset"}
UNIT = "index (England 2015 = 100)"
SOURCE = "ONS, Health Index for England 2015 to 2021 (experimental statistics, 16 June 2023; open-data mirror)"
READING = ("England 2015 = 100. Higher is always healthier: ONS applies each indicator's polarity before "
           "combining. Experimental statistics; ONS imputes missing years. Regional, upper-tier and England "
           "scores are population-weighted aggregates of lower-tier (LTLA) scores.")


def slug(name: str) -> str:
    """'Children's social, emotional and mental health' -> 'childrens_social_emotional_and_mental_health'."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower().replace("'", "")).strip("_")


def _words(name: str) -> set[str]:
    return set(re.findall(r"[a-z]+", name.lower())) - {"city", "of", "the", "and", "county", "council"}


def same_name(a: str, b: str) -> bool:
    """Names that differ only in word order, punctuation or 'City of' ('Bristol, City of' = 'City of Bristol')."""
    return _words(a) == _words(b)


# ----------------------------------------------------------------- areas (2021 boundaries)

def _read_areas(mirror: Path) -> dict[str, dict]:
    areas: dict[str, dict] = {}
    for r in opendata.rows(mirror, AREAS, ["area_code", "area_name", "area_type", "is_utla", "is_ltla",
                                        "parent_utla_code", "region_code", "region_name"]):
        code = r.text("area_code")
        if code in areas:
            raise r.fail("area_code", f"duplicate area_code '{code}' (first at row {areas[code]['line']})")
        kind = r.choice("area_type", set(AREA_TYPES))
        is_utla, is_ltla = r.boolean("is_utla"), r.boolean("is_ltla")
        expected = {"Country": r"E92\d{6}", "Region": r"E12\d{6}", "UTLA": r"E10\d{6}",
                    "LTLA": r"E0[6-9]\d{6}"}[kind]
        if not re.fullmatch(expected, code):
            raise r.fail("area_code", f"'{code}' is not the code of a {kind}")
        if (is_ltla, is_utla) != (kind == "LTLA", kind == "UTLA" or (kind == "LTLA" and not code.startswith("E07"))):
            raise r.fail("is_utla", f"is_utla {is_utla} and is_ltla {is_ltla} do not fit a {kind} coded {code}")
        parent = r.text("parent_utla_code", required=code.startswith("E07"))
        if parent is not None and not code.startswith("E07"):
            raise r.fail("parent_utla_code", "only a district (E07) has a parent county")
        region = r.text("region_code", required=kind in ("UTLA", "LTLA"))
        if region is not None and kind in ("Country", "Region"):
            raise r.fail("region_code", f"a {kind} has no region")
        areas[code] = dict(name=r.text("area_name"), kind=kind, is_utla=is_utla, parent=parent, region=region,
                           region_name=r.text("region_name", required=region is not None), line=r.line)
    _check_area_parents(areas)
    return areas


def _check_area_parents(areas: dict[str, dict]) -> None:
    """Every district's county and every authority's region is a row of the file, with the same name."""
    for code, a in areas.items():
        if a["parent"] is not None and areas.get(a["parent"], {}).get("kind") != "UTLA":
            raise ValidationError(AREAS, a["line"], "parent_utla_code", f"'{a['parent']}' is not a county in this file")
        if a["region"] is not None:
            region = areas.get(a["region"], {})
            if region.get("kind") != "Region":
                raise ValidationError(AREAS, a["line"], "region_code", f"'{a['region']}' is not a region in this file")
            if region["name"] != a["region_name"]:
                raise ValidationError(AREAS, a["line"], "region_name", f"'{a['region_name']}' but row "
                                      f"{region['line']} names {a['region']} '{region['name']}'")
        if a["parent"] is not None and areas[a["parent"]]["region"] != a["region"]:
            raise ValidationError(AREAS, a["line"], "region_code", f"not the region of its county {a['parent']}")
    if sum(a["kind"] == "Country" for a in areas.values()) != 1 or ENGLAND not in areas:
        raise ValidationError(AREAS, None, "area_type", f"the file must have one Country row, {ENGLAND}")


def _new_areas(areas: dict[str, dict], ctx: Context) -> list[dict]:
    """Area rows, in load_census's shape, for the 2021 areas not already known; known names must agree."""
    rows = []
    for code, a in areas.items():
        if code in ctx.areas:
            known = ctx.area_names.get(code)
            if known is not None and not same_name(known, a["name"]):
                raise ValidationError(AREAS, a["line"], "area_name", f"'{a['name']}' but {code} is already '{known}'")
            continue
        area_type = AREA_TYPES[a["kind"]]
        kind = KINDS[code[:3]] if area_type == "Local authority" else a["kind"]
        note = f"{kind}; ONS Health Index area, 2021 boundaries"
        if code in ABOLISHED_2023 or a["parent"] in ABOLISHED_2023:
            note += "; abolished in April 2023"
        parent = a["parent"] or a["region"] or (ENGLAND if a["kind"] == "Region" else None)
        rows.append(dict(area_code=code, area_name=a["name"], area_type=area_type, parent_code=parent,
                         sort_order=None, note=note, source_ref=f"{AREAS}:{a['line']}"))
    order = {"Country": 0, "Region": 1, "UTLA": 2, "LTLA": 3}
    rows.sort(key=lambda row: (order[areas[row["area_code"]]["kind"]], row["area_code"].startswith("E07"),
                               row["area_code"]))
    for row in rows:
        ctx.areas.add(row["area_code"])
        ctx.area_names[row["area_code"]], ctx.area_types[row["area_code"]] = row["area_name"], row["area_type"]
    return rows


# ----------------------------------------------------------------- indicators

def _read_metadata(mirror: Path) -> dict[str, dict]:
    """The ONS indicator table, keyed by indicator_id as written in the scores file ('1' to '56')."""
    meta: dict[str, dict] = {}
    names: dict[str, int] = {}
    weights: dict[str, float] = {}
    for r in opendata.rows(mirror, METADATA, ["indicator_id", "indicator", "domain", "subdomain", "unit", "polarity",
                                           "type_of_year", "n_components", "components", "combination_method",
                                           "weight_in_subdomain", "data_source"]):
        number = r.integer("indicator_id", required=True)
        if number < 1 or str(number) in meta:
            raise r.fail("indicator_id", f"{number} is not a new indicator number from 1")
        name = r.text("indicator")
        if slug(name) in names:
            raise r.fail("indicator", f"'{name}' gives the same indicator_id as row {names[slug(name)]}")
        names[slug(name)] = r.line
        n = r.integer("n_components", required=True)
        components = [c.strip() for c in (r.text("components", required=n > 1) or "").split("|") if c.strip()]
        if n < 1 or (n > 1 and len(components) != n):
            raise r.fail("n_components", f"{n} components but {len(components)} listed in 'components'")
        weight = r.number("weight_in_subdomain", required=True)
        if not 0 < weight <= 1:
            raise r.fail("weight_in_subdomain", f"{weight:g} is not a weight between 0 and 1")
        subdomain = r.text("subdomain")
        weights[subdomain] = weights.get(subdomain, 0.0) + weight
        meta[str(number)] = dict(
            number=number, name=name, domain=r.choice("domain", set(DOMAINS)), subdomain=subdomain,
            unit=r.text("unit"), polarity=ONS_POLARITY[r.choice("polarity", set(ONS_POLARITY))],
            type_of_year=r.text("type_of_year"), components=components,
            method=r.text("combination_method"), source=r.text("data_source"), line=r.line)
    for subdomain, total in weights.items():
        if abs(total - 1) > 1e-6:
            raise ValidationError(METADATA, None, "weight_in_subdomain",
                                  f"weights of subdomain '{subdomain}' add up to {total:g}, not 1")
    domains = {}
    for m in meta.values():
        if domains.setdefault(m["subdomain"], m["domain"]) != m["domain"]:
            raise ValidationError(METADATA, m["line"], "domain", f"subdomain '{m['subdomain']}' is in domain "
                                  f"{domains[m['subdomain']]} on an earlier row")
    return meta


#: the two groups the Health Index's 74 measures are shown in beside the ambitions
TOPICS = ("ONS Health Index: overall, domains and subdomains", "ONS Health Index: indicators")


def _indicator(iid: str, name: str, definition: str, source_url: str | None, ref: str) -> dict:
    return dict(indicator_id=iid, name=name, definition=definition, unit=UNIT, value_type="other", multiplier=None,
                polarity="high_is_good", source=SOURCE, source_url=source_url, fingertips_id=None, source_ref=ref,
                topic=TOPICS[iid.startswith("hi_ind_")])


def _indicators(meta: dict[str, dict], ctx: Context) -> tuple[list[dict], dict[str, str], dict[str, str]]:
    """The 18 score measures and the 56 indicator scores as indicator rows, registered in ctx.indicators.

    Returns the rows, measure name -> indicator_id (scores file) and ONS number -> indicator_id.
    """
    url = ctx.sources.get(SOURCE_ID, {}).get("url")
    subdomains: dict[str, list[dict]] = {}
    for m in meta.values():
        subdomains.setdefault(m["subdomain"], []).append(m)
    domains = {d: [s for s, ms in subdomains.items() if ms[0]["domain"] == d] for d in DOMAINS}
    ref = f"{METADATA}:1"
    rows = [_indicator("hi_overall", "Health Index: overall score",
                       f"ONS Health Index overall score, combining the domains {', '.join(DOMAINS)}. {READING}",
                       url, ref)]
    measures = {OVERALL: "hi_overall"}
    for domain, subs in domains.items():
        measures[domain] = f"hi_{slug(domain)}"
        rows.append(_indicator(measures[domain], f"Health Index: {domain} (domain)",
                               f"ONS Health Index domain score for {domain}, combining the subdomains "
                               f"{', '.join(subs)}. {READING}", url, ref))
    for subdomain, ms in subdomains.items():
        measures[subdomain] = f"hi_{slug(subdomain)}"
        rows.append(_indicator(measures[subdomain], f"Health Index: {subdomain} (subdomain)",
                               f"ONS Health Index subdomain score for {subdomain} ({ms[0]['domain']} domain), "
                               f"combining the indicators {', '.join(m['name'] for m in ms)}. {READING}",
                               url, f"{METADATA}:{ms[0]['line']}"))
    numbers = {}
    for number, m in meta.items():
        numbers[number] = f"hi_ind_{slug(m['name'])}"
        made_of = (f" Combines {len(m['components'])} components ({'; '.join(m['components'])}): {m['method']}."
                   if m["components"] else "")
        rows.append(_indicator(
            numbers[number], f"Health Index indicator score: {m['name']}",
            f"ONS Health Index indicator score for {m['name']} ({m['subdomain']} subdomain, {m['domain']} domain). "
            f"At indicator level 10 points = 1 standard deviation of the 2015 LTLA distribution. "
            f"Underlying ONS measure: {m['unit']}, where {m['polarity']} (ONS indicator {number}; "
            f"year type: {m['type_of_year']}).{made_of} Data source: {m['source']}. {READING}",
            url, f"{METADATA}:{m['line']}"))
    for row in rows:
        iid = row["indicator_id"]
        if not re.fullmatch(r"[a-z0-9_]+", iid) or iid in ctx.indicators:
            raise ValidationError(METADATA, None, "indicator", f"'{iid}' is not a new indicator_id")
        ctx.indicators[iid] = row
    return rows, measures, numbers


# ----------------------------------------------------------------- scores

def _template(year: int) -> dict:
    """The parts of an indicator_value row that one year's scores share (built once per year, for speed)."""
    period = parse_period(str(year))
    return dict(
        indicator_id=None, area_code=None, period=period.period, period_label=period.label,
        period_start=period.start, period_end=period.end, sex="Persons", age="All ages", category_type="",
        category="", value=None, lci95=None, uci95=None, lci998=None, uci998=None, count=None, denominator=None,
        value_text=None, value_note=None, published_comparison=None, published_trend=None, date_of_data=PUBLISHED,
        source_id=SOURCE_ID, source_ref=None, is_preferred=True, is_synthetic=False, is_suppressed=False,
        _file=None, _line=None)


#: year as written in the files -> its row template
YEARS = {str(year): _template(year) for year in range(2015, 2022)}


def _value(iid: str, code: str, year: str, score: float, file: str, line: int) -> dict:
    return dict(YEARS[year], indicator_id=iid, area_code=code, value=score, source_ref=f"{file}:{line}",
                _file=file, _line=line)


def _year_and_score(r: Row) -> tuple[str, float]:
    year = r.text("year")
    if year not in YEARS:
        r.integer("year")  # says so if it is not a whole number
        raise r.fail("year", f"'{year}' is not a year from 2015 to 2021")
    return year, r.number("index_score", required=True)  # number() refuses text, NaN and infinity


def _read_scores(mirror: Path, areas: dict[str, dict], measures: dict[str, str],
                 levels: dict[str, str]) -> list[dict]:
    rows, seen = [], {}
    for r in opendata.rows(mirror, SCORES, ["area_code", "year", "level", "measure", "index_score"]):
        code = r.code("area_code", areas, "Health Index area")
        level = r.choice("level", LEVELS)
        measure = r.choice("measure", measures)
        if levels[measure] != level:
            raise r.fail("level", f"'{measure}' has level '{levels[measure]}', not '{level}'")
        year, score = _year_and_score(r)
        key = (code, year, measure)
        if key in seen:
            raise r.fail("measure", f"duplicate key (area_code, year, measure), first given at row {seen[key]}")
        seen[key] = r.line
        rows.append(_value(measures[measure], code, year, score, SCORES, r.line))
    return rows


def _read_indicator_scores(mirror: Path, areas: dict[str, dict], numbers: dict[str, str]) -> list[dict]:
    rows, seen = [], {}
    for r in opendata.rows(mirror, INDICATOR_SCORES, ["area_code", "year", "indicator_id", "index_score"]):
        code = r.code("area_code", areas, "Health Index area")
        number = r.code("indicator_id", numbers, "Health Index indicator")
        year, score = _year_and_score(r)
        key = (code, year, number)
        if key in seen:
            raise r.fail("indicator_id",
                         f"duplicate key (area_code, year, indicator_id), first given at row {seen[key]}")
        seen[key] = r.line
        rows.append(_value(numbers[number], code, year, score, INDICATOR_SCORES, r.line))
    return rows


def load(mirror: Path, ctx: Context) -> dict[str, list[dict]]:
    """Health Index scores for every English area and year, with their indicators and the 2021-only areas."""
    areas = _read_areas(mirror)
    meta = _read_metadata(mirror)
    indicators, measures, numbers = _indicators(meta, ctx)
    levels = {OVERALL: "overall", **{d: "domain" for d in DOMAINS},
              **{m["subdomain"]: "subdomain" for m in meta.values()}}
    new_areas = _new_areas(areas, ctx)
    values = _read_scores(mirror, areas, measures, levels) + _read_indicator_scores(mirror, areas, numbers)
    return {"indicator": indicators, "area": new_areas, "indicator_value": values}
