"""Shared fixtures: one database built by the real build path from the committed extracts, and the folder
of publisher files (the mirror, ../shared) for the tests of `extract` and of the loaders, when there is one."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from lybl import config
from lybl.build.database import build

ROOT = config.ROOT
# Builds re-apply the releases of LYBL_STATE: the tests never read (or write) a developer's state/ folder.
os.environ["LYBL_STATE"] = tempfile.mkdtemp(prefix="lybl-test-state-")
SEEDS = "seeds"


def _mirror() -> Path | None:
    mirror = config.mirror_dir()
    if os.environ.get("LYBL_MIRROR") and (mirror is None or not mirror.is_dir()):
        raise pytest.UsageError(f"LYBL_MIRROR={os.environ['LYBL_MIRROR']} does not exist")
    if mirror is None and os.environ.get("CI"):
        raise pytest.UsageError("CI run without an open-data mirror: set LYBL_MIRROR (../shared)")
    return mirror


MIRROR = _mirror()


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The folder of publisher files; tests that need it are skipped (with the reason) when there is none."""
    if MIRROR is None:
        pytest.skip("no open-data mirror configured or found (set LYBL_MIRROR)")
    return MIRROR


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """data/ and the committed extracts (data/extracts) built into a fresh database for the whole session."""
    path = tmp_path_factory.mktemp("db") / "lybl.duckdb"
    build(db=path, log=lambda line: None)
    os.environ["LYBL_DB"] = str(path)  # the app under AppTest reads it
    return path


@pytest.fixture(scope="session")
def con(built_db):
    from lybl.db import connect
    connection = connect(built_db)
    yield connection
    connection.close()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A scratch copy of data/ to break one rule at a time."""
    target = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, target, ignore=shutil.ignore_patterns("*.duckdb", "*.tmp", "*.wal"))
    return target


@pytest.fixture(scope="session")
def census_areas(mirror) -> set[str]:
    """The areas known when the England-wide loaders run: areas.csv, then the Census authorities."""
    from lybl.build.ingest import mirror as mirror_files
    from lybl.build.ingest.local import Context, load_areas
    ctx = Context()
    load_areas(config.DATA_DIR / "areas.csv", ctx)
    mirror_files.load_census(mirror, ctx)
    return ctx.areas


@pytest.fixture(scope="session")
def census_context(census_areas):
    """A fresh loader Context that knows the areas the Census loader adds, one per call."""
    from lybl.build.ingest.local import Context

    def make() -> Context:
        ctx = Context()
        ctx.areas |= census_areas
        return ctx
    return make
