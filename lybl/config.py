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
    "LYBL_ICS": "which integrated care system: the name of a file in config/ without .toml (default "
                "northamptonshire; leicester_leicestershire_rutland is the second); build and app read the same",
    "LYBL_DB": "path of the DuckDB database (default data/lybl.duckdb)",
    "LYBL_MIRROR": "folder of publisher files (data/, geo/) that `python -m lybl extract` cuts into data/extracts "
                   "(default ../shared when it exists); the build never reads it",
    "LYBL_CHROMIUM": "Chromium executable for the factsheet PDF/PNG export and the browser tests "
                     "(default: chromium on PATH)",
    "LYBL_DISCLOSURE_THRESHOLD": "largest count that is suppressed (default 7: counts 1 to 7 never reach a page)",
    "LYBL_STATE": "folder of what users write, outside the rebuilt database and the repository: releases of "
                  "uploaded figures and the objective tracker's update log (default state/, git-ignored)",
    "LYBL_EDITORS": "who may upload, revert and update objectives once signed in: e-mail addresses separated by "
                    "commas; an entry @example.org admits a whole domain",
    "LYBL_DEV_EDITOR": "local development only: with no [auth] in .streamlit/secrets.toml, writes are recorded "
                       "as this address without signing in",
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


def editors() -> list[str]:
    """The editors' allow-list (LYBL_EDITORS): lower-case addresses or @domains."""
    raw = os.environ.get("LYBL_EDITORS", "")
    return [entry.strip().lower() for entry in raw.replace(";", ",").split(",") if entry.strip()]


def disclosure_threshold() -> int:
    """Counts from 1 to this number are suppressed in the build (LYBL_DISCLOSURE_THRESHOLD, default 7)."""
    raw = os.environ.get("LYBL_DISCLOSURE_THRESHOLD", "7")
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"LYBL_DISCLOSURE_THRESHOLD must be a whole number of at least 1, not {raw!r}")
    return int(raw)
