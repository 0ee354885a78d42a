"""Board packs: named lists of views (a page and its filters), saved in LYBL_STATE for the next meeting.

A view is what a link holds: the page's path and its query parameters, e.g. ``{"page": "compare", "params":
{"view": "spine", "place": "E06000061"}, "title": "North vs West: spine chart"}``. A pack is one JSON file,
``packs/<slug>.json``, written whole (to a temporary file, then renamed) by a signed-in editor::

    {"name": "HWB 2024-03-12", "views": [...], "saved_by": "a.name@example.org", "saved_at": "..."}

Saving a pack under a name that exists replaces it, and the file records who saved it last.
"""
from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone

from lybl.errors import LyblError
from lybl.state import InvalidUpdate, StateFileError, state_dir

#: query parameters of the presentation itself, never part of a view
PRESENTATION_PARAMS = ("present", "pack", "slide")
MAX_NAME = 60
MAX_VIEWS = 30


class UnknownPack(LyblError):
    """No saved pack has that name."""


def slug(name: str) -> str:
    """'HWB 2024-03-12' -> 'hwb-2024-03-12' (the file name and the link's ``pack=``)."""
    return re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-")


def folder():
    return state_dir() / "packs"


def view(page: str, params: dict, title: str) -> dict:
    """A view from a page's path, its link's parameters (presentation ones dropped) and a title."""
    kept = {k: (list(v) if isinstance(v, (list, tuple)) else str(v)) for k, v in params.items()
            if k not in PRESENTATION_PARAMS}
    return {"page": page.strip("/"), "params": kept, "title": title}


def link(v: dict) -> str:
    """The view's path and query string: '/compare?view=spine&place=E06000061'."""
    from urllib.parse import urlencode
    query = urlencode(v["params"], doseq=True)
    return f"/{v['page']}" + (f"?{query}" if query else "")


def save_pack(name: str, views: list[dict], saved_by: str, now: datetime | None = None) -> dict:
    """Validate and save a pack; refuses in plain words (InvalidUpdate) and writes nothing then."""
    problems = {}
    name = (name or "").strip()
    if not slug(name):
        problems["name"] = "Give the pack a name, such as “HWB 2024-03-12”."
    elif len(name) > MAX_NAME:
        problems["name"] = f"The name is {len(name)} characters; keep it to {MAX_NAME}."
    if not views:
        problems["views"] = "The pack has no views: add some with “Add this view to the pack” on any page."
    elif len(views) > MAX_VIEWS:
        problems["views"] = f"The pack has {len(views)} views; a board pack holds at most {MAX_VIEWS}."
    if not saved_by:
        problems["saved_by"] = "Only a signed-in editor can save a pack."
    if problems:
        raise InvalidUpdate(problems)
    pack = {"name": name, "views": views, "saved_by": saved_by,
            "saved_at": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")}
    path = folder() / f"{slug(name)}.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(pack, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        raise StateFileError(f"The pack could not be saved to {path}: {e.strerror}.") from None
    return pack


def load_pack(key: str) -> dict:
    """The saved pack whose slug (or name) is ``key``."""
    path = folder() / f"{slug(key)}.json"
    if not path.exists():
        raise UnknownPack(f"No board pack named “{key}” is saved on this server (folder {folder()}).")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise StateFileError(f"{path}, line {e.lineno}: not a pack ({e.msg}).") from None


def saved_packs() -> list[dict]:
    """Every saved pack (name, slug, number of views, who saved it and when), newest first."""
    out = []
    for path in folder().glob("*.json") if folder().exists() else ():
        try:
            pack = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise StateFileError(f"{path}, line {e.lineno}: not a pack ({e.msg}).") from None
        out.append({"name": pack["name"], "slug": path.stem, "views": len(pack["views"]),
                    "saved_by": pack["saved_by"], "saved_at": pack["saved_at"]})
    return sorted(out, key=lambda p: p["saved_at"], reverse=True)
