"""Where things are. Every setting is an environment variable documented in README.md."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"

#: Environment variables the project reads (README.md "Configuration" lists each one).
SETTINGS = {
    "LYBL_DB": "path of the DuckDB database (default data/lybl.duckdb)",
    "LYBL_MIRROR": "folder holding the shared open data (data/, geo/); default ../shared when it exists",
    "LYBL_CHROMIUM": "Chromium executable for the browser tests (default: chromium on PATH)",
}


def db_path() -> Path:
    return Path(os.environ.get("LYBL_DB") or DATA_DIR / "lybl.duckdb")


def mirror_dir() -> Path | None:
    """The open-data mirror, or None when there is none."""
    configured = os.environ.get("LYBL_MIRROR")
    if configured:
        return Path(configured).resolve()
    default = ROOT.parent / "shared"
    return default if default.is_dir() else None
