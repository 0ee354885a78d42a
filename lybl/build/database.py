"""The build: source files -> validated rows -> a new DuckDB file -> atomic swap.

Nothing is written until every row of every file has passed its checks; the new
database is written beside the old one and moved over it in one rename, so a
failed build leaves the previous database exactly as it was.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from lybl import config
from lybl.ics import ics
from lybl.build import boundaries, derive, geo, imports as imported, lap_profiles
from lybl.errors import ValidationError
from lybl.build.ingest import (fingertips_trends, health_index, imd, local, mirror as mirror_files, opendata,
                               qof_prevalence)
from lybl.build.ingest.local import Context

SCHEMA = Path(__file__).with_name("schema.sql")
DERIVED = Path(__file__).with_name("derived.sql")
MARTS = Path(__file__).with_name("marts")  # one file per mart, named after the query that reads it
#: England-wide comparators from the open data, each a module with SOURCE_ID, FILES and load(mirror, ctx)
COMPARATOR_LOADERS = (health_index, qof_prevalence, imd, fingertips_trends)
VALUE_KEY = ["indicator_id", "area_code", "period", "sex", "age", "category_type", "category"]

#: data/ files in load order: (file name, loader, required)
LOCAL_FILES: list[tuple[str, Callable, bool]] = [
    ("sources.csv", local.load_sources, True),
    ("areas.csv", local.load_areas, True),
    ("indicators.csv", local.load_indicators, True),
    ("series_notes.csv", local.load_series_notes, True),
    ("seed001_ambitions.csv", local.load_seed001_ambitions, True),
    ("seed000_framework.csv", None, True),          # needs the metric links: see _load_local
    ("seed001_factsheet_values.csv", local.load_seed001_factsheets, True),
    ("seed003_lybl_scorecard.csv", local.load_seed003_lybl, True),
    ("seed003_mii_scorecard.csv", local.load_seed003_mii, True),
    ("seed004_objectives.csv", local.load_seed004_objectives, True),
    ("seed002_golden_thread.csv", local.load_seed002_golden_thread, True),
    ("seed002_bcf.csv", local.load_seed002_bcf, True),
]


@dataclass
class BuildReport:
    db: Path
    loaded: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [f"loaded {d['file']}: {d['rows']} rows -> {d['table_name']}" for d in self.loaded]
        out += [f"skipped {s}" for s in self.skipped]
        out += [f"checked {c}" for c in self.checks]
        out.append("tables: " + ", ".join(f"{t} {n}" for t, n in self.tables.items()))
        out.append(f"built {self.db} in {self.seconds:.2f} s")
        return out


def _add(tables: dict[str, list[dict]], new: dict[str, list[dict]]) -> dict[str, int]:
    for name, rows in new.items():
        tables.setdefault(name, []).extend(rows)
    return {name: len(rows) for name, rows in new.items()}


def _record(report: BuildReport, file: str, counts: dict[str, int], ctx: Context, source_id: str | None):
    source = ctx.sources.get(source_id or "", {})
    for table, n in counts.items():
        report.loaded.append(dict(file=file, source_id=source_id, table_name=table, rows=n,
                                  licence=source.get("licence"), provenance=source.get("provenance")))


#: data/ files every ICS reads; the others transcribe the documents of the ICS whose config says documents = true
GENERIC_FILES = {"sources.csv", "areas.csv", "indicators.csv"}
#: area types of data/areas.csv that any ICS may use (the rest are the documents' ICS's own areas)
GENERIC_AREAS = {"England", "Region"}


def _ics_areas(ctx: Context, tables) -> None:
    """The configured ICS's areas (config/<LYBL_ICS>.toml). With its own documents, data/areas.csv lists them
    and they must agree; otherwise that file's other ICS's areas are dropped and the ICB and its Places are
    made from the configuration (their figures come from the England-wide open data)."""
    conf = ics()
    if conf.documents:
        for area in [conf.icb, *conf.places]:
            if area.code not in ctx.areas:
                raise ValidationError("data/areas.csv", None, "area_code",
                                      f"{area.code} ({area.name}) of config/{conf.key}.toml is not listed")
        return
    kept = [a for a in tables["area"] if a["area_type"] in GENERIC_AREAS]
    for dropped in {a["area_code"] for a in tables["area"]} - {a["area_code"] for a in kept}:
        ctx.areas.discard(dropped)
    made = [dict(area_code=conf.icb.code, area_name=conf.icb.name, area_type="ICB", parent_code=conf.region.code,
                 sort_order=3, note="From the configuration", source_ref=f"config/{conf.key}.toml")]
    made += [dict(area_code=p.code, area_name=p.name, area_type="Place", parent_code=conf.icb.code,
                  sort_order=4 + i, note="From the configuration", source_ref=f"config/{conf.key}.toml")
             for i, p in enumerate(conf.places)]
    for row in made:
        ctx.areas.add(row["area_code"])
        ctx.area_names[row["area_code"]], ctx.area_types[row["area_code"]] = row["area_name"], row["area_type"]
        ctx.parents[row["area_code"]] = row["parent_code"]
    tables["area"] = kept + made


def _load_local(data_dir: Path, ctx: Context, tables, report: BuildReport) -> None:
    documents = ics().documents
    for name, loader, required in LOCAL_FILES:
        path = data_dir / name
        if not documents and name not in GENERIC_FILES:
            report.skipped.append(f"data/{name} (config/{ics().key}.toml: documents = false)")
            continue
        if not path.exists():
            if required:
                raise ValidationError(f"data/{name}", None, None, "required file is missing")
            report.skipped.append(f"data/{name} (not present)")
            continue
        if name == "seed000_framework.csv":
            links = local.load_metric_links(data_dir / "metric_indicator_links.csv", ctx)
            counts = _add(tables, local.load_seed000_framework(path, ctx, links))
        else:
            counts = _add(tables, loader(path, ctx))
        source_id = name[:7] if name.startswith("seed") else "lybl"  # seed001_... came from source seed001
        _record(report, f"data/{name}", counts, ctx, source_id)
        if name == "areas.csv":
            _ics_areas(ctx, tables)
        if name == "sources.csv" and not documents:  # the documents are another ICS's: not this one's sources
            tables["source_document"] = [d for d in tables["source_document"] if not d["source_id"].startswith("seed")]
            for dropped in [sid for sid in ctx.sources if sid.startswith("seed")]:
                del ctx.sources[dropped]
    if not documents:
        return
    name = "indicator_ambition.csv"
    counts = _add(tables, local.load_indicator_ambition(data_dir / name, ctx, tables.get("metric", [])))
    _record(report, f"data/{name}", counts, ctx, "lybl")
    for path in sorted(data_dir.glob("values_*.csv")):
        counts = _add(tables, local.load_values(path, ctx))
        _record(report, f"data/{path.name}", counts, ctx, None)


def _load_open_data(mirror: Path | None, ctx: Context, tables, report: BuildReport) -> None:
    """Open data from ``mirror``: a folder of publisher files or of their extracts (data/extracts)."""
    if mirror is None:
        expected = mirror_files.expected_files() + [f for m in COMPARATOR_LOADERS for f in m.FILES]
        report.skipped += [f"{f} (built from data/ alone: no open data)" for f in expected]
        return
    if not mirror.is_dir():
        raise ValidationError(str(mirror), None, None, "open-data folder does not exist (the extracts are in "
                                                       "data/extracts; `python -m lybl extract` makes them)")
    steps = [([mirror_files.LSOA_LOOKUP], mirror_files.load_geography, "ons_geography"),
             ([mirror_files.CENSUS_LA], mirror_files.load_census, "census2021"),
             (list(mirror_files.CENSUS_LSOA.values()), mirror_files.load_census_lsoa, "census2021"),
             ([mirror_files.AE_MONTHLY], mirror_files.load_ae_monthly, "nhse_ae_monthly")]
    steps += [(m.FILES, m.load, m.SOURCE_ID) for m in COMPARATOR_LOADERS if m.FILES]
    own = {mirror_files.load_geography, mirror_files.load_census_lsoa, fingertips_trends.load}  # cut to one ICS
    for rels, loader, source_id in steps:
        if loader in own and not ics().small_areas:
            report.skipped += [f"{rel} (config/{ics().key}.toml: small_areas = false)" for rel in rels]
            continue
        missing = [rel for rel in rels if not opendata.exists(mirror, rel)]
        if missing or (loader is mirror_files.load_census_lsoa and "area" not in tables):
            report.skipped += [f"{rel} (not in {mirror})" for rel in missing or rels]
            continue
        counts = _add(tables, loader(mirror, ctx))
        if "census_lsoa" in counts:  # stored in indicator_value once summed to wards (lybl.build.derive)
            counts = {"indicator_value": counts.pop("census_lsoa")}
        read = [f"{_shown(mirror)}/{opendata.find(mirror, rel).relative_to(mirror)}" for rel in rels]
        _record(report, " + ".join(read), counts, ctx, source_id)


def _open_data_sources(open_dir: Path | None, data_dir: Path) -> list[dict]:
    """open_data_source rows: the extracts' manifest, or (publisher files) the catalogue it is made from."""
    from lybl.build.extract import CATALOGUE, read_catalogue, read_manifest
    if open_dir is None:
        return []
    listed = read_manifest(open_dir) or [dict(c) for rel, c in read_catalogue(data_dir / CATALOGUE).items()
                                         if opendata.exists(open_dir, rel)]
    rows = []
    for m in listed:
        row = {k: (v or None) for k, v in m.items()}
        for column in ("release_date", "next_release"):
            row[column] = datetime.fromisoformat(row[column]).date() if row.get(column) else None
        row["rows"] = int(row["rows"]) if row.get("rows") else None
        rows.append(row)
    return rows


def _load_imports(folder: Path | None, ctx: Context, tables, report: BuildReport) -> None:
    """Imported Fingertips files (lybl.build.imports), after the open data so that every area is known."""
    folder = Path(folder) if folder else None
    new = imported.load_all(folder, ctx, _shown(folder) if folder else "data/imports")
    if new["indicator_value"]:
        counts = _add(tables, new)
        files = " + ".join(f"{m['file']} (import {m['import']})" for m in imported.read_manifest(folder))
        _record(report, files, counts, ctx, "fingertips")


def _load_releases(folders: list[Path] | None | str, ctx: Context, tables, report: BuildReport) -> None:
    """Uploaded figures (lybl.build.releases), last: they revise the figures of every file before them."""
    from lybl.build import releases as released
    if folders == "default":
        folders = [r["folder"] for r in released.active()]
    for folder in folders or []:
        new = released.load(Path(folder), ctx, _shown)
        counts = _add(tables, new)
        counts.pop("source_document")
        _record(report, f"{_shown(Path(folder))}/values.csv", counts, ctx,
                new["source_document"][0]["source_id"])


# ----------------------------------------------------------------- cross-row checks

def _fail(row: dict, column: str | None, reason: str) -> ValidationError:
    return ValidationError(row.get("_file", "?"), row.get("_line"), column, reason)


def check_values(rows: list[dict]) -> None:
    """Intervals contain the value, counts fit their denominators, keys are unique."""
    seen: dict[tuple, dict] = {}
    for row in rows:
        value = row["value"]
        for lo, hi in (("lci95", "uci95"), ("lci998", "uci998")):
            lower, upper = row[lo], row[hi]
            if lower is not None and upper is not None and lower > upper:
                raise _fail(row, lo, f"lower limit {lower:g} is above the upper limit {upper:g}")
            if value is not None and lower is not None and lower > value:
                raise _fail(row, lo, f"lower limit {lower:g} is above the value {value:g}")
            if value is not None and upper is not None and upper < value:
                raise _fail(row, hi, f"upper limit {upper:g} is below the value {value:g}")
        count, denominator = row["count"], row["denominator"]
        if count is not None and count < 0:
            raise _fail(row, "count", f"count {count:g} is negative")
        if denominator is not None and denominator <= 0:
            raise _fail(row, "denominator", f"denominator {denominator:g} is not positive")
        if count is not None and denominator is not None and count > denominator:
            raise _fail(row, "count", f"count {count:g} is above the denominator {denominator:g}")
        key = tuple(row[k] for k in VALUE_KEY) + (row["source_id"],)
        if key in seen:
            first = seen[key]
            raise _fail(row, "indicator_id", "duplicate key (indicator, area, period, sex, age, category, source) "
                        f"first given at {first.get('_file')} row {first.get('_line')}")
        seen[key] = row


def mark_preferred(rows: list[dict], sources: dict[str, dict]) -> None:
    """Where sources disagree on one figure, the newer document is preferred."""
    best: dict[tuple, dict] = {}
    for row in rows:
        key = tuple(row[k] for k in VALUE_KEY)
        published = sources[row["source_id"]]["published"]
        rank = (published or datetime.min.date(), row["source_id"])
        row["_rank"] = rank
        if key not in best or rank > best[key]["_rank"]:
            best[key] = row
    for row in rows:
        key = tuple(row[k] for k in VALUE_KEY)
        row["is_preferred"] = best[key] is row


# ----------------------------------------------------------------- writing

def _frame(rows: list[dict] | pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    if isinstance(rows, pd.DataFrame):  # derived tables stay frames: no round trip through dicts
        return rows.reindex(columns=columns)  # DuckDB stores NaN and None as NULL
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns)


def _write(path: Path, tables: dict[str, list[dict]], report: BuildReport, info: dict,
           extra: Callable | None = None) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute(SCHEMA.read_text())
        for table, rows in tables.items():
            # Table names come from the loaders, columns from the schema: DuckDB's relational API
            # takes them as identifiers, so no SQL text is assembled here.
            columns = con.table(table).columns
            frame = _frame(rows, columns)
            if table == "indicator_value":  # stored sorted so that queries by indicator and period read little
                frame = frame.sort_values(["indicator_id", "period_end", "area_code"], kind="stable")
            con.from_df(frame).insert_into(table)
        if extra is not None:  # more rows before the derived tables and marts (lybl.build.synth)
            extra(con)
        con.execute(DERIVED.read_text())
        for mart in mart_files():
            con.execute(mart.read_text())
        con.executemany("insert into loaded_file values (?, ?, ?, ?, ?, ?, ?)",
                        [(d["file"], d["source_id"], d["table_name"], d["rows"], d.get("periods"),
                          d["licence"], d["provenance"]) for d in report.loaded])
        con.executemany("insert into build_info values (?, ?)", sorted(info.items()))
        report.tables = {t: con.table(t).shape[0] for t in tables}
        con.execute("checkpoint")
    finally:
        con.close()


def mart_files(folder: Path = MARTS) -> list[Path]:
    """The marts in the order they run: scopes.sql first, then each file after the marts it reads."""
    pending = {p.stem: p for p in sorted(folder.glob("*.sql")) if p.stem != "scopes"}
    order, done = [folder / "scopes.sql"], set()
    while pending:
        ready = [name for name, p in pending.items()
                 if set(re.findall(r"\bmart_(\w+)", p.read_text())) - {name} <= done]
        if not ready:
            raise ValidationError(str(folder), None, None, f"the marts {sorted(pending)} read each other in a circle")
        for name in ready:
            order.append(pending.pop(name))
            done.add(name)
    return order


def build(db: Path | None = None, data_dir: Path | None = None, open_data: Path | None | str = "default",
          imports: Path | None | str = "default", releases: list[Path] | None | str = "default",
          log: Callable[[str], None] = print, extra: Callable | None = None,
          extra_info: dict | None = None) -> BuildReport:
    """Build the database from data/ and the open data.

    ``open_data='default'`` reads the committed extracts (data/extracts, cut by `python -m lybl extract`);
    a folder of publisher files (../shared) gives the same database; None builds from data/ alone.
    ``imports='default'`` reads data/imports (`python -m lybl load fingertips`); None reads none.
    ``releases='default'`` re-applies the active releases of uploaded figures (LYBL_STATE/releases,
    lybl.build.releases); a list names the release folders to apply, oldest first; None applies none.
    ``extra(con)`` adds rows after the loaded tables and before the derived tables and marts
    (lybl.build.synth); ``extra_info`` adds lines to build_info.
    """
    started = time.perf_counter()
    db = Path(db or config.db_path())
    data_dir = Path(data_dir or config.DATA_DIR)
    open_dir = _open_folder(open_data)
    report = BuildReport(db=db)
    ctx, tables = Context(), {}
    _load_local(data_dir, ctx, tables, report)
    _load_open_data(open_dir, ctx, tables, report)
    tables["open_data_source"] = _open_data_sources(open_dir, data_dir)
    tables["ics_area"] = ics().rows()
    _load_imports(config.IMPORTS_DIR if imports == "default" else imports, ctx, tables, report)
    _load_releases(releases, ctx, tables, report)
    tables["area_shape"] = []
    if ics().small_areas:  # LAPs, their boundaries and profiles: from the small-area extracts
        lap_lines, ward_lap = geo.load(open_dir, ctx, tables)
        report.checks += lap_lines
        tables["area_shape"] = boundaries.shapes(open_dir, ward_lap)
        profile_tables, profile_lines = lap_profiles.profiles(open_dir, tables["area"], config.disclosure_threshold())
        tables.update(profile_tables)
        report.checks += profile_lines
    if not tables["area_shape"]:
        report.skipped.append(f"{geo.WARD_SHAPES} (no boundaries: the map page draws its LAP tile map)")
    report.skipped += ctx.skipped
    values = tables.get("indicator_value", [])
    values += derive.small_area_census(tables.pop("census_lsoa", []), values, tables["area"])
    check_values(values)
    mark_preferred(values, ctx.sources)
    _periods_per_file(report, values)
    threshold = config.disclosure_threshold()
    _derive(tables, threshold)
    values = tables.get("indicator_value")
    suppressed = int(values["is_suppressed"].sum()) if isinstance(values, pd.DataFrame) else 0
    info = {"built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "disclosure": f"counts from 1 to {threshold} suppressed, with complements: {suppressed} figures withheld",
            "data_dir": str(data_dir), "open_data": _shown(open_dir), "ics": ics().key,
            "skipped": "; ".join(report.skipped), **(extra_info or {})}
    db.parent.mkdir(parents=True, exist_ok=True)
    tmp = db.with_name(f".{db.name}.{os.getpid()}.tmp")
    try:
        _write(tmp, tables, report, info, extra)
        os.replace(tmp, db)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    report.seconds = time.perf_counter() - started
    for line in report.lines():
        log(line)
    return report


def build_aside(db: Path, **kwargs) -> Path:
    """Build quietly into a file beside ``db`` and return its path: a change (an import, a release) is put in
    place with os.replace only once that build has passed every check. A failed build leaves no file."""
    aside = db.with_name(f".{db.name}.aside.tmp")
    try:
        build(db=aside, log=lambda line: None, **kwargs)
    except BaseException:
        aside.unlink(missing_ok=True)
        raise
    return aside


def _open_folder(open_data: Path | None | str) -> Path | None:
    """``open_data`` as build() takes it: 'default' is the committed extracts, None no open data."""
    return config.EXTRACTS_DIR if open_data == "default" else (Path(open_data) if open_data else None)


def _shown(folder: Path | None) -> str:
    """A folder as the Data page names it: relative to the repository when inside it."""
    if folder is None:
        return "(none)"
    try:
        return str(folder.resolve().relative_to(config.ROOT))
    except ValueError:
        return str(folder)


def known_area_codes(data_dir: Path | None = None, open_data: Path | None | str = "default") -> set[str]:
    """The area codes a build knows (data/ and the open data), read without deriving or writing anything."""
    data_dir = Path(data_dir or config.DATA_DIR)
    open_dir = _open_folder(open_data)
    ctx, tables, report = Context(), {}, BuildReport(db=Path("-"))
    _load_local(data_dir, ctx, tables, report)
    _load_open_data(open_dir, ctx, tables, report)
    return {a["area_code"] for a in tables["area"]}


def _derive(tables: dict[str, list[dict]], threshold: int) -> None:
    """Intervals, disclosure control, benchmarks and trends (lybl.build.derive), in that order."""
    values = pd.DataFrame(tables.get("indicator_value", []))
    if values.empty:
        return
    indicators = pd.DataFrame(tables["indicator"])
    values = derive.add_intervals(values, indicators)
    values = derive.disclose(values, tables["area"], threshold, indicators)
    tables["indicator_value"] = values
    polarity = indicators.set_index("indicator_id")["polarity"]
    tables["benchmark"] = derive.benchmarks(values, tables["area"], polarity)
    tables["trend"] = derive.trends(values, indicators)


def _read_from(loaded: str, value_file: str) -> bool:
    """Whether figures labelled ``value_file`` (a publisher file, perhaps "rel (extract ...)") came from the
    file(s) a loaded_file line names (the file itself or its extract, several joined by " + ")."""
    if value_file.endswith(".parquet)") and " (import " in value_file:  # an import: named the same way
        return value_file in loaded.split(" + ")
    rel = value_file.split(" (")[0]
    return any(part.endswith(rel) or part.endswith(opendata.extract_of(rel)) for part in loaded.split(" + "))


def _periods_per_file(report: BuildReport, values: list[dict]) -> None:
    """Note on each loaded file the span of periods its figures cover."""
    ends: dict[str, list[str]] = {}
    for row in values:
        ends.setdefault(row["_file"], []).append(row["period_end"].isoformat())
    for d in report.loaded:
        found = [e for f, es in ends.items() if _read_from(d["file"], f) for e in es]
        if d["table_name"] == "indicator_value" and found:
            d["periods"] = f"{min(found)} to {max(found)}"
