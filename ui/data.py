"""Caching at the edge: one read-only DuckDB connection per database file, cached query results and
cached page views.

Results are held once per server process (st.cache_resource, not st.cache_data, which unpickles a fresh
copy on every call: 10-20 ms a page run). Every caller gets a shallow copy of a cached frame: pandas 3 copies
on write, so whatever a page does to its copy never reaches the cache or another session. Figures are cached
frozen (lybl.present.frozen): Streamlit reads them, nobody changes them.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Hashable

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


def _leaves(value, change):
    """``value`` with ``change`` applied to everything in it that is not a tuple, list or dict (those are
    rebuilt around the changed leaves)."""
    if isinstance(value, (tuple, list)):
        return type(value)(_leaves(v, change) for v in value)
    if isinstance(value, dict):
        return {k: _leaves(v, change) for k, v in value.items()}
    return change(value)


def _fresh(value):
    """What a caller may change freely: a shallow copy of each frame in it (copy on write); anything else as
    it is (figures are frozen, strings and numbers immutable)."""
    import pandas as pd
    return _leaves(value, lambda v: v.copy(deep=False) if isinstance(v, (pd.DataFrame, pd.Series)) else v)


@st.cache_resource(max_entries=512, show_spinner=False)
def _query(stamp: tuple[str, float], name: str, params: tuple) -> "object":
    return db.run_query(_connection(*stamp), name, **dict(params))


def query(name: str, **params):
    """Run a named query (queries/NAME.sql), cached by name, parameters and database build."""
    return _fresh(_query(_db_stamp(), name, tuple(sorted(params.items()))))


@st.cache_resource(max_entries=1024, show_spinner=False)
def _view(stamp: tuple[str, float], name: str, key: Hashable, _build: Callable[[], object]):
    return _frozen(_build())


def _frozen(value):
    """``value`` with every Plotly figure in it frozen."""
    import plotly.graph_objects as go
    from lybl.present.frozen import freeze
    return _leaves(value, lambda v: freeze(v) if isinstance(v, go.Figure) else v)


def view(name: str, key: Hashable, build: Callable[[], object]):
    """What ``build()`` returns (frames, tables, frozen figures, sentences), built once per database build and
    ``key`` and then shared by every session: ``key`` must name everything ``build`` reads besides the
    database (the page's parameters, the palette). A page run that finds it draws it without a query."""
    return _fresh(_view(_db_stamp(), name, key, build))


@st.cache_resource(max_entries=64, show_spinner=False)
def _call(stamp: tuple[str, float], fn_name: str, params: tuple):
    import lybl.read.framework as framework
    return getattr(framework, fn_name)(_connection(*stamp), **dict(params))


def framework(fn_name: str, **params):
    """Call a lybl.read.framework function on the database, cached like query()."""
    return _fresh(_call(_db_stamp(), fn_name, tuple(sorted(params.items()))))


@st.cache_resource(max_entries=16, show_spinner=False)
def _freshness(stamp: tuple[str, float], fn_name: str, params: tuple):
    import lybl.read.freshness as freshness
    return getattr(freshness, fn_name)(_connection(*stamp), **dict(params))


def freshness(fn_name: str, **params):
    """Call a lybl.read.freshness function (the Data page's questions) on the database, cached like query()."""
    return _fresh(_freshness(_db_stamp(), fn_name, tuple(sorted(params.items()))))


def document(source_id: str) -> str:
    """A source document's title, as the provenance line names it ('an unknown document' if not loaded)."""
    titles = query("documents").set_index("source_id")["title"]
    return titles.get(source_id, f"an unknown document ({source_id})")
