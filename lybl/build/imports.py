"""Imported files (data/imports): `python -m lybl load fingertips FILE.csv [--metadata META.csv]`.

An import keeps the rows of the areas the dashboard knows, writes them to data/imports/ as Parquet (text
cells and each row's line in the original file) with a line in data/imports/manifest.csv, and rebuilds the
database. It is atomic: the new import and the database are put in place only when a build with the import
has passed every check; otherwise nothing changes and the error names the file, row and column.
Commit data/imports/ to share an import with everyone who builds the dashboard.
"""
from __future__ import annotations

import csv
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Callable

from lybl import config
from lybl.errors import ValidationError
from lybl.build.extract import sha256, swap_folder, write_manifest, write_parquet
from lybl.build.ingest import fingertips_csv, opendata
from lybl.build.ingest.rows import read_rows

MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ["import", "kind", "file", "sha256_source", "rows_in_file", "rows_kept", "dropped",
                    "indicators", "metadata", "imported_on"]


def read_manifest(folder: Path) -> list[dict]:
    path = folder / MANIFEST
    if not path.exists():
        return []
    rows = []
    for r in read_rows(path, MANIFEST_COLUMNS, label=f"data/imports/{MANIFEST}"):
        r.iso_date("imported_on", required=True)  # each figure's date of data
        rows.append(r.cells)
    return rows


def _write_manifest(folder: Path, rows: list[dict]) -> None:
    write_manifest(folder / MANIFEST, rows, MANIFEST_COLUMNS)


def _header(path: Path, label: str) -> list[str]:
    """The header row, once every line of the file is known to be UTF-8 text (else the first that is not)."""
    try:
        with open(path, "rb") as handle:
            for number, line in enumerate(handle, 1):
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError as e:
                    raise ValidationError(label, number, None, f"not UTF-8 text (byte {line[e.start]:#04x} at "
                                          f"character {e.start + 1}): save the file as CSV UTF-8, as Fingertips "
                                          "downloads it") from None
        with open(path, newline="", encoding="utf-8-sig") as handle:
            return next(csv.reader(handle), [])
    except OSError as e:
        raise ValidationError(label, None, None, f"cannot be read ({e.strerror})") from None


def _cut(path: Path, label: str, keep: Callable[[dict], bool], check) -> tuple[object, int, dict[str, int]]:
    """The kept rows of a CSV as an Arrow table of text plus _line; rows read and rows dropped per area type."""
    header = _header(path, label)
    read, dropped = [0], {}

    def kept():
        for r in read_rows(path, [], label=label):
            read[0] += 1
            check(r, header)
            if keep(r.cells):
                yield r
            else:
                kind = r.cells.get("Area Type") or "?"
                dropped[kind] = dropped.get(kind, 0) + 1
    table = opendata.text_table(kept(), header)
    if read[0] == 0:
        raise ValidationError(label, 2, None, "the file has a header but no rows")
    return table, read[0], dropped


def load_fingertips(path: Path, metadata: Path | None = None, imports: Path | None = None, db: Path | None = None,
                    data_dir: Path | None = None, replace: bool = False, log: Callable[[str], None] = print) -> dict:
    """Import a Fingertips "all data" CSV (and optionally its metadata CSV), then rebuild the database.

    ``replace``: earlier imports sharing an indicator with this file are removed (a newer download of the
    same profile). Without it they stay, and a figure given by both stops the import, naming both rows.
    """
    from lybl.build.database import build_aside, known_area_codes

    path, imports = Path(path), Path(imports or config.IMPORTS_DIR)
    db = Path(db or config.db_path())
    label = path.name
    fingertips_csv.check_header(_header(path, label), label)
    digest = sha256(path)
    done = read_manifest(imports)
    same = [m for m in done if m["sha256_source"] == digest]
    if same and replace:  # fetched again, unchanged: nothing new to import
        log(f"{label} is unchanged since it was imported as {same[0]['import']}: nothing to do")
        return same[0]
    if same:
        raise ValidationError(label, None, None, "this file is already imported (same sha256): "
                              + next(m["import"] for m in done if m["sha256_source"] == digest))
    # the areas of data/ and the extracts: neither a stale database nor its absence decides what is kept
    areas = known_area_codes(data_dir)
    table, total, dropped = _cut(path, label, lambda c: (c.get("Area Code") or "").strip() in areas,
                                 lambda r, header: fingertips_csv.check_complete(r, header))
    if table.num_rows == 0:
        raise ValidationError(label, None, "Area Code", f"none of its {total} rows is for an area the dashboard "
                              "knows (England, regions, local authorities, the ICB, its Places, wards, LSOAs)")
    name = f"fingertips_{digest[:12]}"
    entry = dict(zip(MANIFEST_COLUMNS, [f"{name}.parquet", "fingertips", path.name, digest, total, table.num_rows,
                                        "; ".join(f"{k} {n}" for k, n in sorted(dropped.items())),
                                        " ".join(sorted(set(table.column("Indicator ID").to_pylist()))), "",
                                        date.today().isoformat()]))
    imports.parent.mkdir(parents=True, exist_ok=True)  # staging beside it, so the swap is a rename
    staging = Path(tempfile.mkdtemp(prefix=f".{imports.name}-", dir=imports.parent))
    try:
        shutil.rmtree(staging)
        if imports.exists():
            shutil.copytree(imports, staging)
        else:
            staging.mkdir(parents=True)
        write_parquet(table, staging / entry["import"])
        if metadata is not None:
            meta_label = Path(metadata).name
            header = _header(Path(metadata), meta_label)
            for column in fingertips_csv.METADATA:
                if column not in header:
                    raise ValidationError(meta_label, 1, column, "column missing: not a Fingertips indicator "
                                                                 "metadata CSV")
            meta, _, _ = _cut(Path(metadata), meta_label, lambda c: True, lambda r, h: None)
            entry["metadata"] = f"{name}_metadata.parquet"
            write_parquet(meta, staging / entry["metadata"])
        ids = set(entry["indicators"].split())
        superseded = [m for m in done if replace and ids & set(m["indicators"].split())]
        for old in superseded:
            for name_ in (old["import"], old.get("metadata")):
                if name_:
                    (staging / name_).unlink(missing_ok=True)
        _write_manifest(staging, [m for m in done if m not in superseded] + [entry])
        tmp_db = build_aside(db, data_dir=data_dir, imports=staging)
        swap_folder(staging, imports)
        os.replace(tmp_db, db)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        for leftover in db.parent.glob(f".{db.name}.aside.tmp*"):
            leftover.unlink(missing_ok=True)
    log(f"imported {path.name}: {table.num_rows} of {total} rows kept (dropped: {entry['dropped'] or 'none'}), "
        f"indicators {entry['indicators']} -> {imports / entry['import']}"
        + (f"; replaced {', '.join(m['file'] for m in superseded)}" if superseded else "")
        + f"; database rebuilt at {db}")
    return entry


def load_all(imports: Path | None, ctx, label_root: str = "data/imports") -> dict[str, list[dict]]:
    """The build's side: every import of the manifest as indicator and indicator_value rows."""
    out: dict[str, list[dict]] = {"indicator": [], "indicator_value": []}
    if imports is None or not (imports / MANIFEST).exists():
        return out
    url = ctx.sources.get(fingertips_csv.SOURCE_ID, {}).get("url")
    indicators: dict[str, dict] = {}
    for entry in read_manifest(imports):
        if entry["kind"] != "fingertips":
            raise ValidationError(f"{label_root}/{MANIFEST}", None, "kind", f"'{entry['kind']}' is not a kind of "
                                                                            "import this build knows")
        label = f"{entry['file']} (import {entry['import']})"
        meta = {}
        if entry.get("metadata"):
            meta_label = f"metadata of {entry['file']} (import {entry['metadata']})"
            meta = fingertips_csv.read_metadata(opendata.parquet_rows(imports / entry["metadata"], meta_label, []),
                                                meta_label)
        values, seen = fingertips_csv.figures(opendata.parquet_rows(imports / entry["import"], label, []), label,
                                              entry["file"], ctx, date.fromisoformat(entry["imported_on"]))
        # an indicator in several imports (other area types, say) is described by the latest of them
        for row in fingertips_csv.indicators(seen, values, meta, entry["file"], url):
            if row["indicator_id"] in ctx.indicators and ctx.indicators[row["indicator_id"]].get("source") != \
                    row["source"]:
                raise ValidationError(label, None, "Indicator ID", f"{row['indicator_id']} is already an indicator "
                                      "of the dashboard's own files")
            ctx.indicators[row["indicator_id"]] = row
            indicators[row["indicator_id"]] = row
        out["indicator_value"] += values
    out["indicator"] = list(indicators.values())
    return out
