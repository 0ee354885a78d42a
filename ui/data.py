"""Caching at the edge: one read-only DuckDB connection per database file, cached query results."""
from __future__ import annotations

import threading

import streamlit as st

from lybl import config, db

_lock = threading.Lock()
#: database path -> (the file's mtime when opened, its connection)
_open: dict[str, tuple[float, object]] = {}


def _db_stamp() -> tuple[str, float]:
    path = config.db_path()
    if not path.exists():
        raise db.DatabaseMissing(f"No database at {path}. Build it with: make db (or python -m lybl build)")
    return str(path), path.stat().st_mtime


def _connection(path: str, mtime: float):
    """The connection to the database file at ``path`` as it is at ``mtime``.

    A rebuild (`make db`, `python -m lybl load ...`) replaces the file under a running server. DuckDB serves
    every connection to one path from one open instance per process, so a new connection would still read
    the replaced file while the old one is open: the old one is closed first.
    """
    with _lock:
        held = _open.get(path)
        if held is None or held[0] != mtime:
            if held is not None:
                held[1].close()
            _open[path] = (mtime, db.connect(path))
        return _open[path][1]


def stamp() -> tuple[str, float]:
    """The current database build (path, modification time): a cache key for results computed from it."""
    return _db_stamp()


def connection():
    """The read-only connection to the current database build (for engine code that runs several queries)."""
    return _connection(*_db_stamp())


@st.cache_data(max_entries=256, show_spinner=False)
def _query(stamp: tuple[str, float], name: str, params: tuple) -> "object":
    return db.run_query(_connection(*stamp), name, **dict(params))


def query(name: str, **params):
    """Run a named query (queries/NAME.sql), cached by name, parameters and database build."""
    return _query(_db_stamp(), name, tuple(sorted(params.items())))


@st.cache_data(max_entries=64, show_spinner=False)
def _call(stamp: tuple[str, float], fn_name: str, params: tuple):
    import lybl.read.framework as framework
    return getattr(framework, fn_name)(_connection(*stamp), **dict(params))


def framework(fn_name: str, **params):
    """Call a lybl.read.framework function on the database, cached like query()."""
    return _call(_db_stamp(), fn_name, tuple(sorted(params.items())))


@st.cache_data(max_entries=16, show_spinner=False)
def _freshness(stamp: tuple[str, float], fn_name: str, params: tuple):
    import lybl.read.freshness as freshness
    return getattr(freshness, fn_name)(_connection(*stamp), **dict(params))


def freshness(fn_name: str, **params):
    """Call a lybl.read.freshness function (the Data page's questions) on the database, cached like query()."""
    return _freshness(_db_stamp(), fn_name, tuple(sorted(params.items())))


def document(source_id: str) -> str:
    """A source document's title, as the provenance line names it ('an unknown document' if not loaded)."""
    titles = query("documents").set_index("source_id")["title"]
    return titles.get(source_id, f"an unknown document ({source_id})")
