"""The app's connection follows a database rebuilt under a running server (ui.data)."""
from __future__ import annotations

import os
import shutil

import duckdb

from ui import data


def test_a_database_replaced_under_the_server_is_read_anew(tmp_path, built_db, monkeypatch):
    path = tmp_path / "lybl.duckdb"
    shutil.copy(built_db, path)
    monkeypatch.setenv("LYBL_DB", str(path))
    before = data._connection(*data._db_stamp()).execute("select count(*) from indicator").fetchone()[0]
    rebuilt = tmp_path / "rebuilt.duckdb"  # a rebuild writes beside and renames over, as lybl.build.database does
    shutil.copy(built_db, rebuilt)
    with duckdb.connect(str(rebuilt)) as con:
        con.execute("delete from indicator where indicator_id not in (select indicator_id from indicator limit 3)")
    os.utime(rebuilt, (path.stat().st_mtime + 5, path.stat().st_mtime + 5))
    os.replace(rebuilt, path)
    after = data._connection(*data._db_stamp()).execute("select count(*) from indicator").fetchone()[0]
    assert before > 3 and after == 3
