"""Typed errors raised by the engine; the CLI and the app translate them once, at the edge."""
from __future__ import annotations


class LyblError(Exception):
    """Base class: str(error) is a plain-words message for a user."""


class ValidationError(LyblError):
    """A source row failed a rule. Names the file, the row (line number in the file) and the column."""

    def __init__(self, file: str, row: int | None, column: str | None, reason: str):
        self.file, self.row, self.column, self.reason = str(file), row, column, reason
        where = self.file
        if row is not None:
            where += f", row {row}"
        if column:
            where += f", column '{column}'"
        super().__init__(f"{where}: {reason}")


class UnknownCode(LyblError):
    """A code (area, indicator, query, page parameter) that the database does not hold."""

    def __init__(self, kind: str, code: str):
        self.kind, self.code = kind, code
        super().__init__(f"Unknown {kind} code '{code}'")


class QueryError(LyblError):
    """A named query was called wrongly (unknown name, missing or extra parameters)."""


class DatabaseMissing(LyblError):
    """No database has been built yet at the expected path."""
