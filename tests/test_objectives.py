"""Objective tracker: update validation, the append-only log (LYBL_STATE) and the /objectives page."""
import html
import csv
import json
import subprocess
from datetime import date, datetime, timezone

import pytest
from streamlit.testing.v1 import AppTest

from lybl import state
from lybl.config import DATA_DIR, ROOT

REFS = ["1.1", "1.2", "2.1"]
TODAY = date(2025, 1, 6)
GOOD = dict(ref="1.1", quarter="2024/25 Q3", rag="Green", narrative="  Pathway agreed.  ", entered_by=" Jo Smith ")
ENTRY = str(ROOT / "dashboard.py")
SEED004 = list(csv.DictReader((DATA_DIR / "seed004_objectives.csv").open(encoding="utf-8")))


@pytest.fixture
def store(tmp_path, monkeypatch):
    folder = tmp_path / "state"
    monkeypatch.setenv("LYBL_STATE", str(folder))
    return folder / state.FILE_NAME


def validate(**changes):
    return state.validate_update(**{**GOOD, **changes}, known_refs=REFS, today=TODAY)


# --- validation -----------------------------------------------------------------------------------------

def test_good_update_is_accepted_and_cleaned():
    assert validate() == {"ref": "1.1", "quarter": "2024/25 Q3", "rag": "Green",
                          "narrative": "Pathway agreed.", "entered_by": "Jo Smith"}
    assert validate(rag="complete")["rag"] == "Complete"
    assert validate(quarter="1999/00 Q4")["quarter"] == "1999/00 Q4"
    assert validate(narrative="x" * state.MAX_NARRATIVE)["narrative"] == "x" * state.MAX_NARRATIVE


@pytest.mark.parametrize("field, value, message", [
    ("quarter", "2024 Q3", "is not a financial quarter: write it like 2024/25 Q3"),
    ("quarter", "2024/25 Q5", "is not a financial quarter"),
    ("quarter", "2024-25 Q1", "is not a financial quarter"),
    ("quarter", "", "Quarter is empty"),
    ("quarter", "2024/26 Q1", "the two years must be consecutive (2024/25)"),
    ("quarter", "2025/26 Q1", "has not started yet (this is 2024/25 Q4)"),
    ("rag", "Blue", "Status 'Blue' is not one of Red, Amber, Green or Complete"),
    ("rag", None, "Choose a status"),
    ("narrative", "   \n ", "Narrative is empty"),
    ("narrative", "x" * 2001, "Narrative is 2,001 characters; the limit is 2,000"),
    ("entered_by", "  ", "No one is signed in"),
    ("entered_by", "x" * 101, "a name is at most 100"),
    ("ref", "9.9", "Unknown objective '9.9'"),
])
def test_each_bad_input_is_refused_in_plain_words(field, value, message):
    with pytest.raises(state.InvalidUpdate) as refused:
        validate(**{field: value})
    assert list(refused.value.problems) == [field]
    assert message in refused.value.problems[field]
    assert message in str(refused.value)


def test_every_problem_is_named_at_once():
    with pytest.raises(state.InvalidUpdate) as refused:
        state.validate_update("1.1", "Q3", "Purple", "", "", known_refs=REFS, today=TODAY)
    assert set(refused.value.problems) == {"quarter", "rag", "narrative", "entered_by"}


def test_quarter_of_a_day():
    assert state.quarter_of(date(2024, 4, 1)) == "2024/25 Q1"
    assert state.quarter_of(date(2024, 11, 5)) == "2024/25 Q3"
    assert state.quarter_of(date(2025, 3, 31)) == "2024/25 Q4"
    assert state.quarter_of(date(2099, 12, 1)) == "2099/00 Q3"


# --- the append-only log ----------------------------------------------------------------------------------

def test_state_folder_follows_lybl_state(store, monkeypatch):
    assert state.updates_path() == store
    monkeypatch.delenv("LYBL_STATE")
    assert state.state_dir() == ROOT / "state"


def test_default_state_folder_is_git_ignored_and_outside_the_database_folder():
    assert not (ROOT / "state").is_relative_to(DATA_DIR)
    ignored = subprocess.run(["git", "check-ignore", "-q", "state/objective_updates.jsonl"], cwd=ROOT)
    assert ignored.returncode == 0, "state/ must be git-ignored"


def test_no_file_reads_as_an_empty_frame_with_the_columns(store):
    updates = state.read_updates()
    assert updates.empty and list(updates.columns) == state.COLUMNS
    assert state.latest(updates).empty


def test_append_keeps_history_byte_for_byte(store):
    first = state.append_update(**GOOD, known_refs=REFS, now=datetime(2025, 1, 6, 9, 30, 12, tzinfo=timezone.utc))
    assert first["recorded_at"] == "2025-01-06T09:30:12+00:00"
    before = store.read_bytes()
    second = state.append_update(**{**GOOD, "rag": "Amber", "narrative": "Correction: slipped."}, known_refs=REFS)
    after = store.read_bytes()
    assert after.startswith(before) and after.count(b"\n") == 2
    assert [json.loads(line) for line in after.decode().splitlines()] == [first, second]
    assert datetime.fromisoformat(second["recorded_at"]).utcoffset().total_seconds() == 0
    updates = state.read_updates()
    assert list(updates["rag"]) == ["Green", "Amber"]
    assert state.latest(updates).loc["1.1", "rag"] == "Amber"  # a correction is a new update


def test_a_refused_update_writes_nothing(store):
    with pytest.raises(state.InvalidUpdate):
        state.append_update(**{**GOOD, "narrative": ""}, known_refs=REFS)
    assert not store.exists()


def test_history_is_latest_quarter_first_then_last_recorded(store):
    for quarter, rag in [("2024/25 Q2", "Red"), ("2024/25 Q3", "Amber"), ("2024/25 Q1", "Green"),
                         ("2024/25 Q3", "Complete")]:
        state.append_update(**{**GOOD, "quarter": quarter, "rag": rag}, known_refs=REFS,
                            now=datetime(2025, 1, 6, tzinfo=timezone.utc))
    history = state.history(state.read_updates())
    assert list(history["rag"]) == ["Complete", "Amber", "Red", "Green"]
    assert state.latest(state.read_updates()).loc["1.1", "quarter"] == "2024/25 Q3"


def test_unusual_text_stays_on_one_line(store):
    narrative = "Line one\nline two\u2028and \"quoted\" — £5 ✅"
    state.append_update(**{**GOOD, "narrative": narrative}, known_refs=REFS)
    assert store.read_bytes().count(b"\n") == 1
    assert state.read_updates().loc[0, "narrative"] == narrative


@pytest.mark.parametrize("bad_line, reason", [
    ("{not json", "not a valid update"),
    ('["a list"]', "expected an object"),
    ('{"ref": "1.1"}', "missing or empty quarter, rag, narrative, entered_by, recorded_at"),
])
def test_a_malformed_line_is_named(store, bad_line, reason):
    state.append_update(**GOOD, known_refs=REFS)
    with store.open("a") as file:
        file.write("\n" + bad_line + "\n")  # line 2 blank, line 3 bad
    with pytest.raises(state.StateFileError) as error:
        state.read_updates()
    assert f"{store}, line 3: " in str(error.value) and reason in str(error.value)


def test_a_cut_short_line_is_kept_apart_from_the_next_update(store):
    store.parent.mkdir()
    store.write_bytes(b'{"ref": "1.1", "quar')
    state.append_update(**GOOD, known_refs=REFS)
    assert store.read_bytes().startswith(b'{"ref": "1.1", "quar\n{')
    with pytest.raises(state.StateFileError, match="line 1"):
        state.read_updates()


def test_updates_survive_a_rebuild(store, tmp_path):
    from lybl.build.database import build
    state.append_update(**GOOD, known_refs=REFS)
    before = store.read_bytes()
    build(db=tmp_path / "lybl.duckdb", open_data=None, log=lambda line: None)
    assert store.read_bytes() == before


# --- the page ---------------------------------------------------------------------------------------------

def objectives_page(**query) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("pages/objectives.py").run()


def chooser(at):
    return next(box for box in at.selectbox if box.label == "Objective")


@pytest.fixture
def editor(monkeypatch):
    """A signed-in editor, by the documented local-development mode (no [auth] configured)."""
    monkeypatch.setenv("LYBL_DEV_EDITOR", "jo.smith@example.org")
    return "jo.smith@example.org"


def fill(at, quarter, rag, narrative):
    at.text_input(key="update_quarter").set_value(quarter)
    at.radio(key="update_rag").set_value(rag)
    at.text_area(key="update_narrative").set_value(narrative)
    return at.button(key="update_submit").click().run()


def objectives_table(at) -> str:
    """The HTML of the objectives table on the page."""
    return next(h.proto.body for h in at.get("html") if "SMART measure" in h.proto.body)


def test_page_says_these_are_another_systems_objectives(built_db, store):
    at = objectives_page()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Example objectives from Mid-Nottinghamshire ICP, 2020/21 (seed 004) — not Northamptonshire's" \
        in at.warning[0].value
    table = objectives_table(at)
    refs = [row["ref"] for row in SEED004]
    assert [table.index(f"<td>{ref}</td>") for ref in refs] == sorted(table.index(f"<td>{ref}</td>") for ref in refs)
    assert html.escape(SEED004[0]["objective"]) in table
    assert table.count("— no update yet") == len(SEED004)
    assert any("Query:" in c.value and "objectives.sql" in c.value for c in at.caption)
    assert any(str(store) in c.value for c in at.caption)


def test_objective_is_deep_linked(built_db, store):
    row = SEED004[4]
    at = objectives_page(objective=row["ref"])
    assert chooser(at).value == row["ref"]
    assert any(f"{row['ref']}. {row['objective']}" in m.value for m in at.markdown)
    assert any("No quarterly updates" in i.value for i in at.info)
    chooser(at).set_value(SEED004[1]["ref"]).run()
    assert at.query_params["objective"] == SEED004[1]["ref"]
    unknown = objectives_page(objective="9.9")
    assert any("Unknown objective '9.9'" in w.value for w in unknown.warning)


def test_an_anonymous_session_sees_no_update_form(built_db, store, monkeypatch):
    monkeypatch.delenv("LYBL_DEV_EDITOR", raising=False)
    at = objectives_page(objective="2.1")
    assert not at.exception
    assert not [b for b in at.button if b.key == "update_submit"] and not at.text_area
    assert any("Read-only" in i.value and "LYBL_EDITORS" in i.value for i in at.info)


def test_bad_update_shows_errors_and_writes_nothing(built_db, store, editor):
    at = fill(objectives_page(objective="2.1"), "2024 Q3", None, "  ")
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "2024/25 Q3" in errors and "Choose a status" in errors and "Narrative is empty" in errors
    assert not store.exists()
    assert at.text_input(key="update_quarter").value == "2024 Q3"  # nothing typed is lost


def test_good_update_is_appended_and_shown(built_db, store, editor):
    at = fill(objectives_page(objective="2.1"), "2024/25 Q2", "Amber", "Services mapped; two gaps found.")
    assert not at.exception and not at.error, [e.value for e in at.error]
    lines = store.read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["narrative"] == "Services mapped; two gaps found."
    assert any("Update saved for 2.1" in s.value for s in at.success)
    history = at.table[0].value
    assert list(history["Narrative"]) == ["Services mapped; two gaps found."]
    assert list(history["Status"].str.replace("\xa0", " ")) == ["🟠 Amber"]
    assert list(history["By"]) == [editor]  # the signed-in address, not a typed name
    assert json.loads(lines[0])["entered_by"] == editor
    row = objectives_table(at).split("<td>2.1</td>", 1)[1].split("</tr>", 1)[0]
    assert "🟠 Amber" in row and "2024/25 Q2" in row
    assert at.text_area(key="update_narrative").value == ""  # ready for the next update


def test_unreadable_log_is_named_and_blocks_new_updates(built_db, store, editor):
    store.parent.mkdir()
    store.write_text("{broken\n")
    at = objectives_page()
    assert not at.exception
    assert any(f"{store}, line 1" in e.value for e in at.error)
    assert not [b for b in at.button if b.key == "update_submit"]
    assert store.read_text() == "{broken\n"
