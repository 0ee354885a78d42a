"""The committed extracts (data/extracts): cut deterministically from the publisher files, within budget,
described by their manifest, and building exactly the database the publisher files build."""
from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lybl import config
from lybl.build.database import build
from lybl.errors import ValidationError
from lybl.build.extract import BUDGET, MANIFEST, extract, read_catalogue, read_manifest
from lybl.build.ingest import opendata
from tests.csv_edit import edit_csv

EXTRACTS = config.EXTRACTS_DIR
#: the tables a page reads that come from open data: compared row for row between the two builds
TABLES = {"indicator_value": "indicator_id, area_code, period, sex, age, category_type, category, source_id",
          "area": "area_code", "area_shape": "area_type, area_code", "area_age": "area_code, age_band",
          "area_deprivation": "area_code, decile", "ward_2025_lap": "ward_code", "indicator": "indicator_id",
          "benchmark": "all", "trend": "all"}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def fresh(mirror, tmp_path_factory) -> Path:
    """Extracts cut now from the publisher files."""
    out = tmp_path_factory.mktemp("extracts") / "extracts"
    extract(mirror, out=out, log=lambda line: None)
    return out


def test_the_committed_extracts_are_what_extract_cuts_from_the_publisher_files(fresh):
    committed = files(EXTRACTS)
    assert committed == files(fresh), ("data/extracts differs from a fresh cut of the publisher files: "
                                       "run `python -m lybl extract --from ../shared` and commit")


def test_extract_is_deterministic(mirror, fresh, tmp_path):
    again = tmp_path / "again"
    extract(mirror, out=again, log=lambda line: None)
    assert files(again) == files(fresh)


def test_the_extracts_fit_the_budget_and_the_manifest_describes_each():
    manifest = read_manifest(EXTRACTS)
    parquet = sorted(str(p.relative_to(EXTRACTS)) for p in EXTRACTS.rglob("*.parquet"))
    assert sorted(m["extract"] for m in manifest) == parquet
    assert sum(p.stat().st_size for p in EXTRACTS.rglob("*") if p.is_file()) <= BUDGET
    catalogue = read_catalogue(config.DATA_DIR / "extract_sources.csv")
    for m in manifest:
        assert digest(EXTRACTS / m["extract"]) == m["sha256"], m["extract"]
        assert int(m["rows"]) == pq.read_metadata(EXTRACTS / m["extract"]).num_rows
        assert len(m["source_sha256"]) == 64 and int(m["source_bytes"]) > int(m["bytes"]) // 4
        assert m["licence"] and m["attribution"] and m["url"].startswith("http"), m["extract"]
        assert {k: m[k] for k in catalogue[m["file"]]} == catalogue[m["file"]]


def test_a_build_from_the_extracts_equals_a_build_from_the_publisher_files(mirror, built_db, tmp_path):
    from_publisher = tmp_path / "publisher.duckdb"
    build(db=from_publisher, open_data=mirror, log=lambda line: None)
    with duckdb.connect(str(built_db), read_only=True) as a, duckdb.connect(str(from_publisher), read_only=True) as b:
        for table, order in TABLES.items():
            sql = f"select * from {table} order by {order}"
            left, right = a.execute(sql).df(), b.execute(sql).df()
            assert len(left) > 0, table
            assert left.equals(right), f"{table} differs between the two builds"


def test_the_build_reads_the_extracts_and_never_the_publisher_folder(built_db):
    with duckdb.connect(str(built_db), read_only=True) as con:
        info = dict(con.execute("select key, value from build_info").fetchall())
        shapes = con.execute("select area_type, count(*) from area_shape group by 1 order by 1").fetchall()
    assert info["open_data"] == "data/extracts"
    assert shapes == [("LAP", 17), ("LSOA", 443), ("Ward", 57)]


# ----------------------------------------------------------------- bad input

def _extracts_copy(tmp_path: Path) -> Path:
    target = tmp_path / "extracts"
    shutil.copytree(EXTRACTS, target)
    return target


def test_a_bad_cell_in_an_extract_names_the_publishers_file_row_and_column(tmp_path):
    folder = _extracts_copy(tmp_path)
    path = folder / "data/census2021_ts037_general_health_lsoa21.parquet"
    table = pq.read_table(path)
    counts = table.column("count").to_pylist()
    counts[4] = "many"
    pq.write_table(table.set_column(table.column_names.index("count"), "count", pa.array(counts)), path)
    line = table.column("_line")[4].as_py()
    with pytest.raises(ValidationError) as error:
        build(db=tmp_path / "x.duckdb", open_data=folder, log=lambda line: None)
    message = str(error.value)
    assert message.startswith("data/census2021_ts037_general_health_lsoa21.csv (extract data/census2021_ts037")
    assert f"row {line}, column 'count': 'many' is not a number" in message
    assert not (tmp_path / "x.duckdb").exists()


def test_a_truncated_extract_stops_the_build_with_its_name(tmp_path):
    folder = _extracts_copy(tmp_path)
    path = folder / "data/imd2025_lsoa21_domains.parquet"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ValidationError, match=r"imd2025_lsoa21_domains\.parquet\): not a readable Parquet file"):
        build(db=tmp_path / "x.duckdb", open_data=folder, log=lambda line: None)


def test_an_extract_missing_a_column_says_which(tmp_path):
    folder = _extracts_copy(tmp_path)
    path = folder / "geo/population_census2021_ward_bestfit.parquet"
    pq.write_table(pq.read_table(path).drop_columns(["USUAL_RESIDENTS_CENSUS2021"]), path)
    with pytest.raises(ValidationError, match="row 1, column 'USUAL_RESIDENTS_CENSUS2021': column missing"):
        build(db=tmp_path / "x.duckdb", open_data=folder, log=lambda line: None)


def _publisher_copy(mirror: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "publisher"
    for rel in read_catalogue(config.DATA_DIR / "extract_sources.csv"):
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).symlink_to(mirror / rel)
    return folder


def test_a_bad_publisher_row_stops_extract_and_leaves_the_extracts_unchanged(mirror, tmp_path):
    source, out = _publisher_copy(mirror, tmp_path), _extracts_copy(tmp_path)
    before = files(out)
    rel = "data/ons_health_index_scores_all_areas.csv"
    (source / rel).unlink()

    def edit(rows):
        rows[9]["index_score"] = "n/a"
    edit_csv(mirror / rel, source / rel, edit)
    with pytest.raises(ValidationError, match=r"ons_health_index_scores_all_areas\.csv, row 11, column 'index_score'"):
        extract(source, out=out, log=lambda line: None)
    assert files(out) == before


def test_a_missing_publisher_file_is_named_and_nothing_is_written(mirror, tmp_path):
    source, out = _publisher_copy(mirror, tmp_path), _extracts_copy(tmp_path)
    before = files(out)
    (source / "geo/wards_wd22_northants_bgc.geojson").unlink()
    with pytest.raises(ValidationError, match="publisher files missing: geo/wards_wd22_northants_bgc.geojson"):
        extract(source, out=out, log=lambda line: None)
    assert files(out) == before


def test_the_catalogue_lists_exactly_the_files_the_build_reads(tmp_path):
    with opendata.recording() as uses:
        build(db=tmp_path / "x.duckdb", open_data=EXTRACTS, log=lambda line: None)
    assert sorted(uses) == sorted(read_catalogue(config.DATA_DIR / "extract_sources.csv"))


def test_the_manifest_is_plain_csv_a_reader_can_open():
    with open(EXTRACTS / MANIFEST, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header[:3] == ["extract", "file", "source_id"] and "attribution" in header and "sha256" in header


def test_over_the_budget_nothing_is_written(mirror, tmp_path, monkeypatch):
    import lybl.build.extract
    out = _extracts_copy(tmp_path)
    before = files(out)
    monkeypatch.setattr(lybl.build.extract, "BUDGET", 100_000)
    with pytest.raises(ValidationError, match=r"extracts total 1,\d{3},\d{3} bytes, over the budget of 100,000"):
        extract(mirror, out=out, log=lambda line: None)
    assert files(out) == before and not list(tmp_path.glob(".extracts*"))


def test_keep_others_refreshes_one_file_and_keeps_the_rest(mirror, tmp_path):
    import subprocess
    import sys
    source, out = tmp_path / "one", _extracts_copy(tmp_path)
    rel = "geo/population_census2021_ward_bestfit.csv"
    (source / "geo").mkdir(parents=True)
    shutil.copy(mirror / rel, source / rel)
    done = subprocess.run([sys.executable, "-m", "lybl", "extract", "--from", str(source), "--out", str(out)],
                          capture_output=True, text=True, cwd=config.ROOT)
    assert done.returncode == 1 and "--keep-others" in done.stderr
    done = subprocess.run([sys.executable, "-m", "lybl", "extract", "--from", str(source), "--out", str(out),
                           "--keep-others"], capture_output=True, text=True, cwd=config.ROOT)
    assert done.returncode == 0, done.stderr
    assert f"extracted {rel}" in done.stdout and done.stdout.count("kept ") == 18
    assert files(out) == files(EXTRACTS)  # the same publisher file: the same extract, and the rest as they were
