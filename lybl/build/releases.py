"""Releases: every upload of local figures, numbered, kept outside the repository and re-applied by each build.

A release is a folder ``LYBL_STATE/releases/NNNN/`` (default ``state/releases``) holding:

- ``release.json``: its number, who loaded it (the signed-in e-mail address), when (UTC), the file's name and
  sha256, and its counts (rows, new, revised, unchanged figures, new indicators);
- ``values.csv`` and ``indicators.csv``: the checked figures and new indicators, in the template's columns,
  each with the sheet and row of the uploaded file it came from;
- ``original.csv`` / ``original.xlsx``: the file as uploaded, byte for byte;
- ``reverted.json``, once reverted: who and when. A reverted release stays on record; the build skips it.

Every build reads the active releases after the shipped data (lybl.build.database), so a release survives a rebuild.
Its figures are "newer documents" than the seeds (lybl.build.database.mark_preferred ranks by date, then source ID
``release-NNNN``): a later release wins over an earlier one, and reverting a release brings back the
figures it replaced. Commit and revert are atomic: a database built with the change is put in place, and
the folder renamed into the store, only when that build passed every check.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from lybl import config
from lybl.errors import LyblError, ValidationError
from lybl.build.ingest.rows import read_rows
from lybl.build.uploads import INDICATOR_COLUMNS, VALUE_COLUMNS, Checked

SOURCE_PREFIX = "release-"
LICENCE = "Local management information, loaded by its owners; not published open data"


class ReleaseError(LyblError):
    """A release could not be committed or reverted; nothing was changed."""


def store() -> Path:
    """The folder of releases: LYBL_STATE/releases."""
    from lybl.state import state_dir
    return state_dir() / "releases"


def source_id(number: int) -> str:
    return f"{SOURCE_PREFIX}{number:04d}"


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ReleaseError(f"{path}: not a readable release record ({error}); restore it from a backup") from None


def releases(folder: Path | None = None) -> list[dict]:
    """Every release, oldest first, each with ``reverted_by`` / ``reverted_at`` when reverted, and its folder."""
    folder = Path(folder or store())
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(p for p in folder.iterdir() if p.is_dir() and p.name.isdigit()):
        record = _read_json(path / "release.json")
        if (path / "reverted.json").exists():
            revert = _read_json(path / "reverted.json")
            record.update(reverted_by=revert["by"], reverted_at=revert["at"])
        out.append({**record, "folder": path})
    return out


def active(folder: Path | None = None) -> list[dict]:
    return [r for r in releases(folder) if not r.get("reverted_at")]


@contextmanager
def _locked(folder: Path):
    """One writer at a time (two analysts committing at once are taken in turn)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_json(path: Path, record: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _rebuild(db: Path, folders: list[Path], data_dir: Path | None) -> Path:
    """Build the database with exactly these release folders into a temporary file beside ``db``."""
    from lybl.build.database import build_aside
    try:
        return build_aside(db, data_dir=data_dir, releases=folders)
    except ValidationError as error:
        raise ReleaseError(f"the database could not be built with this change, so nothing was changed: {error}") \
            from None


def commit(checked: Checked, original: bytes, by: str, db: Path | None = None, data_dir: Path | None = None,
           folder: Path | None = None, now: datetime | None = None, log: Callable[[str], None] = print) -> dict:
    """Load a checked file as the next release, rebuild the database with it; return the release record."""
    if not checked.ok:
        raise ReleaseError(f"{checked.file} has {len(checked.problems)} problem(s) and was not loaded")
    if not by or "@" not in by and "(command line" not in by:
        raise ReleaseError("a release records who loaded it: sign in first")
    folder, db = Path(folder or store()), Path(db or config.db_path())
    now = now or datetime.now(timezone.utc)
    with _locked(folder):
        done = releases(folder)
        if any(r["sha256"] == checked.sha256 and not r.get("reverted_at") for r in done):
            raise ReleaseError(f"{checked.file} is already loaded (same sha256)")
        number = max((r["release"] for r in done), default=0) + 1
        counts = checked.counts()
        record = dict(release=number, file=checked.file, sha256=checked.sha256, by=by,
                      at=now.isoformat(timespec="seconds"), **counts)
        staging = folder / f".{number:04d}.staging"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        tmp_db = None
        try:
            checked.values[VALUE_COLUMNS + ["Sheet", "Row"]].to_csv(staging / "values.csv", index=False)
            checked.indicators[INDICATOR_COLUMNS].to_csv(staging / "indicators.csv", index=False)
            (staging / f"original{Path(checked.file).suffix.lower() or '.csv'}").write_bytes(original)
            _write_json(staging / "release.json", record)
            tmp_db = _rebuild(db, [r["folder"] for r in done if not r.get("reverted_at")] + [staging], data_dir)
            os.rename(staging, folder / f"{number:04d}")
            os.replace(tmp_db, db)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            if tmp_db is not None:
                tmp_db.unlink(missing_ok=True)
    log(f"release {number}: {checked.file} loaded by {by} ({counts['new']} new, {counts['revised']} revised, "
        f"{counts['unchanged']} unchanged figures; {counts['indicators']} new indicators); database rebuilt at {db}")
    return record


def revert(number: int, by: str, db: Path | None = None, data_dir: Path | None = None, folder: Path | None = None,
           now: datetime | None = None, log: Callable[[str], None] = print) -> dict:
    """Revert a release: its figures go, those it replaced come back; the release stays on record."""
    if not by:
        raise ReleaseError("a revert records who made it: sign in first")
    folder, db = Path(folder or store()), Path(db or config.db_path())
    now = now or datetime.now(timezone.utc)
    with _locked(folder):
        done = releases(folder)
        target = next((r for r in done if r["release"] == number), None)
        if target is None:
            raise ReleaseError(f"there is no release {number}")
        if target.get("reverted_at"):
            raise ReleaseError(f"release {number} was already reverted by {target['reverted_by']} "
                               f"at {target['reverted_at']}")
        keep = [r["folder"] for r in done if not r.get("reverted_at") and r["release"] != number]
        tmp_db = _rebuild(db, keep, data_dir)
        try:
            record = dict(by=by, at=now.isoformat(timespec="seconds"))
            _write_json(target["folder"] / "reverted.json", record)
            os.replace(tmp_db, db)
        finally:
            tmp_db.unlink(missing_ok=True)
    log(f"release {number} ({target['file']}) reverted by {by}; database rebuilt at {db}")
    return {**target, "reverted_by": by, "reverted_at": record["at"]}


# ----------------------------------------------------------------- the build's side

def load(path: Path, ctx, shown: Callable[[Path], str]) -> dict[str, list[dict]]:
    """source_document, indicator and indicator_value rows of one release folder. Releases are loaded oldest
    first (a release may give figures of an indicator an earlier one describes); which release's figure is
    shown is decided by lybl.build.database.mark_preferred (by date, then source ID)."""
    out: dict[str, list[dict]] = {"source_document": [], "indicator": [], "indicator_value": []}
    record = _read_json(path / "release.json")
    number, sid = record["release"], source_id(record["release"])
    at = datetime.fromisoformat(record["at"])
    label = f"{shown(path)}/values.csv"
    source = dict(source_id=sid, title=f"Release {number}: {record['file']}",
                  publisher=f"uploaded by {record['by']}", published=at.date(), file=label, licence=LICENCE,
                  provenance=f"Loaded {record['at']} by {record['by']} from {record['file']} (sha256 "
                             f"{record['sha256'][:12]}): {record['new']} new and {record['revised']} revised "
                             "figures", is_synthetic=False, url=None)
    ctx.sources[sid] = source
    out["source_document"].append(source)
    for r in read_rows(path / "indicators.csv", INDICATOR_COLUMNS, label=f"{shown(path)}/indicators.csv"):
        iid = r.text("indicator_id")
        if iid in ctx.indicators:
            raise r.fail("indicator_id", f"release {number} describes '{iid}', which is already an indicator")
        row = dict(indicator_id=iid, name=r.text("name"), definition=r.text("definition", False),
                   unit=r.text("unit", False), value_type=r.text("value_type"), multiplier=r.number("multiplier"),
                   polarity=r.text("polarity"), source=r.text("source", False) or f"Release {number}",
                   source_url=r.text("source_url", False), fingertips_id=None, owner=r.text("owner", False),
                   source_ref=f"{record['file']}, sheet New indicators (release {number})", topic="Uploaded")
        ctx.indicators[iid] = row
        out["indicator"].append(row)
    for r in read_rows(path / "values.csv", VALUE_COLUMNS + ["Sheet", "Row"], label=label):
        period = r.period("Time period")
        sheet = r.text("Sheet", False)
        where = f"{record['file']}{f', sheet {sheet}' if sheet else ''}, row {r.text('Row')}"
        out["indicator_value"].append(dict(
            indicator_id=r.code("Indicator ID", ctx.indicators, "indicator"),
            area_code=r.code("Area Code", ctx.areas, "area"), period=period.period, period_label=period.label,
            period_start=period.start, period_end=period.end, sex=r.text("Sex"), age=r.text("Age"),
            category_type="", category="", value=r.number("Value"), lci95=r.number("Lower CI 95.0 limit"),
            uci95=r.number("Upper CI 95.0 limit"), lci998=None, uci998=None, count=r.number("Count"),
            denominator=r.number("Denominator"), value_text=None, value_note=r.text("Value note", False),
            published_comparison=None, published_trend=None, date_of_data=at.date(), source_id=sid,
            source_ref=f"release {number}: {where}", is_preferred=True, is_synthetic=False,
            is_suppressed=False, _file=label, _line=r.line))
    return out
