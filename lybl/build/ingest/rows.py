"""Reading source CSVs row by row, each cell checked with a message naming file, row and column.

Row numbers are line numbers in the file as a spreadsheet shows them: the header is
row 1, the first data row is row 2.
"""
from __future__ import annotations

import csv
import math
from datetime import date
from pathlib import Path
from typing import Iterator

from lybl.errors import ValidationError
from lybl.build.ingest.seed_text import parse_figure
from lybl.periods import Period, parse_month, parse_period


class Row:
    """One source row; every accessor raises ValidationError naming the cell."""

    def __init__(self, file: str, line: int, cells: dict[str, str]):
        self.file, self.line, self.cells = file, line, cells

    def fail(self, column: str | None, reason: str) -> ValidationError:
        return ValidationError(self.file, self.line, column, reason)

    def text(self, column: str, required: bool = True) -> str | None:
        value = (self.cells.get(column) or "").strip()
        if not value:
            if required:
                raise self.fail(column, "a value is required here")
            return None
        return value

    def number(self, column: str, required: bool = False) -> float | None:
        raw = self.text(column, required)
        if raw is None:
            return None
        try:
            value = float(raw)
        except ValueError:
            raise self.fail(column, f"'{raw}' is not a number") from None
        if not math.isfinite(value):
            raise self.fail(column, f"'{raw}' is not a finite number")
        return value

    def integer(self, column: str, required: bool = False) -> int | None:
        value = self.number(column, required)
        if value is not None and value != int(value):
            raise self.fail(column, f"'{self.cells[column]}' is not a whole number")
        return None if value is None else int(value)

    def choice(self, column: str, options, required: bool = True) -> str | None:
        value = self.text(column, required)
        if value is not None and value not in options:
            raise self.fail(column, f"'{value}' is not one of: {', '.join(sorted(options))}")
        return value

    def boolean(self, column: str, default: bool = False) -> bool:
        value = self.text(column, required=False)
        if value is None:
            return default
        low = value.lower()
        if low in {"true", "1", "yes", "y"}:
            return True
        if low in {"false", "0", "no", "n"}:
            return False
        raise self.fail(column, f"'{value}' is not true or false")

    def iso_date(self, column: str, required: bool = False) -> date | None:
        value = self.text(column, required)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(column, f"'{value}' is not a date (YYYY-MM-DD)") from None

    def month(self, column: str) -> date | None:
        value = self.text(column, required=False)
        if value is None:
            return None
        try:
            return parse_month(value)
        except ValueError as e:
            raise self.fail(column, str(e)) from None

    def period(self, column: str, context: date | None = None) -> Period:
        value = self.text(column)
        try:
            return parse_period(value, context)
        except ValueError as e:
            raise self.fail(column, str(e)) from None

    def figure(self, column: str):
        try:
            return parse_figure(self.cells.get(column))
        except ValueError as e:
            raise self.fail(column, str(e)) from None

    def code(self, column: str, known, kind: str, required: bool = True) -> str | None:
        value = self.text(column, required)
        if value is not None and value not in known:
            raise self.fail(column, f"unknown {kind} code '{value}'")
        return value


def read_rows(path: Path, columns: list[str], label: str | None = None) -> Iterator[Row]:
    """Yield the rows of a CSV that must have (at least) ``columns``."""
    label = label or path.name
    try:
        handle = open(path, newline="", encoding="utf-8-sig")
    except OSError as e:
        raise ValidationError(label, None, None, f"cannot be read ({e.strerror})") from None
    with handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        for column in columns:
            if column not in header:
                raise ValidationError(label, 1, column, "column missing from the header row")
        try:
            for cells in reader:
                if None in cells:
                    raise ValidationError(label, reader.line_num, None,
                                          f"{len(header) + len(cells[None])} cells where the header has {len(header)}")
                yield Row(label, reader.line_num, cells)
        except (csv.Error, UnicodeDecodeError) as e:
            raise ValidationError(label, reader.line_num, None, f"not a readable CSV row ({e})") from None
