"""DuckDB: open the built database and run named queries from queries/*.sql.

Every query the app runs is a file ``queries/<name>.sql`` whose header names it,
says what one row is, and lists its parameters::

    -- name: indicator_values_for_area
    -- One row per indicator x period for $area (preferred figures only).
    -- params: area

Values are always bound (``$area``), never formatted into SQL. ``run_query``
checks that the caller passes exactly the file's parameters and that any area,
indicator or ambition code exists, raising ``UnknownCode`` in plain words.
"""
from __future__ import annotations

import re
import weakref
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from lybl import config
from lybl.errors import DatabaseMissing, QueryError, UnknownCode

_PARAM = re.compile(r"(?<![\w$])\$([a-z_][a-z0-9_]*)")
_HEADER = re.compile(r"--\s*(name|params):\s*(.*)")

#: parameters whose values are codes checked before the query runs: param -> fixed SQL listing the valid codes
CODE_PARAMS = {
    "area": "select area_code from area",
    "indicator": "select indicator_id from indicator",
    "ambition": "select ambition_id from ambition",
    "lap": "select area_code from area where area_type = 'LAP'",
    "level": "select * from (values ('LAP'), ('Ward'), ('LSOA'))",
}
#: connection -> param -> its valid codes, read once per connection (the database is read-only)
_KNOWN: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def connect(path: Path | str | None = None, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    path = Path(path or config.db_path())
    if not path.exists():
        raise DatabaseMissing(f"No database at {path}. Build it with: make db (or python -m lybl build)")
    return duckdb.connect(str(path), read_only=read_only)


class Query:
    def __init__(self, name: str, sql: str, params: list[str], description: str):
        self.name, self.sql, self.params, self.description = name, sql, params, description


def _strip_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


@lru_cache(maxsize=None)
def load_query(name: str, folder: Path = config.QUERIES_DIR) -> Query:
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise QueryError(f"'{name}' is not a query name")
    path = folder / f"{name}.sql"
    if not path.exists():
        raise UnknownCode("query", name)
    sql = path.read_text()
    header = dict(m.groups() for m in map(_HEADER.match, sql.splitlines()) if m)
    if header.get("name") != name:
        raise QueryError(f"queries/{name}.sql must start with '-- name: {name}'")
    declared = sorted(p.strip() for p in header.get("params", "").split(",") if p.strip() and p.strip() != "none")
    used = sorted(set(_PARAM.findall(_strip_comments(sql))))
    if declared != used:
        raise QueryError(f"queries/{name}.sql declares params {declared} but uses {used}")
    lines = [line[2:].strip() for line in sql.splitlines() if line.startswith("--")]
    description = next((line for line in lines[1:] if not _HEADER.match("-- " + line)), "")
    return Query(name, sql, used, description)


def query_names(folder: Path = config.QUERIES_DIR) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.sql"))


def check_code(con: duckdb.DuckDBPyConnection, param: str, value) -> None:
    known = _KNOWN.setdefault(con, {})
    if param not in known:
        known[param] = {str(row[0]) for row in con.execute(CODE_PARAMS[param]).fetchall()}
    if str(value) not in known[param]:
        raise UnknownCode(param, str(value))


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run ``queries/<name>.sql`` with exactly its named parameters; return a DataFrame."""
    query = load_query(name)
    given = sorted(params)
    if given != query.params:
        raise QueryError(f"query '{name}' takes parameters {query.params}, was given {given}")
    for param, value in params.items():
        if param in CODE_PARAMS:
            check_code(con, param, value)
    cur = con.cursor()
    return cur.execute(query.sql, params).df() if params else cur.execute(query.sql).df()
