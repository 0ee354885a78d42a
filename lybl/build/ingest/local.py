"""Loaders for the committed extracts in data/: reference tables and seed transcriptions.

Each loader reads one file, checks every cell (lybl.build.ingest.rows) and returns rows for
one or more tables of lybl/build/schema.sql. Nothing is written here: the build collects
all rows, validates them across files, then writes the database in one go.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from lybl.errors import ValidationError
from lybl.build.ingest.rows import Row, read_rows
from lybl.periods import Period, parse_period
from lybl.ics import ics

AREA_TYPES = {"England", "Region", "ICB", "Place", "Community", "Locality", "LAP",
              "Ward", "LSOA", "Local authority", "NHS trust"}
VALUE_TYPES = {"proportion", "crude rate", "directly standardised rate", "count", "mean",
               "life expectancy", "other"}
POLARITIES = {"high_is_good", "low_is_good", "no_judgement"}
GOOD_IS = {"High": "high_is_good", "Low": "low_is_good", "-": "no_judgement"}
OWNER_NOT_AGREED = "not yet agreed"
ENGLAND = ics().england.code
COMPARATOR_PREFIX = "national average"


class Context:
    """What earlier files established: known codes, used to check later files."""

    def __init__(self):
        self.sources: dict[str, dict] = {}
        self.areas: set[str] = set()
        self.indicators: dict[str, dict] = {}
        self.ambitions: dict[int, dict] = {}
        self.area_names: dict[str, str] = {}
        self.area_types: dict[str, str] = {}
        self.parents: dict[str, str | None] = {}
        #: what a loader left out on purpose, for the build report ("skipped ...")
        self.skipped: list[str] = []


# ----------------------------------------------------------------- reference tables

def load_sources(path: Path, ctx: Context) -> dict[str, list[dict]]:
    rows = []
    for r in read_rows(path, ["source_id", "title", "publisher", "published", "file",
                              "licence", "provenance", "is_synthetic"]):
        sid = r.text("source_id")
        if sid in ctx.sources:
            raise r.fail("source_id", f"duplicate source_id '{sid}'")
        row = dict(source_id=sid, title=r.text("title"), publisher=r.text("publisher", False),
                   published=r.iso_date("published"), file=r.text("file"),
                   licence=r.text("licence", False), provenance=r.text("provenance", False),
                   is_synthetic=r.boolean("is_synthetic"), url=r.text("url", False))
        ctx.sources[sid] = row
        rows.append(row)
    return {"source_document": rows}


def load_areas(path: Path, ctx: Context) -> dict[str, list[dict]]:
    rows = []
    for r in read_rows(path, ["area_code", "area_name", "area_type", "parent_code",
                              "sort_order", "note", "source_ref"]):
        code = r.text("area_code")
        if code in ctx.areas:
            raise r.fail("area_code", f"duplicate area_code '{code}'")
        parent = r.code("parent_code", ctx.areas, "parent area", required=False)
        rows.append(dict(area_code=code, area_name=r.text("area_name"),
                         area_type=r.choice("area_type", AREA_TYPES), parent_code=parent,
                         sort_order=r.integer("sort_order"), note=r.text("note", False),
                         source_ref=r.text("source_ref")))
        ctx.areas.add(code)
        ctx.area_names[code], ctx.area_types[code] = rows[-1]["area_name"], rows[-1]["area_type"]
        ctx.parents[code] = parent
    return {"area": rows}


def load_indicators(path: Path, ctx: Context) -> dict[str, list[dict]]:
    rows = []
    for r in read_rows(path, ["indicator_id", "name", "definition", "unit", "value_type",
                              "multiplier", "polarity", "source", "source_url",
                              "fingertips_id", "source_ref"]):
        iid = r.text("indicator_id")
        if not re.fullmatch(r"[a-z0-9_]+", iid):
            raise r.fail("indicator_id", f"'{iid}' must be lower-case letters, digits and _")
        if iid in ctx.indicators:
            raise r.fail("indicator_id", f"duplicate indicator_id '{iid}'")
        multiplier = r.number("multiplier")
        if multiplier is not None and multiplier <= 0:
            raise r.fail("multiplier", "must be positive")
        row = dict(indicator_id=iid, name=r.text("name"), definition=r.text("definition", False),
                   unit=r.text("unit", False), value_type=r.choice("value_type", VALUE_TYPES),
                   multiplier=multiplier, polarity=r.choice("polarity", POLARITIES),
                   source=r.text("source", False), source_url=r.text("source_url", False),
                   fingertips_id=r.integer("fingertips_id"), source_ref=r.text("source_ref"),
                   topic=r.text("topic", False))
        ctx.indicators[iid] = row
        rows.append(row)
    return {"indicator": rows}


# ----------------------------------------------------------------- helpers for values

def value_row(r: Row, ctx: Context, *, indicator_col: str, area: str, period: Period,
              value: float | None, value_text: str | None, source_id: str, **extra) -> dict:
    """An indicator_value row with the defaults of a seed figure (no interval, no count)."""
    iid = r.code(indicator_col, ctx.indicators, "indicator")
    row = dict(indicator_id=iid, area_code=area, period=period.period, period_label=period.label,
               period_start=period.start, period_end=period.end, sex="Persons", age="All ages",
               category_type="", category="", value=value, lci95=None, uci95=None, lci998=None,
               uci998=None, count=None, denominator=None, value_text=value_text, value_note=None,
               published_comparison=None, published_trend=None, date_of_data=None,
               source_id=source_id, source_ref=r.text("source_ref"), is_preferred=True,
               is_synthetic=ctx.sources[source_id]["is_synthetic"], _file=r.file, _line=r.line)
    row.update(extra)
    return row


def _join_notes(*notes) -> str | None:
    kept = [n for n in notes if n]
    return "; ".join(kept) or None


def _check_ref(r: Row, prefix: str) -> None:
    ref = r.text("source_ref")
    if not re.fullmatch(re.escape(prefix) + r"_[0-9a-f]+\.txt:\d+(;\d+)*", ref):
        raise r.fail("source_ref", f"'{ref}' is not '{prefix}_<id>.txt:LINE'")


# ----------------------------------------------------------------- seed 001

def load_seed001_ambitions(path: Path, ctx: Context) -> dict[str, list[dict]]:
    rows = []
    for r in read_rows(path, ["ambition_number", "name", "description", "source_ref"]):
        _check_ref(r, "001")
        number = r.integer("ambition_number", required=True)
        if not 1 <= number <= 10 or number in ctx.ambitions:
            raise r.fail("ambition_number", f"{number} is not a new ambition number from 1 to 10")
        row = dict(ambition_id=number, name=r.text("name"), description=r.text("description", False),
                   framework_name=None, owner=OWNER_NOT_AGREED, source_ref=r.text("source_ref"))
        ctx.ambitions[number] = row
        rows.append(row)
    if len(ctx.ambitions) != 10:
        raise r.fail("ambition_number", f"the strategy has ten ambitions; this file gives {len(ctx.ambitions)}")
    return {"ambition": rows}


def load_seed001_factsheets(path: Path, ctx: Context) -> dict[str, list[dict]]:
    """Factsheet figures into indicator_value, and each line's place on the factsheet (factsheet_line)."""
    rows, lines = [], []
    date_of_data = date(2022, 8, 1)  # "latest district level data available in August 2022" (001:387)
    for r in read_rows(path, ["area_code", "section", "indicator_id", "statement", "value_text",
                              "period_label", "published_comparison", "value_note", "source_ref"]):
        _check_ref(r, "001")
        figure = r.figure("value_text")
        if figure.value is None:
            raise r.fail("value_text", "a factsheet row must carry a figure")
        rows.append(value_row(
            r, ctx, indicator_col="indicator_id", area=r.code("area_code", ctx.areas, "area"),
            period=r.period("period_label"), value=figure.value, value_text=r.text("value_text"),
            source_id="seed001", value_note=_join_notes(figure.note, r.text("value_note", False)),
            published_comparison=r.text("published_comparison", False), date_of_data=date_of_data,
        ))
        lines.append(dict(area_code=rows[-1]["area_code"], section=r.choice("section", {"Start Well", "Live Well", "Age Well"}),
                          sort_order=len(lines) + 1, indicator_id=rows[-1]["indicator_id"],
                          statement=r.text("statement"), period_label=r.text("period_label"),
                          source_ref=r.text("source_ref")))
    return {"indicator_value": rows, "factsheet_line": lines}


# ----------------------------------------------------------------- seed 000

def load_seed000_framework(path: Path, ctx: Context, links: dict[str, str]) -> dict[str, list[dict]]:
    outcomes, metrics = [], []
    counters: dict[tuple[int, str], int] = {}
    for r in read_rows(path, ["ambition_number", "ambition", "kind", "text", "source_ref"]):
        _check_ref(r, "000")
        number = r.integer("ambition_number", required=True)
        if number not in ctx.ambitions:
            raise r.fail("ambition_number", f"{number} is not one of the ten ambitions")
        ctx.ambitions[number]["framework_name"] = r.text("ambition")
        kind = r.choice("kind", {"outcome", "metric"})
        n = counters[(number, kind)] = counters.get((number, kind), 0) + 1
        ref = r.text("source_ref")
        if kind == "outcome":
            outcomes.append(dict(outcome_id=f"A{number:02d}-O{n:02d}", ambition_id=number,
                                 name=r.text("text"), source_ref=ref))
        else:
            metrics.append(dict(metric_id=f"A{number:02d}-M{n:02d}", ambition_id=number, outcome_id=None,
                                name=r.text("text"), indicator_id=links.get(ref), owner=OWNER_NOT_AGREED,
                                owner_source_ref="000_00ee24dada893829.txt:67",
                                framework="ICP outcomes framework (seed 000)", good_is=None,
                                last_update=None, note=None, source_ref=ref))
    return {"outcome": outcomes, "metric": metrics}


def load_metric_links(path: Path, ctx: Context) -> dict[str, str]:
    links = {}
    for r in read_rows(path, ["metric_source_ref", "indicator_id", "basis"]):
        links[r.text("metric_source_ref")] = r.code("indicator_id", ctx.indicators, "indicator")
        r.text("basis")
    return links


# ----------------------------------------------------------------- seed 003

def _scorecard_values(r: Row, ctx: Context, area: str, last_update: date | None) -> list[dict]:
    """Current and previous figures of one scorecard row, by the transcription rules:
    a 'National average ...' in the Previous column is an England comparator."""
    out = []
    current = r.figure("current_value_text")
    if current.value is None:
        return out
    cur_period = r.period("current_period_label", context=last_update)
    date_of_data = last_update or ctx.sources["seed003"]["published"]
    out.append(value_row(r, ctx, indicator_col="indicator_id", area=area, period=cur_period,
                         value=current.value, value_text=r.text("current_value_text"),
                         source_id="seed003", value_note=current.note, date_of_data=date_of_data,
                         published_trend=r.text("trend_glyph", False)))
    prev_label = r.text("previous_period_label", False)
    previous = r.figure("previous_value_text")
    if prev_label is None or previous.value is None:
        return out
    if prev_label.lower().startswith(COMPARATOR_PREFIX):
        period_text = prev_label[len(COMPARATOR_PREFIX):].strip()
        try:
            period = parse_period(period_text)
        except ValueError as e:
            raise r.fail("previous_period_label", str(e)) from None
        out.append(value_row(r, ctx, indicator_col="indicator_id", area=ENGLAND,
                             period=Period(prev_label, period.start, period.end),
                             value=previous.value, value_text=r.text("previous_value_text"),
                             source_id="seed003", date_of_data=date_of_data,
                             value_note=_join_notes("Printed in the 'Previous' column as a national "
                                                    "comparator, not an earlier value", previous.note)))
        return out
    context = cur_period.start or cur_period.end
    out.append(value_row(r, ctx, indicator_col="indicator_id", area=area,
                         period=r.period("previous_period_label", context=context),
                         value=previous.value, value_text=r.text("previous_value_text"),
                         source_id="seed003", value_note=previous.note, date_of_data=date_of_data))
    return out


def load_seed003_lybl(path: Path, ctx: Context) -> dict[str, list[dict]]:
    metrics: dict[str, dict] = {}
    values = []
    for r in read_rows(path, ["row_id", "ambition", "metric", "indicator_id", "responsible_programme",
                              "good_is", "last_update", "area_code", "current_period_label",
                              "current_value_text", "trend_glyph", "previous_period_label",
                              "previous_value_text", "note", "source_ref"]):
        _check_ref(r, "003")
        m = re.match(r"(\d+)\.", r.text("ambition"))
        if not m or int(m.group(1)) not in ctx.ambitions:
            raise r.fail("ambition", "must start with the ambition's number, e.g. '1. Best Start in Life'")
        name = r.text("metric")
        good_is = r.choice("good_is", GOOD_IS)
        iid = r.code("indicator_id", ctx.indicators, "indicator", required=False)
        if iid and ctx.indicators[iid]["polarity"] != GOOD_IS[good_is]:
            raise r.fail("good_is", f"'{good_is}' disagrees with indicator {iid}'s polarity")
        area = r.code("area_code", ctx.areas, "area")
        last_update = r.month("last_update")
        if name not in metrics:
            metrics[name] = dict(metric_id=f"S{len(metrics) + 1:02d}", ambition_id=int(m.group(1)),
                                 outcome_id=None, name=name, indicator_id=iid,
                                 owner=r.text("responsible_programme"), owner_source_ref=r.text("source_ref"),
                                 framework="LYBL outcome scorecard (seed 003)", good_is=good_is,
                                 last_update=r.text("last_update", False), note=None,
                                 source_ref=r.text("source_ref"))
        if iid:
            values += _scorecard_values(r, ctx, area, last_update)
    return {"metric": list(metrics.values()), "indicator_value": values}


INTERVENTIONS = ["Digital and data", "Supporting and recovering independence",
                 "Access to primary care services", "Children and young people", "End of life"]


def load_seed003_mii(path: Path, ctx: Context) -> dict[str, list[dict]]:
    interventions: dict[str, dict] = {}
    measures, values, targets = [], [], []
    for r in read_rows(path, ["row_id", "intervention", "metric", "indicator_id", "good_is",
                              "target_text", "last_update", "area_code", "current_period_label",
                              "current_value_text", "trend_glyph", "previous_period_label",
                              "previous_value_text", "note", "source_ref"]):
        _check_ref(r, "003")
        name = r.choice("intervention", set(INTERVENTIONS))
        if name not in interventions:
            interventions[name] = dict(intervention_id=f"MII{INTERVENTIONS.index(name) + 1}", name=name,
                                       sort_order=INTERVENTIONS.index(name) + 1, source_ref=r.text("source_ref"))
        iid = r.code("indicator_id", ctx.indicators, "indicator", required=False)
        area = r.code("area_code", ctx.areas, "area")
        good_is = r.choice("good_is", GOOD_IS, required=False)
        last_update = r.month("last_update")
        target = r.figure("target_text")
        measures.append(dict(measure_id=r.text("row_id"), intervention_id=interventions[name]["intervention_id"],
                             name=r.text("metric"), indicator_id=iid, good_is=good_is,
                             target_text=r.text("target_text", False), last_update=r.text("last_update", False),
                             note=r.text("note", False), source_ref=r.text("source_ref")))
        if iid:
            values += _scorecard_values(r, ctx, area, last_update)
            if target.value is not None:
                targets.append(dict(indicator_id=iid, area_code=area, period=None, target=target.value,
                                    target_text=r.text("target_text"), source_ref=r.text("source_ref")))
        elif target.value is not None:
            raise r.fail("indicator_id", "a measure with a target needs an indicator_id")
    return {"intervention": list(interventions.values()), "intervention_measure": measures,
            "indicator_value": values, "target": targets}


# ----------------------------------------------------------------- seeds 002 and 004

def load_seed004_objectives(path: Path, ctx: Context) -> dict[str, list[dict]]:
    rows = []
    for r in read_rows(path, ["ref", "strategic_objective", "objective", "smart_measure", "ics_priority",
                              "supporting_programmes", "lead", "partners", "source_ref"]):
        _check_ref(r, "004")
        ref = r.text("ref")
        if not re.fullmatch(r"\d+\.\d+", ref):
            raise r.fail("ref", f"'{ref}' is not a reference such as 1.1")
        rows.append(dict(ref=ref, strategic_objective=r.text("strategic_objective"),
                         objective=r.text("objective"), smart_measure=r.text("smart_measure", False),
                         ics_priority=r.text("ics_priority", False),
                         supporting_programmes=r.text("supporting_programmes", False),
                         lead=r.text("lead", False), partners=r.text("partners", False),
                         system_name="Mid-Nottinghamshire ICP (another system's example)",
                         period_label="2020/21", source_ref=r.text("source_ref")))
    return {"objective": rows}


def _ambition_by_name(name: str, ctx: Context) -> int | None:
    key = re.sub(r"[^a-z]", "", name.lower())
    for number, a in ctx.ambitions.items():
        for candidate in (a["name"], a.get("framework_name") or ""):
            c = re.sub(r"[^a-z]", "", candidate.lower())
            if c and (c == key or c.startswith(key) or key.startswith(c)):
                return number
    return None


def load_seed002_golden_thread(path: Path, ctx: Context) -> dict[str, list[dict]]:
    rows = []
    for r in read_rows(path, ["row_id", "population_outcome", "icp_ambition", "programme_outcome",
                              "lead_kpi", "operational_kpi", "i_statement", "note", "source_ref"]):
        _check_ref(r, "002")
        ambition = r.text("icp_ambition")
        number = _ambition_by_name(ambition, ctx)
        if number is None:
            raise r.fail("icp_ambition", f"'{ambition}' matches none of the ten ambitions")
        rows.append(dict(row_id=r.text("row_id"), programme="iCAN",
                         population_outcome=r.choice("population_outcome",
                                                     {"Start Well", "Stay Well", "Live Well", "Age Well"}),
                         icp_ambition=ambition, ambition_id=number,
                         programme_outcome=r.text("programme_outcome", False), lead_kpi=r.text("lead_kpi", False),
                         operational_kpi=r.text("operational_kpi", False),
                         i_statement=r.text("i_statement", False), note=r.text("note", False),
                         source_ref=r.text("source_ref")))
    return {"golden_thread": rows}


BCF_AREA = ics().bcf_place  # the Health and Wellbeing Board whose Better Care Fund report is loaded
BCF_REPORTED = date(2022, 7, 5)  # the meeting whose minutes give the figures (002:103)


def load_seed002_bcf(path: Path, ctx: Context) -> dict[str, list[dict]]:
    """Better Care Fund end-of-year performance 2021/22 (seed 002, minutes of 5 July 2022, item 37).

    One row per metric x figure, metrics in the minutes' order. Each printed actual becomes a North
    Northamptonshire figure (indicator_value), each printed plan a target for the same period; a
    metric the minutes name without a figure is kept in bcf_metric only.
    """
    metrics: dict[str, dict] = {}
    values, targets = [], []
    if BCF_AREA not in ctx.areas:
        raise ValidationError(path.name, None, None, f"area {BCF_AREA} must be in areas.csv")
    for r in read_rows(path, ["metric_id", "metric", "indicator_id", "figure", "period_label", "period",
                              "category_type", "category", "actual_text", "plan_text", "unit", "good_is",
                              "words", "note", "source_ref"]):
        _check_ref(r, "002")
        mid, name = r.text("metric_id"), r.text("metric")
        if not re.fullmatch(r"BCF\d+", mid):
            raise r.fail("metric_id", f"'{mid}' is not a metric id such as BCF1")
        iid = r.code("indicator_id", ctx.indicators, "indicator")
        indicator = ctx.indicators[iid]
        good_is = r.choice("good_is", {"High", "Low"})
        if indicator["polarity"] != GOOD_IS[good_is]:
            raise r.fail("good_is", f"'{good_is}' disagrees with indicator {iid}'s polarity")
        if r.text("unit") != indicator["unit"]:
            raise r.fail("unit", f"'{r.text('unit')}' is not indicator {iid}'s unit '{indicator['unit']}'")
        r.text("figure")
        words, note = r.text("words"), r.text("note", False)
        if mid not in metrics:
            metrics[mid] = dict(metric_id=mid, name=name, indicator_id=iid, sort_order=len(metrics) + 1,
                                good_is=good_is, words=words, note=note, source_ref=r.text("source_ref"))
        else:
            m = metrics[mid]
            if list(metrics)[-1] != mid:
                raise r.fail("metric_id", f"{mid} has rows apart: keep a metric's rows together, in the document's order")
            if (m["name"], m["indicator_id"]) != (name, iid):
                raise r.fail("metric", f"differs from the first row of {mid}")
            m["words"] = m["words"] if words in m["words"] else f"{m['words']} … {words}"
            m["note"] = _join_notes(m["note"], note)
        actual, plan = r.figure("actual_text"), r.figure("plan_text")
        if actual.value is None and plan.value is None:
            continue
        parsed = r.period("period")
        period = Period(r.text("period_label"), parsed.start, parsed.end)
        category_type, category = r.text("category_type", False), r.text("category", False)
        if (category_type is None) != (category is None):
            raise r.fail("category", "give both category_type and category, or neither")
        if actual.value is not None:
            values.append(value_row(r, ctx, indicator_col="indicator_id", area=BCF_AREA, period=period,
                                    value=actual.value, value_text=r.text("actual_text"), source_id="seed002",
                                    value_note=_join_notes(actual.note, note), date_of_data=BCF_REPORTED,
                                    category_type=category_type or "", category=category or ""))
        if plan.value is not None:
            if category_type:
                raise r.fail("plan_text", "a plan belongs to the metric itself, not to a category of it")
            targets.append(dict(indicator_id=iid, area_code=BCF_AREA, period=period.period, target=plan.value,
                                target_text=r.text("plan_text"), source_ref=r.text("source_ref")))
    return {"bcf_metric": list(metrics.values()), "indicator_value": values, "target": targets}


# ----------------------------------------------------------------- notes on series (breaks in a series)

def load_series_notes(path: Path, ctx: Context) -> dict[str, list[dict]]:
    """Documented break points of a series: where a page recalculates SPC limits, or explains a jump."""
    rows, seen = [], {}
    for r in read_rows(path, ["indicator_id", "area_code", "period_start", "recalculate_limits", "note",
                              "quote", "source_ref"]):
        iid = r.code("indicator_id", ctx.indicators, "indicator")
        area = r.code("area_code", ctx.areas, "area")
        start = r.iso_date("period_start", required=True)
        ref = r.text("source_ref")
        if not re.fullmatch(r"[^:;]+:\d+(;\d+)*", ref):
            raise r.fail("source_ref", f"'{ref}' is not 'FILE:LINE' (lines joined by ';')")
        r.text("quote")
        r.text("recalculate_limits")
        if (iid, area, start) in seen:
            raise r.fail("period_start", f"duplicate note for {iid} {area} {start}, first at row {seen[(iid, area, start)]}")
        seen[(iid, area, start)] = r.line
        rows.append(dict(indicator_id=iid, area_code=area, period_start=start,
                         recalculate_limits=r.boolean("recalculate_limits"), note=r.text("note"), source_ref=ref))
    return {"series_note": rows}


# ----------------------------------------------------------------- canonical values (values_*.csv)

VALUE_COLUMNS = ["indicator_id", "area_code", "period_label", "sex", "age", "category_type", "category",
                 "value", "lci95", "uci95", "lci998", "uci998", "count", "denominator", "value_note",
                 "published_comparison", "date_of_data", "source_id", "source_ref", "is_synthetic"]


def load_values(path: Path, ctx: Context) -> dict[str, list[dict]]:
    """A file already in the canonical (Fingertips-like) shape: one figure per row."""
    rows = []
    for r in read_rows(path, VALUE_COLUMNS):
        source_id = r.code("source_id", ctx.sources, "source")
        num = {c: r.number(c) for c in ["value", "lci95", "uci95", "lci998", "uci998", "count", "denominator"]}
        row = value_row(r, ctx, indicator_col="indicator_id", area=r.code("area_code", ctx.areas, "area"),
                        period=r.period("period_label"), value_text=None, source_id=source_id,
                        sex=r.text("sex", False) or "Persons", age=r.text("age", False) or "All ages",
                        category_type=r.text("category_type", False) or "",
                        category=r.text("category", False) or "",
                        value_note=r.text("value_note", False),
                        published_comparison=r.text("published_comparison", False),
                        date_of_data=r.iso_date("date_of_data"), **num)
        row["is_synthetic"] = r.boolean("is_synthetic") or ctx.sources[source_id]["is_synthetic"]
        rows.append(row)
    return {"indicator_value": rows}


# ----------------------------------------------------------------- indicator -> ambition

def load_indicator_ambition(path: Path, ctx: Context, metrics: list[dict]) -> dict[str, list[dict]]:
    """Links from documents (a metric of the ambition uses the indicator) and, where none, our
    editorial mapping (data/indicator_ambition.csv, each row stating its basis)."""
    links: dict[tuple[str, int], dict] = {}
    for m in metrics:
        if m["indicator_id"]:
            links.setdefault((m["indicator_id"], m["ambition_id"]), dict(
                indicator_id=m["indicator_id"], ambition_id=m["ambition_id"],
                basis=f"metric: '{m['name']}' ({m['source_ref']})"))
    linked = {i for i, _ in links}
    for r in read_rows(path, ["indicator_id", "ambition_id", "basis"]):
        iid = r.code("indicator_id", ctx.indicators, "indicator")
        ambition = r.integer("ambition_id", required=True)
        if ambition not in ctx.ambitions:
            raise r.fail("ambition_id", f"{ambition} is not one of the ten ambitions")
        basis = r.text("basis")
        if not basis.startswith("editorial:"):
            raise r.fail("basis", "must start with 'editorial:' (links stated by documents come from metrics)")
        if iid not in linked:
            links[(iid, ambition)] = dict(indicator_id=iid, ambition_id=ambition, basis=basis)
    return {"indicator_ambition": list(links.values())}
