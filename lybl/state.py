"""Objective tracker updates: an append-only log kept outside the rebuilt database.

The database is rebuilt from ``data/`` at will, so what people enter lives elsewhere: one
JSON Lines file, ``objective_updates.jsonl``, in the folder named by ``LYBL_STATE``
(default ``state/`` at the repository root, git-ignored). Each line is one quarterly update
of one objective, with the e-mail address of the signed-in editor who made it (ui.auth)::

    {"ref": "1.1", "quarter": "2024/25 Q3", "rag": "Green", "narrative": "...",
     "entered_by": "a.name@example.org", "recorded_at": "2025-01-06T09:30:12+00:00"}

Updates are only ever appended (one write, flushed and fsynced); none is edited or deleted:
a correction is a new update, and the newest update of the latest quarter is the status.
Statuses are Red, Amber, Green and Complete (for an objective that has been achieved).
"""
from __future__ import annotations

import json
import os
import re
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from lybl.config import ROOT
from lybl.errors import LyblError

FILE_NAME = "objective_updates.jsonl"
COLUMNS = ["ref", "quarter", "rag", "narrative", "entered_by", "recorded_at"]
RAG = ("Red", "Amber", "Green", "Complete")
#: each status as an icon and its word, so it is never shown by colour alone
RAG_LABELS = {"Red": "🔴 Red", "Amber": "🟠 Amber", "Green": "🟢 Green", "Complete": "✅ Complete"}
MAX_NARRATIVE = 2000
MAX_NAME = 100
_QUARTER = re.compile(r"(\d{4})/(\d{2}) Q([1-4])")


class InvalidUpdate(LyblError):
    """An update was refused. ``problems`` maps each field to a plain-words reason."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("The update was not saved: " + " ".join(problems.values()))


class StateFileError(LyblError):
    """The update log cannot be read or written; names the file (and line)."""


def state_dir() -> Path:
    """Folder of the update log: LYBL_STATE, default ``state/`` at the repository root."""
    return Path(os.environ.get("LYBL_STATE") or ROOT / "state")


def updates_path() -> Path:
    return state_dir() / FILE_NAME


def quarter_of(day: date) -> str:
    """The financial quarter (April to March) a day falls in, e.g. 2024-11-05 -> '2024/25 Q3'."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d} Q{(day.month - 4) % 12 // 3 + 1}"


def _quarter_problem(quarter: str, today: date) -> str | None:
    match = _QUARTER.fullmatch(quarter)
    if not match:
        return (f"Quarter '{quarter}' is not a financial quarter: write it like 2024/25 Q3 "
                "(the financial year, a space, then Q1 to Q4).") if quarter else \
            "Quarter is empty: write it like 2024/25 Q3."
    start, end, _ = match.groups()
    if (int(start) + 1) % 100 != int(end):
        return (f"Quarter '{quarter}': {start}/{end} is not a financial year; "
                f"the two years must be consecutive ({start}/{(int(start) + 1) % 100:02d}).")
    if quarter > quarter_of(today):
        return f"Quarter '{quarter}' has not started yet (this is {quarter_of(today)})."
    return None


def validate_update(ref, quarter, rag, narrative, entered_by, known_refs, today: date | None = None) -> dict:
    """Check one update; return it cleaned (stripped, canonical status) or raise InvalidUpdate naming every problem."""
    ref, quarter = str(ref or "").strip(), str(quarter or "").strip()
    rag = str(rag or "").strip()
    narrative, entered_by = str(narrative or "").strip(), str(entered_by or "").strip()
    today = today or datetime.now(timezone.utc).date()
    problems = {}
    if ref not in {str(r) for r in known_refs}:
        problems["ref"] = f"Unknown objective '{ref}'." if ref else "Choose an objective."
    if problem := _quarter_problem(quarter, today):
        problems["quarter"] = problem
    canonical = {word.lower(): word for word in RAG}
    if rag.lower() not in canonical:
        problems["rag"] = (f"Status '{rag}' is not one of Red, Amber, Green or Complete." if rag else
                           "Choose a status: Red, Amber, Green or Complete.")
    if not narrative:
        problems["narrative"] = "Narrative is empty: say what happened this quarter."
    elif len(narrative) > MAX_NARRATIVE:
        problems["narrative"] = f"Narrative is {len(narrative):,} characters; the limit is {MAX_NARRATIVE:,}."
    if not entered_by:
        problems["entered_by"] = "No one is signed in: sign in to add an update (it records who made it)."
    elif len(entered_by) > MAX_NAME:
        problems["entered_by"] = f"Entered by is {len(entered_by):,} characters; a name is at most {MAX_NAME}."
    if problems:
        raise InvalidUpdate(problems)
    return {"ref": ref, "quarter": quarter, "rag": canonical[rag.lower()], "narrative": narrative,
            "entered_by": entered_by}


def append_update(ref, quarter, rag, narrative, entered_by, known_refs, now: datetime | None = None) -> dict:
    """Validate an update, stamp it with the UTC time and append it as one line; return the record.

    The file is opened for appending and written once, then fsynced; existing lines are never
    rewritten or truncated (only the last byte is looked at, to keep a cut-short line on its own).
    """
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    record = validate_update(ref, quarter, rag, narrative, entered_by, known_refs, today=now.date())
    record["recorded_at"] = now.isoformat(timespec="seconds")
    append_line(updates_path(), record, "update")
    return record


def append_line(path: Path, record: dict, what: str = "record") -> None:
    """Append ``record`` as one JSON line to an append-only log (the objective updates, lybl.notes).

    The file is opened for appending and written once, then fsynced; existing lines are never
    rewritten or truncated (only the last byte is looked at, to keep a cut-short line on its own).
    """
    line = (json.dumps(record, ensure_ascii=True) + "\n").encode("ascii")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        created = not path.exists()
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = b"\n" + line  # an earlier write was cut short: keep it on its own (reported) line
            if os.write(fd, line) != len(line):
                raise OSError(0, f"the disk accepted only part of the {what}")
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:  # make the new file's name durable too
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except OSError as error:
        raise StateFileError(f"{path}: the {what} could not be saved ({error.strerror or error})") from None


def read_lines(path: Path, what: str = "record") -> list[tuple[int, dict]]:
    """(line number, object) of every line of an append-only log; [] when there is no file yet."""
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise StateFileError(f"{path}: cannot be read ({getattr(error, 'strerror', None) or error})") from None
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise StateFileError(f"{path}, line {number}: not a valid {what} ({error.msg})") from None
        if not isinstance(record, dict):
            raise StateFileError(f"{path}, line {number}: not a valid {what} (expected an object)")
        records.append((number, record))
    return records


def no_updates() -> pd.DataFrame:
    """An empty frame of updates, with the columns."""
    return pd.DataFrame(columns=COLUMNS, dtype="object")


def read_updates() -> pd.DataFrame:
    """Every update, in the order recorded (empty, with the columns, when there is no file yet)."""
    path = updates_path()
    if not path.exists():
        return no_updates()
    records = []
    for number, record in read_lines(path, "update"):
        missing = [c for c in COLUMNS if not isinstance(record.get(c), str) or not record[c].strip()]
        if missing:
            raise StateFileError(f"{path}, line {number}: missing or empty {', '.join(missing)}")
        if record["rag"] not in RAG or not _QUARTER.fullmatch(record["quarter"]):
            raise StateFileError(f"{path}, line {number}: status '{record['rag']}' or quarter "
                                 f"'{record['quarter']}' is not valid")
        records.append({c: record[c] for c in COLUMNS})
    return pd.DataFrame(records, columns=COLUMNS, dtype="object")


def history(updates: pd.DataFrame) -> pd.DataFrame:
    """Updates newest first: latest quarter first, and within a quarter the last recorded first."""
    return updates.iloc[::-1].sort_values("quarter", ascending=False, kind="stable").reset_index(drop=True)


def latest(updates: pd.DataFrame) -> pd.DataFrame:
    """Each objective's current status: the last recorded update of its latest quarter, indexed by ref."""
    return history(updates).drop_duplicates("ref").set_index("ref")
