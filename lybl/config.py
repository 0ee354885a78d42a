"""Where things are. Every setting is an environment variable documented in README.md."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
#: the open data the build reads: Parquet extracts cut from the publishers' files by `python -m lybl extract`
EXTRACTS_DIR = DATA_DIR / "extracts"
#: imported files (`python -m lybl load fingertips FILE.csv`), read by every build
IMPORTS_DIR = DATA_DIR / "imports"
QUERIES_DIR = ROOT / "queries"

#: Environment variables the project reads (README.md "Configuration" lists each one).
SETTINGS = {
    "LYBL_DB": "path of the DuckDB database (default data/lybl.duckdb)",
    "LYBL_MIRROR": "folder of publisher files (data/, geo/) that `python -m lybl extract` cuts into data/extracts "
                   "(default ../shared when it exists); the build never reads it",
    "LYBL_CHROMIUM": "Chromium executable for the factsheet PDF/PNG export and the browser tests "
                     "(default: chromium on PATH)",
    "LYBL_DISCLOSURE_THRESHOLD": "largest count that is suppressed (default 7: counts 1 to 7 never reach a page)",
    "LYBL_STATE": "folder of the objective tracker's append-only update log, outside the rebuilt database "
                  "(default state/, git-ignored)",
}


def db_path() -> Path:
    return Path(os.environ.get("LYBL_DB") or DATA_DIR / "lybl.duckdb")


def mirror_dir() -> Path | None:
    """The folder of publisher files that `extract` reads (LYBL_MIRROR, else ../shared), or None."""
    configured = os.environ.get("LYBL_MIRROR")
    if configured:
        return Path(configured).resolve()
    default = ROOT.parent / "shared"
    return default if default.is_dir() else None


def disclosure_threshold() -> int:
    """Counts from 1 to this number are suppressed in the build (LYBL_DISCLOSURE_THRESHOLD, default 7)."""
    raw = os.environ.get("LYBL_DISCLOSURE_THRESHOLD", "7")
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"LYBL_DISCLOSURE_THRESHOLD must be a whole number of at least 1, not {raw!r}")
    return int(raw)
