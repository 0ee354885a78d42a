"""1,000 generated corrupt upload files (tests/fuzz_uploads.py): 0 tracebacks, 0 partial loads, the database and
the state byte-identical after each, and a reason in words for every one. `make fuzz` prints the figures."""
from __future__ import annotations

import shutil

from lybl.build.uploads import known_from
from tests.fuzz_uploads import cases, run


def test_the_generated_files_are_each_corrupt_and_all_different():
    generated = cases(1000)
    assert len(generated) == 1000 and len({c.data for c in generated}) >= 900  # 931: some small workbooks coincide
    kinds = {c.defect.split(" (")[0] for c in generated}
    for kind in ("a 50 MB file", "a zip bomb named .xlsx", "merged cells", "a formula", "duplicate key",
                 "unknown area", "negative count", "interval misses", "an empty sheet", "wrong encoding",
                 "byte-order mark", "a date stored as a number in Time period", "text number"):
        assert kind in kinds, kind


def test_1000_corrupt_files_are_refused_in_words_and_change_nothing(con, built_db, tmp_path):
    db = tmp_path / "lybl.duckdb"
    shutil.copy(built_db, db)
    state = tmp_path / "state"
    (state / "releases").mkdir(parents=True)
    report = run(known_from(con), db, state, 1000)
    assert report.tracebacks == []
    assert report.passed == []  # every defect was caught
    assert report.partial == [] and report.db_identical
    assert report.unclear == []
    assert report.refused == report.files == 1000
