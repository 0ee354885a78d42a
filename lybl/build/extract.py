"""`python -m lybl extract --from DIR`: cut the committed extracts (data/extracts) from a folder of publisher files.

The cut is exactly what the build reads. The build runs once over the publisher folder (which checks every
cell) while `lybl.build.ingest.opendata` records, per file, the columns its loader asked for and the rows it kept;
each file is then written as Parquet (zstd) with those columns as text, plus `_line`, the row's line in the
publisher's file. Boundaries are written in British National Grid metres (WKB), the coordinates the maps
draw. `manifest.csv` gives each extract's publisher, product, release, date of data, licence and
attribution (from data/extract_sources.csv), its rows and the sha256 of the extract and of the file it was
cut from.

Deterministic: the same publisher files give byte-identical extracts and manifest. Atomic: extracts are
written to a new folder that replaces the old one only when every file is written and within the budget.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from lybl import config
from lybl.errors import ValidationError
from lybl.build.ingest import opendata
from lybl.build.ingest.rows import read_rows

CATALOGUE = "extract_sources.csv"
MANIFEST = "manifest.csv"
#: all extracts together must fit in this many bytes (issue 12: 10 MB)
BUDGET = 10_000_000
CATALOGUE_COLUMNS = ["file", "source_id", "publisher", "product", "release_date", "date_of_data", "licence",
                     "attribution", "url", "release_cycle", "next_release", "notes"]
MANIFEST_COLUMNS = ["extract", *CATALOGUE_COLUMNS, "rows", "columns", "bytes", "sha256", "source_bytes",
                    "source_sha256", "fetched"]
#: Parquet settings: fixed so that the same input gives the same bytes
PARQUET = dict(compression="zstd", compression_level=9, use_dictionary=True, write_statistics=False)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_catalogue(path: Path) -> dict[str, dict]:
    """data/extract_sources.csv: per publisher file, who publishes it, its release and licence."""
    out = {}
    for r in read_rows(path, CATALOGUE_COLUMNS, label=f"data/{path.name}"):
        rel = r.text("file")
        if rel in out:
            raise r.fail("file", f"{rel} is listed twice")
        for column in ("release_date", "next_release"):
            r.iso_date(column)
        r.choice("release_cycle", {"once", "monthly", "quarterly", "annual", "biennial", "irregular", "ceased"})
        for column in ("source_id", "publisher", "product", "licence", "attribution", "url"):
            r.text(column)
        out[rel] = {c: (r.cells.get(c) or "").strip() for c in CATALOGUE_COLUMNS}
    return out


def write_parquet(table, path: Path) -> None:
    """A table as Parquet with PARQUET's settings and no schema metadata: the same rows, the same bytes."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table.replace_schema_metadata(None), path, **PARQUET)


def _cut_table(path: Path, rel: str, use: opendata.Use):
    """The rows and columns the build read of one publisher CSV, as an Arrow table of text plus _line."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle), [])
    kept = (row for row in read_rows(path, use.columns, label=rel)
            if any(keep is None or keep(row.cells) for keep in use.keeps))
    return opendata.text_table(kept, [c for c in header if c in use.columns])


def _cut_shapes(root: Path, rel: str, use: opendata.Use):
    """Boundaries in British National Grid metres as WKB, with the code columns the build read."""
    import pyarrow as pa
    import shapely

    (code,) = use.columns
    frame = opendata.shapes(root, rel, code)
    geometry = shapely.to_wkb(frame.geometry.values, output_dimension=2, byte_order=1)
    return pa.table([pa.array(frame[code].tolist(), pa.string()), pa.array(list(geometry), pa.binary())],
                    names=[code, "geometry"])


def extract(source: Path, out: Path | None = None, data_dir: Path | None = None,
            log: Callable[[str], None] = print, fallback: Path | None = None,
            fetched: dict[str, str] | None = None) -> list[dict]:
    """Cut the extracts of every file the build reads from the publisher folder ``source`` into ``out``.

    With ``fallback`` (an extracts folder), a file missing from ``source`` keeps its extract and manifest
    line from there (`lybl.build.fetch` refreshes only what its adapters download); ``fetched`` (publisher file ->
    the downloads it was made from, 'URL sha256:...') goes into the manifest.
    """
    from lybl.build.database import build

    source = Path(source).resolve()
    out = Path(out or config.EXTRACTS_DIR)
    data_dir = Path(data_dir or config.DATA_DIR)
    if not source.is_dir():
        raise ValidationError(str(source), None, None, "no such folder of publisher files")
    catalogue = read_catalogue(data_dir / CATALOGUE)
    missing = [rel for rel in catalogue if not (source / rel).exists()]
    kept = {}
    if fallback is not None:
        kept = {m["file"]: m for m in read_manifest(fallback) if m["file"] in missing}
        missing = [rel for rel in missing if rel not in kept]
    if missing:
        raise ValidationError(str(source), None, None, "publisher files missing: " + ", ".join(missing)
                              + " (put them there, or pass --keep-others to keep their current extracts)")
    with tempfile.TemporaryDirectory() as scratch, opendata.recording() as uses:
        folder = _merged(source, fallback, kept, Path(scratch) / "open") if kept else source
        build(db=Path(scratch) / "check.duckdb", data_dir=data_dir, open_data=folder, log=lambda line: None)
    unlisted = sorted(set(uses) - set(catalogue))
    if unlisted:
        raise ValidationError(f"data/{CATALOGUE}", None, "file", f"the build reads {unlisted}, which the "
                              "catalogue does not describe (publisher, licence, release)")
    unread = sorted(set(catalogue) - set(uses))
    if unread:
        raise ValidationError(f"data/{CATALOGUE}", None, "file", f"listed but not read by the build: {unread}")
    staging = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        manifest = []
        for rel in sorted(uses):
            use, target = uses[rel], staging / opendata.extract_of(rel)
            if rel in kept:  # not downloaded this time: the current extract, as it is
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(fallback / opendata.extract_of(rel), target)
                manifest.append({c: kept[rel].get(c, "") for c in MANIFEST_COLUMNS})
                log(f"kept {rel}: its current extract (no download for it)")
                continue
            table = _cut_shapes(source, rel, use) if use.shapes else _cut_table(source / rel, rel, use)
            write_parquet(table, target)
            manifest.append({"extract": opendata.extract_of(rel), **catalogue[rel], "rows": table.num_rows,
                             "columns": " ".join(c for c in table.column_names if c != opendata.LINE),
                             "bytes": target.stat().st_size, "sha256": sha256(target),
                             "source_bytes": (source / rel).stat().st_size, "source_sha256": sha256(source / rel),
                             "fetched": (fetched or {}).get(rel, "")})
            log(f"extracted {rel}: {table.num_rows} rows, {target.stat().st_size:,} bytes")
        total = sum(int(m["bytes"]) for m in manifest)
        if total > BUDGET:
            raise ValidationError(str(out), None, None, f"extracts total {total:,} bytes, over the budget of "
                                                        f"{BUDGET:,}")
        write_manifest(staging / MANIFEST, manifest)
        swap_folder(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log(f"{len(manifest)} extracts, {total:,} bytes in all (budget {BUDGET:,}), written to {out}")
    return manifest


def _merged(source: Path, fallback: Path, kept: dict[str, dict], folder: Path) -> Path:
    """A folder holding the publisher files of ``source`` and, for the files in ``kept``, their extracts."""
    for rel in [str(p.relative_to(source)) for p in source.rglob("*") if p.is_file()]:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).symlink_to((source / rel).resolve())
    for rel in kept:
        target = folder / opendata.extract_of(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to((fallback / opendata.extract_of(rel)).resolve())
    return folder


def write_manifest(path: Path, manifest: list[dict], columns: list[str] = MANIFEST_COLUMNS) -> None:
    """A manifest as plain CSV (UTF-8, LF), the same bytes for the same lines."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(manifest)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def read_manifest(folder: Path) -> list[dict]:
    """The manifest of an extracts folder, [] when it has none (a folder of publisher files)."""
    path = folder / MANIFEST
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def swap_folder(staging: Path, out: Path) -> None:
    """Replace ``out`` by ``staging`` with renames only, so no reader sees half a folder for long."""
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)
