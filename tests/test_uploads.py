"""Uploads of local figures: the template, every problem of a file reported at once, the preview, and releases
(commit, revise, revert, re-applied by every build), all atomic."""
from __future__ import annotations

import codecs
import hashlib
import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import openpyxl
import pytest

from lybl import db
from lybl.build import releases, template
from lybl.build.database import build
from lybl.build.uploads import INDICATOR_COLUMNS, VALUE_COLUMNS, UploadRefused, check, known_from, read

HEADER = ",".join(VALUE_COLUMNS)
#: Q4 2023/24 for two multi-impact intervention measures and one LYBL scorecard metric (made-up figures)
Q4 = [("inpatients_over_21_days", "E54000059", "2023/24 Q4", 128),
      ("epaccs_care_plans", "E54000059", "2023/24 Q4", 640),
      ("ld_smi_health_checks", "E54000059", "2023/24 Q4", 52.3)]


def csv_bytes(rows: list[str], header: str = HEADER) -> bytes:
    return ("\n".join([header] + rows) + "\n").encode()


def filled(rows=Q4, new_indicators=(), tweak=None) -> bytes:
    """The real template, filled in the way an analyst would: typed into rows 2, 3, ... of the Values sheet."""
    book = openpyxl.load_workbook(io.BytesIO(TEMPLATE[0]))
    values = book["Values"]
    for number, (iid, area, period, value) in enumerate(rows, 2):
        values.cell(number, 1, iid), values.cell(number, 2, area), values.cell(number, 5, period)
        values.cell(number, 6, value)
    for number, row in enumerate(new_indicators, 2):
        for column, cell in enumerate(row, 1):
            book["New indicators"].cell(number, column, cell)
    if tweak:
        tweak(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


TEMPLATE: list[bytes] = []


@pytest.fixture(scope="module")
def known(con):
    if not TEMPLATE:
        TEMPLATE.append(template.workbook(db.run_query(con, "upload_indicators"), db.run_query(con, "upload_areas")))
    return known_from(con)


def where(result) -> set[tuple]:
    return {(p.row, p.column) for p in result.problems}


# ----------------------------------------------------------------- the template

def test_template_lists_the_codes_and_offers_them_as_drop_downs(con, known):
    book = openpyxl.load_workbook(io.BytesIO(TEMPLATE[0]))
    assert book.sheetnames == ["Instructions", "Values", "Codes", "New indicators"]
    assert [c.value for c in book["Values"][1]] == VALUE_COLUMNS
    assert [c.value for c in book["New indicators"][1]] == INDICATOR_COLUMNS
    codes = book["Codes"]
    ids = [c.value for c in codes["A"][1:] if c.value]
    areas = [c.value for c in codes["E"][1:] if c.value]
    assert sorted(ids) == sorted(known.indicators["indicator_id"]) and len(areas) == len(known.areas)
    lists = {str(v.sqref): v.formula1 for v in book["Values"].data_validations.dataValidation}
    assert lists["A2:A2001"] == f"=Codes!$A$2:$A${len(ids) + 1}"
    assert lists["B2:B2001"] == f"=Codes!$E$2:$E${len(areas) + 1}"
    assert lists["C2:C2001"] == '"Persons,Male,Female"'
    assert book["Values"]["E2"].number_format == "@"  # Time period typed as text, never turned into a date


def test_the_filled_template_previews_new_figures_and_the_scorecard_rows_they_change(known):
    result = check(filled(), "q4.xlsx", known)
    assert result.ok, result.problems
    assert result.counts() == {"rows": 3, "new": 3, "revised": 0, "unchanged": 0, "indicators": 0}
    assert list(result.preview["row"]) == [2, 3, 4]
    rows = set(zip(result.affects["scorecard"], result.affects["indicator_id"]))
    assert rows == {("Multi-impact interventions: Supporting and recovering independence", "inpatients_over_21_days"),
                    ("Multi-impact interventions: End of life", "epaccs_care_plans"),
                    ("LYBL outcome scorecard", "ld_smi_health_checks")}


def test_a_fingertips_id_and_a_new_indicator_are_taken(known):
    new = [("local_waits_x", "Local waits", "Waits over 18 weeks", "%", "proportion", 100, "low_is_good",
            "Local PAS", None, "Planned care lead")]
    rows = [("93088", "E06000061", "2023/24", 60.5), ("local_waits_x", "E06000062", "2023/24 Q4", 12)]
    result = check(filled(rows=rows, new_indicators=new), "x.xlsx", known)
    assert result.ok, result.problems
    assert list(result.values["Indicator ID"]) == ["adult_overweight_obesity", "local_waits_x"]
    assert result.indicators.iloc[0]["owner"] == "Planned care lead"


# ----------------------------------------------------------------- every problem, at once

def test_every_problem_of_a_file_is_reported_with_its_row_column_and_value(known):
    rows = ["nope,E06000061,Persons,All ages,2023/24 Q4,1,,,,,",         # unknown indicator
            "ae_4hr_performance,E99999999,,,2023/24 Q4,70,,,,,",          # unknown area
            "ae_4hr_performance,E54000059,Dog,,2023/24 Q4,70,,,,,",       # sex
            "ae_4hr_performance,E54000059,,,2023/24 Q5,70,,,,,",          # period
            "ae_4hr_performance,E54000059,,,2023/24 Q2,70.4%,,,,,",       # text in a number column
            "ae_4hr_performance,E54000059,,,2023/24 Q1,70,71,80,,,",      # interval without its value
            "ae_4hr_performance,E54000059,,,2022/23 Q4,70,,,-3,10,",      # negative count
            "ae_4hr_performance,E54000059,,,2022/23 Q3,70,,,12,10,",      # count above denominator
            "ae_4hr_performance,E54000059,,,2022/23 Q2,170,,,,,",         # a percentage above 100
            "ae_4hr_performance,E54000059,,,2022/23 Q2,70,,,,,",          # duplicate key in the file
            "ae_4hr_performance,E54000059,,,2022/23 Q1,,,,,,",            # no value, no note
            "ae_4hr_performance,E54000059,,,2021/22 Q1,70,60,,,,"]        # half an interval
    result = check(csv_bytes(rows), "bad.csv", known)
    assert not result.ok
    assert where(result) == {(2, "Indicator ID"), (3, "Area Code"), (4, "Sex"), (5, "Time period"), (6, "Value"),
                             (7, "Value"), (8, "Count"), (9, "Count"), (10, "Value"), (11, "Time period"),
                             (12, "Value"), (13, "Upper CI 95.0 limit")}
    by_row = {p.row: p for p in result.problems}
    assert by_row[6].value == "70.4%" and "give 70.4" in by_row[6].reason
    assert "given at row 10" in by_row[11].reason
    assert result.values.empty and result.preview.empty  # nothing to load


def test_header_problems_name_the_column(known):
    result = check(csv_bytes(["x"], header="Indicator ID,Area Code,Time period,Vaule"), "h.csv", known)
    assert {(p.row, p.column) for p in result.problems} >= {(1, "Value"), (1, "Vaule")}
    result = check(b"Indicator ID;Area Code;Time period;Value\n", "semi.csv", known)
    assert "separated by semicolons" in result.problems[0].reason


@pytest.mark.parametrize("data, expected", [
    (b"\xef\xbb\xbf" + csv_bytes(["ae_4hr_performance,E54000059,,,2023/24 Q4,70.4,,,,,"]), None),
    (codecs.BOM_UTF16_LE + csv_bytes(["ae_4hr_performance,E54000059,,,2023/24 Q4,70.4,,,,,"]).decode()
     .encode("utf-16-le"), None),
    (csv_bytes(["ae_4hr_performance,E54000059,,,2023/24 Q4,70.4,,,,,", "x,E54000059,,,2023,1,,,,,caf\xe9"])
     .replace(b"\xc3\xa9", b"\xe9"), (3, "not UTF-8")),
    (b"", (None, "empty")),
    (b"x" * 10_000_001, (None, "at most 10 MB")),
])
def test_encodings_and_sizes(known, data, expected):
    result = check(data, "f.csv", known)
    if expected is None:
        assert result.ok, result.problems
    else:
        assert result.problems[0].row == expected[0] and expected[1] in result.problems[0].reason


def test_workbook_cells_that_are_not_figures(known):
    def tweak(book):
        sheet = book["Values"]
        sheet["F2"] = "=120+8"                       # a formula
        sheet["E3"] = datetime(2024, 3, 1)          # Excel turned "Mar 24" into a date
        sheet.merge_cells("A4:A5")                  # merged cells
        sheet["F4"] = True
    result = check(filled(tweak=tweak), "cells.xlsx", known)
    reasons = {(p.row, p.column): p.reason for p in result.problems}
    assert "formula" in reasons[(2, "Value")]
    assert "as a date" in reasons[(3, "Time period")] and "2024-03-01" in {p.value for p in result.problems}
    assert "TRUE/FALSE" in reasons[(4, "Value")]
    assert any("merged cells" in p.reason and p.value == "A4:A5" for p in result.problems)


def test_a_zip_bomb_and_a_file_that_is_not_a_workbook_are_refused(known):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * 120_000_000)
    assert len(bomb.getvalue()) < 1_000_000
    with pytest.raises(UploadRefused, match="zip bomb"):
        read(bomb.getvalue(), "bomb.xlsx")
    with pytest.raises(UploadRefused, match="not an XLSX workbook"):
        read(b"PK\x03\x04 not really", "fake.xlsx")
    with pytest.raises(UploadRefused, match="not taken"):
        read(b"hello", "notes.docx")


def test_figures_already_loaded_with_the_same_value_are_unchanged_and_a_file_of_only_those_is_refused(known, con):
    same = con.execute("select indicator_id, area_code, period_label, value from indicator_value where "
                       "indicator_id = 'adult_smoking_prevalence' and area_code = 'E06000061' and is_preferred "
                       "and source_id = 'seed003'").fetchone()
    result = check(filled(rows=[same]), "same.xlsx", known)
    assert not result.ok and "nothing new" in result.problems[0].reason
    result = check(filled(rows=[(same[0], same[1], same[2], same[3] + 1)] + Q4[:1]), "rev.xlsx", known)
    assert result.ok and result.counts()["revised"] == 1
    assert result.preview.iloc[0][["old_value", "new_value"]].tolist() == [same[3], same[3] + 1]


# ----------------------------------------------------------------- releases

def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != ".lock"):
        h.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return h.hexdigest()


def mart(path, indicator):
    con = db.connect(path)
    try:
        return con.execute("select recency, period_label, value, source_ref from mart_intervention_measures "
                           "where indicator_id = ? order by recency", [indicator]).fetchall()
    finally:
        con.close()


def test_releases_commit_revise_revert_and_are_re_applied_by_every_build(built_db, tmp_path, monkeypatch, known):
    monkeypatch.setenv("LYBL_STATE", str(tmp_path / "state"))
    path = tmp_path / "lybl.duckdb"
    path.write_bytes(built_db.read_bytes())
    seed = mart(path, "inpatients_over_21_days")
    assert seed[0][1] == "Q3"

    first = filled()
    one = releases.commit(check(first, "q4.xlsx", known), first, "ann@example.org", db=path)
    assert (one["release"], one["by"], one["new"]) == (1, "ann@example.org", 3)
    now = mart(path, "inpatients_over_21_days")
    assert now[0][1:3] == ("2023/24 Q4", 128) and now[0][3] == "release 1: q4.xlsx, sheet Values, row 2"
    assert now[1][1] == "Q3"  # the seed's figure is now the previous one

    con = db.connect(path)
    second = filled(rows=[("inpatients_over_21_days", "E54000059", "2023/24 Q4", 131)])
    checked = check(second, "q4-corrected.xlsx", known_from(con, releases.active()))
    con.close()
    assert checked.preview.iloc[0]["was_from"] == "release 1: q4.xlsx, sheet Values, row 2"
    releases.commit(checked, second, "bob@example.org", db=path)
    assert mart(path, "inpatients_over_21_days")[0][2] == 131

    fresh = tmp_path / "fresh.duckdb"  # a rebuild of the shipped data re-applies the releases
    build(db=fresh, log=lambda line: None)
    assert mart(fresh, "inpatients_over_21_days")[0][2] == 131

    releases.revert(2, "ann@example.org", db=path)
    assert mart(path, "inpatients_over_21_days")[0][2] == 128  # the figure it replaced came back
    releases.revert(1, "ann@example.org", db=path)
    assert mart(path, "inpatients_over_21_days") == seed
    listed = releases.releases()
    assert [(r["release"], r["by"], r["reverted_by"]) for r in listed] == [
        (1, "ann@example.org", "ann@example.org"), (2, "bob@example.org", "ann@example.org")]
    assert (listed[0]["folder"] / "original.xlsx").read_bytes() == first


def test_a_commit_whose_build_fails_changes_nothing(built_db, tmp_path, monkeypatch, known):
    from lybl.errors import ValidationError
    monkeypatch.setenv("LYBL_STATE", str(tmp_path / "state"))
    (tmp_path / "state").mkdir()
    path = tmp_path / "lybl.duckdb"
    path.write_bytes(built_db.read_bytes())
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), digest(tmp_path / "state"))

    def failing(**kwargs):
        Path(kwargs["db"]).write_bytes(b"half a database")
        raise ValidationError("values.csv", 2, "Value", "made to fail")
    monkeypatch.setattr("lybl.build.database.build", failing)
    data = filled()
    with pytest.raises(releases.ReleaseError, match="nothing was changed"):
        releases.commit(check(data, "q4.xlsx", known), data, "ann@example.org", db=path,
                        now=datetime(2024, 4, 5, tzinfo=timezone.utc))
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), digest(tmp_path / "state")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lybl.duckdb", "state"]


def test_the_command_line_reports_every_problem_and_loads_nothing(built_db, tmp_path, monkeypatch, capsys):
    from lybl.__main__ import main
    monkeypatch.setenv("LYBL_STATE", str(tmp_path / "state"))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(["nope,E54000059,,,2023/24 Q4,1,,,,,", "ae_4hr_performance,E5,,,2023/24 Q4,1,,,,,"]))
    assert main(["load", str(bad), "--db", str(built_db)]) == 1
    err = capsys.readouterr().err
    assert "2 problem(s)" in err and "row 2, column 'Indicator ID'" in err and "row 3, column 'Area Code'" in err
    good = tmp_path / "q4.csv"
    good.write_bytes(csv_bytes(["ae_4hr_performance,E54000059,,,2023/24 Q4,70.4,,,,,"]))
    assert main(["load", str(good), "--check", "--db", str(built_db)]) == 0
    assert "1 new" in capsys.readouterr().out and not (tmp_path / "state").exists()


def test_a_release_whose_new_indicator_a_later_release_uses_cannot_be_reverted_first(built_db, tmp_path, monkeypatch,
                                                                                   known):
    monkeypatch.setenv("LYBL_STATE", str(tmp_path / "state"))
    path = tmp_path / "lybl.duckdb"
    path.write_bytes(built_db.read_bytes())
    new = [("local_waits_x", "Local waits", "Waits over 18 weeks", "%", "proportion", 100, "low_is_good",
            "Local PAS", None, "Planned care lead")]
    first = filled(rows=[("local_waits_x", "E06000062", "2023/24 Q4", 12)], new_indicators=new)
    releases.commit(check(first, "new.xlsx", known), first, "ann@example.org", db=path)
    con = db.connect(path)
    assert con.execute("select owner, topic from indicator where indicator_id = 'local_waits_x'").fetchone() == \
        ("Planned care lead", "Uploaded")
    later = filled(rows=[("local_waits_x", "E06000062", "2024/25 Q1", 11)])
    checked = check(later, "later.xlsx", known_from(con, releases.active()))
    con.close()
    releases.commit(checked, later, "ann@example.org", db=path)
    stamp = path.stat().st_mtime_ns
    with pytest.raises(releases.ReleaseError, match="could not be built.*local_waits_x"):
        releases.revert(1, "ann@example.org", db=path)
    assert path.stat().st_mtime_ns == stamp and not releases.releases()[0].get("reverted_at")


def test_editors_are_the_allow_list_by_address_or_domain(monkeypatch):
    from ui import auth
    monkeypatch.setenv("LYBL_EDITORS", " Ann@Example.org ; @council.example.gov.uk,")
    assert auth.allowed("ann@example.org") and auth.allowed("ANN@example.org")
    assert auth.allowed("bob@council.example.gov.uk")
    assert not auth.allowed("bob@example.org") and not auth.allowed("") and not auth.allowed(None)
    assert not auth.allowed("eve@evilcouncil.example.gov.uk.attacker.org")
    monkeypatch.setenv("LYBL_EDITORS", "")
    assert not auth.allowed("ann@example.org")


def test_the_upload_page_is_read_only_without_sign_in_and_open_in_local_development(built_db, monkeypatch):
    from streamlit.testing.v1 import AppTest
    from lybl.config import ROOT

    def upload_page():
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.run()
        return at.switch_page("pages/upload.py").run()
    monkeypatch.delenv("LYBL_DEV_EDITOR", raising=False)
    at = upload_page()
    assert not at.exception
    assert any("Read-only" in i.value for i in at.info)
    assert not at.get("file_uploader")
    monkeypatch.setenv("LYBL_DEV_EDITOR", "dev@example.org")
    at = upload_page()
    assert any("Local development mode" in w.value for w in at.warning)
    assert at.get("file_uploader")
