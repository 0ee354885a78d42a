"""`python -m lybl load fingertips FILE.csv`: a Fingertips "all data" CSV imported as published, shown on the
pages with no code change, and bad files refused whole with file, row and column (tests/fingertips_sample.py
makes the files; their figures are made up and say so)."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from lybl import config
from lybl.errors import ValidationError
from lybl.build.imports import load_fingertips, read_manifest
from lybl.build.ingest.fingertips_csv import agreement
from tests import fingertips_sample as sample

ENTRY = str(config.ROOT / "dashboard.py")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


@pytest.fixture
def place(tmp_path, built_db) -> dict:
    """A scratch database (a copy of the session's) and an empty imports folder."""
    db = tmp_path / "lybl.duckdb"
    shutil.copy(built_db, db)
    return {"db": db, "imports": tmp_path / "imports", "tmp": tmp_path}


@pytest.fixture(scope="module")
def imported(tmp_path_factory, built_db) -> dict:
    """The sample and its metadata imported once into a scratch database."""
    tmp = tmp_path_factory.mktemp("import")
    db = tmp / "lybl.duckdb"
    shutil.copy(built_db, db)
    entry = load_fingertips(sample.write(tmp / "indicators-data.csv"), metadata=sample.write_metadata(tmp / "meta.csv"),
                            imports=tmp / "imports", db=db, log=lambda line: None)
    return {"db": db, "imports": tmp / "imports", "entry": entry}


def test_rows_of_known_areas_are_kept_and_the_others_counted(imported):
    entry = imported["entry"]
    assert entry["dropped"] == "GPs 4"
    assert int(entry["rows_kept"]) == int(entry["rows_in_file"]) - 4
    assert read_manifest(imported["imports"]) == [{k: str(v) for k, v in entry.items()}]
    with duckdb.connect(str(imported["db"]), read_only=True) as con:
        areas = {a for (a,) in con.execute("select distinct area_code from indicator_value "
                                           "where source_id = 'fingertips'").fetchall()}
    assert {"E92000001", "E06000061", "E06000062", "E06000016"} <= areas and "A81001" not in areas
    assert sum(a.startswith("E05") for a in areas) == 57  # every 2021-25 ward: figures below the Places


def test_figures_are_stored_as_published_with_fingertips_words_beside_ours(imported):
    published = {(r["Area Code"], r["Time period"]): r for r in sample.rows() if r["Indicator ID"] == sample.JUDGED}
    with duckdb.connect(str(imported["db"]), read_only=True) as con:
        got = con.execute("""select area_code, period_label, value, lci95, uci998, count, denominator,
                                    published_comparison, published_trend, source_ref, date_of_data
                             from indicator_value where indicator_id = 'fingertips_90999'""").df()
    assert set(got["date_of_data"].astype(str)) == {imported["entry"]["imported_on"]}  # known since the import
    for r in got.itertuples():
        row = published[(r.area_code, r.period_label)]
        assert r.value == pytest.approx(float(row["Value"]), abs=1e-9)
        assert r.lci95 == pytest.approx(float(row["Lower CI 95.0 limit"]), abs=1e-9)
        assert r.uci998 == pytest.approx(float(row["Upper CI 99.8 limit"]), abs=1e-9)
        assert (r.count, r.denominator) == (float(row["Count"]), float(row["Denominator"]))
        assert r.published_comparison == row["Compared to England value or percentiles"]
        assert r.source_ref.startswith("indicators-data.csv:")


def test_metadata_names_the_indicator_and_gives_its_polarity(imported):
    with duckdb.connect(str(imported["db"]), read_only=True) as con:
        meta = con.execute("select * from indicator where fingertips_id in (90998, 90999) order by 1").df()
    judged, unjudged = meta.set_index("fingertips_id").loc[90999], meta.set_index("fingertips_id").loc[90998]
    assert judged["name"] == "TEST SAMPLE: Physically active adults (not real data)"
    assert (judged["polarity"], judged["value_type"], judged["unit"]) == ("high_is_good", "proportion", "%")
    assert unjudged["polarity"] == "no_judgement" and judged["topic"] == "Fingertips, imported"


def test_without_metadata_names_come_from_the_file_and_polarity_from_its_comparisons(place):
    load_fingertips(sample.write(place["tmp"] / "data.csv"), imports=place["imports"], db=place["db"],
                    log=lambda line: None)
    with duckdb.connect(str(place["db"]), read_only=True) as con:
        meta = con.execute("select * from indicator where fingertips_id in (90998, 90999)").df()
    meta = meta.set_index("fingertips_id")
    assert meta.loc[90999, "name"] == sample.NAMES[sample.JUDGED]
    assert meta.loc[90999, "polarity"] == "high_is_good"  # "Better 95%" above England's value
    assert "inferred from Fingertips' own comparisons" in meta.loc[90999, "definition"]
    assert meta.loc[90998, "polarity"] == "no_judgement" and "data file's names only" in meta.loc[90998, "definition"]


def test_our_recomputed_comparisons_agree_with_fingertips(imported):
    from lybl.read.freshness import fingertips_agreement
    with duckdb.connect(str(imported["db"]), read_only=True) as con:
        summary, disagree = fingertips_agreement(con)
    assert summary["compared"] == 2 * 2 * 5 + 57 and summary["agree"] == summary["compared"] and disagree.empty


@pytest.mark.parametrize("theirs, ours95, ours998, expected", [
    ("Better 95%", "better", "better (95%)", True), ("Worse 95%", "similar", "similar", False),
    ("Similar", "similar", "similar", True), ("Similar", "better", "better (95%)", True),  # a 99.8% profile
    ("Better 99.8%", "better", "better (95%)", False), ("Higher", "higher", "higher (99.8%)", True),
    ("Not compared", "better", "better", None), ("Better", "better", "better", True)])
def test_agreement_reads_fingertips_words(theirs, ours95, ours998, expected):
    assert agreement(theirs, ours95, ours998) is expected


def test_the_imported_indicator_shows_on_compare_and_indicator(imported, monkeypatch):
    monkeypatch.setenv("LYBL_DB", str(imported["db"]))
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.query_params.update({"view": "overview", "group": "topic-fingertips-imported"})
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    rug = " ".join(h.proto.body for h in at.get("html"))
    assert "TEST SAMPLE: Physically active adults (not real data)" in rug and "fingertips_90999" in rug
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.query_params["indicator"] = "fingertips_90999"
    at.switch_page("pages/indicator.py").run()
    assert not at.exception
    assert [h.value for h in at.header] == ["TEST SAMPLE: Physically active adults (not real data)"]
    words = " ".join(str(m.value) for m in at.markdown)
    assert "North Northamptonshire" in words and "worse than England" in words  # 41% against England's 48%


def test_an_imported_indicator_with_ward_rows_is_mapped_by_ward(imported, monkeypatch):
    import json
    monkeypatch.setenv("LYBL_DB", str(imported["db"]))
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.query_params.update({"indicator": "fingertips_90999", "level": "ward", "compare": "england"})
    at.run()
    at.switch_page("pages/maps.py").run()
    assert not at.exception
    assert next(sb for sb in at.selectbox if sb.label == "Indicator").value == "fingertips_90999"
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    words = {t["name"] for t in figure["data"] if t.get("fill") == "toself"}
    assert {"better than England", "worse than England"} <= words  # wards either side of England's 48%


# ----------------------------------------------------------------- bad files: refused whole

def _refused(place, path: Path, match: str) -> None:
    before = digest(place["db"])
    with pytest.raises(ValidationError, match=match):
        load_fingertips(path, imports=place["imports"], db=place["db"], log=lambda line: None)
    assert digest(place["db"]) == before and not place["imports"].exists()


def test_a_changed_header_is_named(place):
    rows = [{k: v for k, v in r.items() if k != "Time period"} for r in sample.rows()]
    path = place["tmp"] / "x.csv"
    import csv
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=[h for h in sample.HEADER if h != "Time period"])
        writer.writeheader()
        writer.writerows(rows)
    _refused(place, path, r"x\.csv, row 1, column 'Time period': column missing")


def test_a_truncated_download_is_named(place):
    path = sample.write(place["tmp"] / "cut.csv")
    text = path.read_bytes()
    path.write_bytes(text[: len(text) - 200])
    lines = path.read_text(encoding="utf-8-sig").count("\n") + 1
    _refused(place, path, rf"cut\.csv, row {lines}, column '.*': the row stops before this column")


def test_a_file_in_the_wrong_encoding_is_named(place):
    rows = sample.rows()
    rows[3]["Area Name"] = "Leicester £"
    path = sample.write(place["tmp"] / "latin.csv", rows, encoding="cp1252")
    _refused(place, path, r"latin\.csv, row 5: not UTF-8 text \(byte 0xa3 at character \d+\)")


def test_a_duplicate_row_names_both(place):
    rows = sample.rows()
    path = sample.write(place["tmp"] / "dup.csv", rows + [rows[2]])
    _refused(place, path, rf"dup\.csv \(import fingertips_\w+\.parquet\), row {len(rows) + 2}, column 'indicator_id': duplicate key .* row 4")


def test_an_interval_that_does_not_contain_its_value_is_named(place):
    rows = sample.rows()
    rows[5]["Lower CI 95.0 limit"] = f"{float(rows[5]['Value']) + 0.25:.2f}"  # still below the upper limit
    path = sample.write(place["tmp"] / "ci.csv", rows)
    _refused(place, path, r"ci\.csv \(import fingertips_\w+\.parquet\), row 7, column 'lci95': lower limit "
                          r"[\d.]+ is above the value")


def test_a_bad_period_is_named(place):
    rows = sample.rows()
    rows[0]["Time period"] = "sometime"
    _refused(place, sample.write(place["tmp"] / "p.csv", rows), r"p\.csv \(import fingertips_\w+\.parquet\), row 2, column 'Time period'")


def test_a_file_with_no_known_area_is_refused(place):
    rows = [r for r in sample.rows() if r["Area Code"] == "A81001"]
    _refused(place, sample.write(place["tmp"] / "gp.csv", rows), r"gp\.csv, column 'Area Code': none of its 4 rows")


def test_the_same_file_twice_is_refused(imported, tmp_path):
    again = shutil.copy(imported["imports"].parent / "indicators-data.csv", tmp_path / "again.csv")
    with pytest.raises(ValidationError, match="already imported"):
        load_fingertips(again, imports=imported["imports"], db=imported["db"], log=lambda line: None)


def test_the_command_line_imports_and_says_what_it_kept(place):
    path = sample.write(place["tmp"] / "cli.csv")
    done = subprocess.run([sys.executable, "-m", "lybl", "load", "fingertips", str(path), "--into",
                           str(place["imports"]), "--db", str(place["db"])], capture_output=True, text=True,
                          cwd=config.ROOT)
    assert done.returncode == 0, done.stderr
    assert "rows kept (dropped: GPs 4)" in done.stdout
    bad = sample.write(place["tmp"] / "bad.csv", sample.rows()[:3] + [{**sample.rows()[3], "Value": "lots"}])
    done = subprocess.run([sys.executable, "-m", "lybl", "load", "fingertips", str(bad), "--into",
                           str(place["imports"]), "--db", str(place["db"])], capture_output=True, text=True,
                          cwd=config.ROOT)
    assert done.returncode == 1 and "row 5, column 'Value': 'lots' is not a number" in done.stderr


def test_on_a_fresh_clone_a_refused_import_writes_no_database(tmp_path):
    rows = sample.rows()
    rows[0]["Time period"] = "sometime"
    db = tmp_path / "none" / "lybl.duckdb"
    with pytest.raises(ValidationError, match="row 2, column 'Time period'"):
        load_fingertips(sample.write(tmp_path / "p.csv", rows), imports=tmp_path / "imports", db=db,
                        log=lambda line: None)
    assert not db.exists() and not (tmp_path / "imports").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".imports")]  # no staging left behind


def test_a_newer_download_replaces_the_import_it_supersedes(place):
    load_fingertips(sample.write(place["tmp"] / "first.csv"), imports=place["imports"], db=place["db"],
                    log=lambda line: None)
    newer = sample.rows()
    newer[2]["Value note"] = "Revised"
    path = sample.write(place["tmp"] / "second.csv", newer)
    with pytest.raises(ValidationError, match=r"second\.csv \(import .*\), row 2, column 'indicator_id': duplicate key .* "
                                              r"first given at first\.csv \(import .*\) row 2"):
        load_fingertips(path, imports=place["imports"], db=place["db"], log=lambda line: None)
    load_fingertips(path, imports=place["imports"], db=place["db"], replace=True, log=lambda line: None)
    assert [m["file"] for m in read_manifest(place["imports"])] == ["second.csv"]
    assert sorted(p.name for p in place["imports"].glob("*.parquet")) == [read_manifest(place["imports"])[0]["import"]]
    with duckdb.connect(str(place["db"]), read_only=True) as con:
        notes = con.execute("select count(*) from indicator_value where value_note = 'Revised'").fetchone()[0]
    assert notes == 1


def test_the_data_page_reports_agreement_and_lists_what_differs(imported, tmp_path, monkeypatch):
    db = tmp_path / "differs.duckdb"
    shutil.copy(imported["db"], db)
    with duckdb.connect(str(db)) as con:  # Fingertips said the opposite of what the figures show, once
        con.execute("""update mart_fingertips_agreement set published_comparison = 'Better 95%'
                       where indicator_id = 'fingertips_90999' and area_code = 'E06000061'
                       and period_label = '2022/23'""")
    monkeypatch.setenv("LYBL_DB", str(db))
    at = AppTest.from_file(ENTRY, default_timeout=30).run()
    at.switch_page("pages/data_sources.py").run()
    assert not at.exception
    words = " ".join(str(m.value) for m in at.markdown)
    assert "Fingertips compared **77** with England; our recomputed comparison says the same for **76**" in words
    differs = next(d.value for d in at.dataframe if "published_comparison" in d.value.columns)
    assert list(zip(differs["area_code"], differs["published_comparison"], differs["benchmark"])) == [
        ("E06000061", "Better 95%", "worse")]
