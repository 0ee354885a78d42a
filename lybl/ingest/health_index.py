"""Loader stub (being written): see the build step in lybl/build.py."""
from __future__ import annotations

from pathlib import Path

from lybl.ingest.local import Context

SOURCE_ID = "ons_health_index"
#: mirror files this loader reads, relative to LYBL_MIRROR
FILES: list[str] = []


def load(mirror: Path, ctx: Context) -> dict[str, list[dict]]:
    return {}
