"""An open-data folder: each publisher file either as published (CSV, GeoJSON) or as its extract (Parquet).

The build reads `data/extracts/` (committed, cut by `python -m lybl extract`), which keeps the layout of
the publisher folder it was cut from (`../shared`): `data/x.csv` is read from `data/x.parquet`,
`geo/y.geojson` from `geo/y.parquet`. Loaders name the publisher file (`rel`) and this module finds
whichever form is there, so a build from the publisher folder and a build from its extracts run the same
code on the same cells (tests/test_extract.py compares the two databases row for row).

Extract tables hold the cells as the CSV's text (every column a string) with `_line`, the row's line
number in the publisher's file, so that errors and `source_ref` cite the publisher's row either way.
Boundaries are stored in British National Grid metres (EPSG:27700) as WKB, the coordinates the maps draw.

While `recording()` is active, every read notes the file, the columns the loader asked for and the rows
it keeps: that is what `lybl.build.extract` cuts.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from lybl.errors import ValidationError
from lybl.build.ingest.rows import Row, read_rows

#: British National Grid: the coordinates the maps draw, in metres
BNG = 27700
LINE = "_line"
Keep = Callable[[dict], bool]


@dataclass
class Use:
    """What the build read of one publisher file: the columns asked for, and which rows were kept."""
    columns: list[str] = field(default_factory=list)
    keeps: list[Keep | None] = field(default_factory=list)
    shapes: bool = False


_recording: dict[str, Use] | None = None


@contextlib.contextmanager
def recording() -> Iterator[dict[str, Use]]:
    """Note every publisher file read inside the block (rel -> Use)."""
    global _recording
    previous, _recording = _recording, {}
    try:
        yield _recording
    finally:
        _recording = previous


def _note(rel: str, columns: list[str], keep: Keep | None, shapes: bool = False) -> None:
    if _recording is None:
        return
    use = _recording.setdefault(rel, Use(shapes=shapes))
    use.columns += [c for c in columns if c not in use.columns]
    use.keeps.append(keep)


def extract_of(rel: str) -> str:
    """The extract's path for a publisher file: same folder and name, `.parquet`."""
    return str(Path(rel).with_suffix(".parquet"))


def find(root: Path | None, rel: str) -> Path | None:
    """The publisher file or its extract under ``root``, whichever is there (the file as published first)."""
    if root is None:
        return None
    for candidate in (root / rel, root / extract_of(rel)):
        if candidate.exists():
            return candidate
    return None


def exists(root: Path | None, rel: str) -> bool:
    return find(root, rel) is not None


def rows(root: Path, rel: str, columns: list[str], keep: Keep | None = None) -> Iterator[Row]:
    """The rows of publisher file ``rel`` that ``keep`` accepts (all by default), each cell checked by Row."""
    _note(rel, columns, keep)
    path = find(root, rel)
    if path is None:
        raise ValidationError(rel, None, None, f"not found in {root} (neither {rel} nor {extract_of(rel)})")
    source = (read_rows(path, columns, label=rel) if path.suffix == ".csv" else
              parquet_rows(path, f"{rel} (extract {path.parent.name}/{path.name})", columns))
    for row in source:
        # only the columns asked for, in either form: a loader that read another column would read it
        # from the publisher's file but not from the extract, and the two builds would differ
        row.cells = {c: row.cells.get(c) for c in columns}
        if keep is None or keep(row.cells):
            yield row


def text_table(rows: Iterable[Row], columns: list[str]):
    """Rows as an Arrow table: ``columns`` as the CSV's text, and _line, each row's line in its file."""
    import pyarrow as pa

    cells: dict[str, list] = {c: [] for c in columns}
    lines = []
    for row in rows:
        lines.append(row.line)
        for c in columns:
            cells[c].append(row.cells[c])
    return pa.table([pa.array(cells[c], pa.string()) for c in columns] + [pa.array(lines, pa.int32())],
                    names=[*columns, LINE])


def parquet_rows(path: Path, label: str, columns: list[str]) -> Iterator[Row]:
    """The rows of a table written by text_table (an extract or an import), labelled ``label``; ``columns``
    must be there."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as e:  # a truncated or corrupt file: pyarrow says which way
        raise ValidationError(label, None, None, f"not a readable Parquet file ({e})") from None
    for column in [*columns, LINE]:
        if column not in table.column_names:
            raise ValidationError(label, 1, column, "column missing from the extract")
    names = [c for c in table.column_names if c != LINE]
    data = table.select(names).to_pydict()
    lines = table.column(LINE).to_pylist()
    for i, line in enumerate(lines):
        yield Row(label, line, {c: data[c][i] for c in names})


def shapes(root: Path, rel: str, code: str):
    """Boundaries of ``rel`` as a GeoDataFrame [code, geometry] in British National Grid metres."""
    import geopandas as gpd

    _note(rel, [code], None, shapes=True)
    path = find(root, rel)
    if path is None:
        raise ValidationError(rel, None, None, f"not found in {root}")
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq
        import shapely

        table = pq.read_table(path)
        return gpd.GeoDataFrame({code: table.column(code).to_pylist()},
                                geometry=shapely.from_wkb(table.column("geometry").to_pylist()), crs=BNG)
    frame = gpd.read_file(path)
    if code not in frame.columns:
        raise ValidationError(rel, None, code, "column missing from the boundaries' properties")
    return frame.to_crs(BNG)[[code, "geometry"]]

