"""OHID Fingertips "all data" CSV, exactly as Fingertips downloads it, for any profile and area type.

`python -m lybl load fingertips FILE.csv [--metadata META.csv]` (lybl.build.imports) keeps the rows of the areas
the dashboard knows (England, regions, every local authority, the ICB and its Places, wards, LSOAs) and
writes them to data/imports/ as Parquet; the build then reads them here, so an imported indicator appears
on /compare, /indicator and, with rows below the Places, /maps, with no code change.

- Indicators: ``fingertips_<Indicator ID>``, named from Fingertips' metadata CSV when one was given, else from
  the data file's "Indicator Name" (and its definition says so). Polarity from the metadata's "Polarity"
  ("RAG - High is good" ...); without it, inferred from Fingertips' own comparisons (a "Better" above
  England's value means high is good), else no judgement.
- Figures: value, 95% and 99.8% limits, count and denominator as published; Fingertips' comparison with
  England (its words) and its recent trend are kept beside ours (published_comparison, published_trend), so
  the Data page can say how often our recomputed comparisons agree with theirs.
"""
from __future__ import annotations

import re

from lybl.errors import ValidationError
from lybl.build.ingest.local import ENGLAND, Context
from lybl.build.ingest.rows import Row

SOURCE_ID = "fingertips"
#: every Fingertips "all data" CSV has these; the "Compared to ..." columns after them vary by profile
REQUIRED = ["Indicator ID", "Indicator Name", "Area Code", "Area Name", "Area Type", "Sex", "Age",
            "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit",
            "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator", "Value note", "Recent Trend",
            "Compared to England value or percentiles", "Time period Sortable"]
#: Fingertips' indicator metadata CSV (indicator_metadata/csv/...): the columns read when given
METADATA = ["Indicator ID", "Indicator", "Definition", "Unit", "Value type", "Polarity"]
POLARITY = {"rag - high is good": "high_is_good", "rag - low is good": "low_is_good",
            "bob - blue orange blue": "no_judgement", "not applicable": "no_judgement"}
VALUE_TYPE = {"proportion": "proportion", "crude rate": "crude rate",
              "directly age-standardised rate": "directly standardised rate",
              "directly standardised rate": "directly standardised rate", "count": "count", "mean": "mean",
              "life expectancy": "life expectancy"}
#: Fingertips' comparison words -> (ours at 95%, ours at 99.8%), for the agreement report
THEIR_WORDS = {"better 95%": "better", "worse 95%": "worse", "better 99.8%": "better (99.8%)",
               "worse 99.8%": "worse (99.8%)", "better": "better", "worse": "worse", "similar": "similar",
               "higher": "higher", "lower": "lower", "higher 95%": "higher", "lower 95%": "lower",
               "higher 99.8%": "higher (99.8%)", "lower 99.8%": "lower (99.8%)"}


def indicator_id(fingertips_id: int) -> str:
    return f"fingertips_{fingertips_id}"


def check_header(header: list[str], label: str) -> None:
    """A Fingertips all-data CSV: every REQUIRED column, in any order, and any number of "Compared to" ones."""
    for column in REQUIRED:
        if column not in header:
            raise ValidationError(label, 1, column, "column missing from the header row: not a Fingertips "
                                                    "\"all data\" CSV, or Fingertips changed its format")


def check_complete(r: Row, header: list[str]) -> None:
    """A row cut short (a truncated download) has fewer cells than the header."""
    missing = [c for c in header if r.cells.get(c) is None]
    if missing:
        raise r.fail(missing[0], f"the row stops before this column ({len(header) - len(missing)} cells where "
                                 f"the header has {len(header)}): is the file truncated?")


def read_metadata(rows, label: str) -> dict[int, dict]:
    out = {}
    for r in rows:
        fid = r.integer("Indicator ID", True)
        polarity = (r.text("Polarity", False) or "not applicable").lower()
        if polarity not in POLARITY:
            raise r.fail("Polarity", f"'{r.text('Polarity')}' is not one of Fingertips' polarities "
                                     f"({', '.join(sorted(POLARITY))})")
        out[fid] = dict(name=r.text("Indicator"), definition=r.text("Definition", False),
                        unit=r.text("Unit", False), value_type=(r.text("Value type", False) or "").lower(),
                        polarity=POLARITY[polarity], ref=f"{label}:{r.line}")
    return out


def _number(r: Row, column: str) -> float | None:
    raw = (r.cells.get(column) or "").strip()
    return None if raw == "" else r.number(column)


def figures(rows, label: str, file_name: str, ctx: Context, known_on=None) -> tuple[list[dict], dict[int, dict]]:
    """indicator_value rows of one imported file, and what each Fingertips indicator's rows say of it.

    ``known_on`` (the import's date) is each figure's date of data: the file carries none, and "What changed"
    needs to know since when a figure is known here."""
    values, seen = [], {}
    for r in rows:
        fid = r.integer("Indicator ID", True)
        area = r.code("Area Code", ctx.areas, "area")
        period = r.period("Time period")
        info = seen.setdefault(fid, dict(name=r.text("Indicator Name"), line=r.line, comparisons=[]))
        value = _number(r, "Value")
        their = (r.text("Compared to England value or percentiles", False) or "")
        if value is not None and area != ENGLAND:
            info["comparisons"].append((r.text("Sex"), r.text("Age"), period.period, area, value, their.lower()))
        values.append(dict(
            indicator_id=indicator_id(fid), area_code=area, period=period.period, period_label=period.label,
            period_start=period.start, period_end=period.end, sex=r.text("Sex"), age=r.text("Age"),
            category_type=r.text("Category Type", False) or "", category=r.text("Category", False) or "",
            value=value, lci95=_number(r, "Lower CI 95.0 limit"), uci95=_number(r, "Upper CI 95.0 limit"),
            lci998=_number(r, "Lower CI 99.8 limit"), uci998=_number(r, "Upper CI 99.8 limit"),
            count=_number(r, "Count"), denominator=_number(r, "Denominator"), value_text=None,
            value_note=r.text("Value note", False), published_comparison=their or None,
            published_trend=r.text("Recent Trend", False), date_of_data=known_on, source_id=SOURCE_ID,
            source_ref=f"{file_name}:{r.line}", is_preferred=True, is_synthetic=False, is_suppressed=False,
            _file=label, _line=r.line))
    return values, seen


def infer_polarity(comparisons: list[tuple], england: dict[tuple, float]) -> str | None:
    """high_is_good when Fingertips calls figures above England's "Better" (or below it "Worse"), and the
    reverse; None when its comparisons never judge (Higher / Lower / Similar only)."""
    votes = set()
    for sex, age, period, _, value, their in comparisons:
        ref = england.get((sex, age, period))
        if ref is None or value == ref or not their.startswith(("better", "worse")):
            continue
        votes.add("high_is_good" if (value > ref) == their.startswith("better") else "low_is_good")
    return votes.pop() if len(votes) == 1 else None


def indicators(seen: dict[int, dict], values: list[dict], metadata: dict[int, dict], file_name: str,
               url: str | None) -> list[dict]:
    """One indicator per Fingertips indicator of the file, from the metadata CSV or the file's own names."""
    rows = []
    for fid, info in sorted(seen.items()):
        iid = indicator_id(fid)
        england = {(v["sex"], v["age"], v["period"]): v["value"] for v in values
                   if v["indicator_id"] == iid and v["area_code"] == ENGLAND and not v["category_type"]}
        meta = metadata.get(fid)
        inferred = infer_polarity(info["comparisons"], england)
        if meta is not None:
            name, polarity, ref = meta["name"], meta["polarity"], meta["ref"]
            definition = ((meta["definition"] or name)
                          + f" (OHID Fingertips indicator {fid}; metadata from Fingertips' metadata file)")
            unit, value_type = meta["unit"], VALUE_TYPE.get(meta["value_type"], "other")
        else:
            name, polarity, ref = info["name"], inferred or "no_judgement", f"{file_name}:{info['line']}"
            how = ("polarity inferred from Fingertips' own comparisons with England" if inferred else
                   "no polarity known: compared as higher or lower")
            definition = (f"{name} (OHID Fingertips indicator {fid}). Metadata from the data file's names only "
                          f"(no Fingertips metadata file given): unit and value type unknown; {how}.")
            unit, value_type = _unit_from_name(name), "other"
        rows.append(dict(indicator_id=iid, name=name, definition=definition, unit=unit, value_type=value_type,
                         multiplier=None, polarity=polarity, source="OHID Fingertips (imported)", source_url=url,
                         fingertips_id=fid, source_ref=ref, topic="Fingertips, imported"))
    return rows


def _unit_from_name(name: str) -> str | None:
    """The unit a Fingertips indicator name states, where it states one ("per 100,000", a percentage)."""
    if match := re.search(r"per (\d[\d,]*)", name):
        return f"per {match.group(1)}"
    if re.search(r"\b(percentage|proportion|%)", name, re.I):
        return "%"
    return None


def agreement(published: str | None, ours_95: str | None, ours_998: str | None) -> bool | None:
    """Does our comparison with England say what Fingertips says? None when Fingertips did not compare."""
    theirs = THEIR_WORDS.get((published or "").strip().lower())
    if theirs is None or ours_95 is None:
        return None
    if theirs == "similar":  # at 95% or at 99.8%, whichever the profile uses
        return ours_95 == "similar" or (ours_998 or "").endswith("(95%)")
    if theirs.endswith("(99.8%)"):
        return ours_998 == theirs
    return ours_95 == theirs

