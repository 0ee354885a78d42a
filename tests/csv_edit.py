"""Scratch copies of source CSVs with a cell changed or a row removed, for bad-input tests."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


def edit_csv(source: Path, target: Path, edit: Callable[[list[dict]], T]) -> T:
    """Copy ``source`` to ``target`` (folders made), letting ``edit`` change its rows first; return what
    ``edit`` returns. Row n of the list is line n + 2 of the file, as a spreadsheet counts."""
    with open(source, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    result = edit(rows)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return result


def line_of(rows: list[dict], **match: str) -> int:
    """The file line of the one row whose columns equal ``match``."""
    (line,) = [n for n, row in enumerate(rows, 2) if all(row[k] == v for k, v in match.items())]
    return line
