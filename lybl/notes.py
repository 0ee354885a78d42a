"""SPC chart notes kept outside the rebuilt database: events (a date and a label, drawn on the chart) and
target trajectory points (a date and the value planned for it, drawn as a line).

One JSON Lines file, ``spc_notes.jsonl``, in ``LYBL_STATE`` (as lybl.state keeps objective updates), only ever
appended, each line with the signed-in editor who wrote it::

    {"kind": "event", "indicator": "ae_4hr_performance", "area": "E54000059", "date": "2024-04-01",
     "label": "New triage model", "value": null, "entered_by": "a.name@example.org", "recorded_at": "..."}

A note is withdrawn by appending it again with ``"withdrawn": true``. The latest line for an event (series,
date and label: two events may share a date) or a trajectory point (series and month: a new value revises it)
wins.
"""
from __future__ import annotations

from datetime import date, datetime, timezone

import pandas as pd

from lybl.state import InvalidUpdate, append_line, read_lines, state_dir

FILE_NAME = "spc_notes.jsonl"
KINDS = ("event", "trajectory")
COLUMNS = ["kind", "indicator", "area", "date", "label", "value", "withdrawn", "entered_by", "recorded_at"]
MAX_LABEL = 80


def notes_path():
    return state_dir() / FILE_NAME


def version() -> tuple[int, int] | None:
    """The notes file's (modification time in ns, size), None before the first note: a cache key for anything
    drawn from the notes (an appended line changes both)."""
    try:
        stat = notes_path().stat()
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_size


def append_note(kind: str, indicator: str, area: str, day: date, entered_by: str, label: str = "",
                value: float | None = None, withdrawn: bool = False, now: datetime | None = None) -> dict:
    """Validate and append one note; refuses in plain words (InvalidUpdate) and writes nothing then."""
    problems = {}
    if kind not in KINDS:
        problems["kind"] = f"A note is an event or a trajectory point, not '{kind}'."
    label = (label or "").strip()
    if kind == "event" and not withdrawn and not label:
        problems["label"] = "An event needs a label (what happened), shown on the chart."
    if len(label) > MAX_LABEL:
        problems["label"] = f"The label is {len(label)} characters; keep it to {MAX_LABEL} so it fits the chart."
    if kind == "trajectory" and not withdrawn and (value is None or value != value):
        problems["value"] = "A trajectory point needs the value planned for that month."
    if not entered_by:
        problems["entered_by"] = "Only a signed-in editor can add a note."
    if problems:
        raise InvalidUpdate(problems)
    record = {"kind": kind, "indicator": indicator, "area": area, "date": day.isoformat(), "label": label,
              "value": None if value is None else float(value), "withdrawn": withdrawn, "entered_by": entered_by,
              "recorded_at": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")}
    append_line(notes_path(), record, "note")
    return record


def read_notes(indicator: str, area: str) -> pd.DataFrame:
    """The series' current notes (latest line per kind and date, withdrawn ones dropped), oldest first."""
    rows = [record for _, record in read_lines(notes_path(), "note")]
    if not rows:
        return pd.DataFrame(columns=COLUMNS)
    notes = pd.DataFrame(rows, columns=COLUMNS)
    notes = notes[(notes["indicator"] == indicator) & (notes["area"] == area)]
    notes = notes.assign(ident=notes["label"].where(notes["kind"] == "event", ""))
    notes = notes.drop_duplicates(["kind", "date", "ident"], keep="last").drop(columns="ident")
    notes = notes[~notes["withdrawn"].fillna(False).astype(bool)]
    notes["date"] = pd.to_datetime(notes["date"])
    return notes.sort_values("date").reset_index(drop=True)
