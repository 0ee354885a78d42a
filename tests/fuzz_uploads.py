"""1,000 generated corrupt upload files, each with a known defect, put through the whole load path.

For each file: ``lybl.build.uploads.check`` must return problems (never raise, never pass), every problem must say
why in words, and ``lybl.build.releases.commit`` must refuse it before touching anything: the database file and the
state folder are compared (state by hash after every file, the database by size and mtime after every file
and by sha256 at the end). `python -m tests.fuzz_uploads [N]` prints the figures; tests/test_upload_fuzz.py
asserts them.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import random
import sys
import time
import traceback
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import openpyxl

from lybl.build.uploads import VALUE_COLUMNS

GOOD = [("inpatients_over_21_days", "E54000059", "Persons", "All ages", "2023/24 Q4", 128),
        ("epaccs_care_plans", "E54000059", "Persons", "All ages", "2023/24 Q4", 640),
        ("ld_smi_health_checks", "E54000059", "Persons", "All ages", "2023/24 Q4", 52.3),
        ("adult_smoking_prevalence", "E06000061", "Persons", "All ages", "2023", 11.1)]


def _rows(rng: random.Random) -> list[list]:
    """1 to 4 good rows in the template's 11 columns (value only: no interval, count or note)."""
    picked = rng.sample(GOOD, rng.randint(1, len(GOOD)))
    return [[i, a, s, g, p, v, None, None, None, None, None] for i, a, s, g, p, v in picked]


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if c is None else c for c in row])
    return out.getvalue()


def _xlsx(header, rows, tweak=None, sheet="Values") -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if header is not None:
        ws.append(header)
    for row in rows:
        ws.append(row)
    if tweak:
        tweak(ws, book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row_defect(rng: random.Random, rows: list[list]) -> str:
    """Break one cell of one row in a way the rules catch; return the defect's name."""
    row = rng.choice(rows)
    kind = rng.choice(["text number", "percent sign", "thousands", "unknown indicator", "unknown area", "bad sex",
                       "bad period", "bare quarter", "negative count", "count over denominator", "interval misses",
                       "half interval", "inverted interval", "empty value", "percent over 100", "nan", "inf",
                       "category", "empty indicator", "zero denominator"])
    if kind == "text number":
        row[5] = rng.choice(["n/a", "twelve", "1.2.3", "--", "12 (prov)"])
    elif kind == "percent sign":
        row[5] = f"{row[5]}%"
    elif kind == "thousands":
        row[5] = "12,345"
    elif kind == "unknown indicator":
        row[0] = rng.choice(["not_an_indicator", "AE4HR", "999999999", "ae_4hr_performance "*3])
    elif kind == "unknown area":
        row[1] = rng.choice(["E99999999", "NN", "e06000061x", "W06000001"])
    elif kind == "bad sex":
        row[2] = rng.choice(["All", "M", "persons x", "Unknown"])
    elif kind == "bad period":
        row[4] = rng.choice(["2023/24 Q5", "FY24", "45382", "2024-13", "Q3 24", "next year", "2025/23"])
    elif kind == "bare quarter":
        row[4] = "Q4"
    elif kind == "negative count":
        row[8], row[9] = -rng.randint(1, 50), 100
    elif kind == "count over denominator":
        row[8], row[9] = 150, 100
    elif kind == "interval misses":
        row[6], row[7] = row[5] + 1, row[5] + 5
    elif kind == "half interval":
        row[6] = row[5] - 1
    elif kind == "inverted interval":
        row[6], row[7] = row[5] + 5, row[5] - 5
    elif kind == "empty value":
        row[5] = None
    elif kind == "percent over 100":
        row[0], row[1], row[4], row[5] = "ld_smi_health_checks", "E54000059", "2022/23 Q1", 100 + rng.randint(1, 900)
    elif kind in ("nan", "inf"):
        row[5] = kind if rng.random() < 0.5 else kind.upper()
    elif kind == "category":
        row.extend([None, None])  # handled by the caller's header: Category columns
        row[-2:] = ["Deprivation decile", "Most deprived"]
    elif kind == "empty indicator":
        row[0] = None
    elif kind == "zero denominator":
        row[8], row[9] = 0, 0
    return kind


def _duplicate(rng, rows):
    rows.append(list(rng.choice(rows)))
    return "duplicate key"


@dataclass
class Case:
    name: str
    data: bytes
    defect: str


def cases(n: int = 1000, seed: int = 20231) -> list[Case]:
    """``n`` corrupt files, each named by its defect, in a fixed order for a seed."""
    rng = random.Random(seed)
    out: list[Case] = [
        Case("big.csv", (_csv(VALUE_COLUMNS, _rows(rng)) + "x" * 50_000_000).encode(), "a 50 MB file"),
        Case("bomb.xlsx", _bomb(), "a zip bomb named .xlsx"),
        Case("empty.csv", b"", "an empty file"),
        Case("empty.xlsx", _xlsx(None, []), "an empty sheet"),
        Case("header-only.xlsx", _xlsx(VALUE_COLUMNS, []), "a sheet with a header and no rows"),
    ]
    makers = [_encoding_case, _bom_case, _merged_case, _formula_case, _date_case, _row_case, _row_case, _row_case,
              _duplicate_case, _header_case, _truncated_case, _noise_case, _sheet_case, _error_cell_case]
    while len(out) < n:
        maker = makers[len(out) % len(makers)]
        out.append(maker(rng, len(out)))
    return out[:n]


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<" * 150_000_000)
    return out.getvalue()


def _encoding_case(rng, i) -> Case:
    rows = _rows(rng)
    rows[0][10] = rng.choice(["Provisional café data", "Año fiscal", "£ figures", "Naïve estimate"])
    text = _csv(VALUE_COLUMNS, rows)
    encoding = rng.choice(["cp1252", "latin-1", "utf-16-le", "utf-16-be", "mac_roman"])
    return Case(f"enc-{i}.csv", text.encode(encoding), f"wrong encoding ({encoding}, no BOM)")


def _bom_case(rng, i) -> Case:
    rows = _rows(rng)
    rows[0][10] = "caf\u00e9"
    text = _csv(VALUE_COLUMNS, rows)
    kind = rng.choice(["utf-32 BOM", "utf-8 BOM then cp1252", "BOM mid-file", "utf-16 BOM with NUL"])
    if kind == "utf-32 BOM":
        data = codecs.BOM_UTF32_LE + text.encode("utf-32-le")
    elif kind == "utf-8 BOM then cp1252":
        data = codecs.BOM_UTF8 + text.encode("cp1252")
    elif kind == "BOM mid-file":
        lines = text.encode("utf-8").split(b"\n")
        lines[1] = codecs.BOM_UTF16_LE + lines[1]
        data = b"\n".join(lines)
    else:
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le") + "\x00,\x00".encode("utf-16-le")
    return Case(f"bom-{i}.csv", data, f"byte-order mark ({kind})")


def _merged_case(rng, i) -> Case:
    rows = _rows(rng) + _rows(rng)[:1]
    for r in rows[1:]:
        r[4] = "2022/23 Q" + str(rng.randint(1, 4))
    col = rng.choice("ABE")
    return Case(f"merged-{i}.xlsx", _xlsx(VALUE_COLUMNS, rows, lambda ws, b: ws.merge_cells(f"{col}2:{col}3")),
                "merged cells")


def _formula_case(rng, i) -> Case:
    rows = _rows(rng)
    cell = rng.choice(["F2", "I2", "J2", "A2", "E2"])
    formula = rng.choice(["=100+28", "=SUM(F3:F4)", "=1/0", '="ae_"&"4hr"'])
    return Case(f"formula-{i}.xlsx", _xlsx(VALUE_COLUMNS, rows, lambda ws, b: ws.__setitem__(cell, formula)),
                "a formula")


def _date_case(rng, i) -> Case:
    rows = _rows(rng)
    where = rng.choice(["period", "value", "serial"])
    if where == "period":
        rows[0][4] = datetime(2024, rng.randint(1, 12), 1)
        return Case(f"date-{i}.xlsx", _xlsx(VALUE_COLUMNS, rows), "a date in Time period")
    if where == "value":
        rows[0][5] = datetime(2024, 3, 31)
        return Case(f"date-{i}.xlsx", _xlsx(VALUE_COLUMNS, rows), "a date in Value")
    rows[0][4] = 45382 + rng.randint(0, 300)  # a date stored as its serial number
    return Case(f"date-{i}.xlsx", _xlsx(VALUE_COLUMNS, rows), "a date stored as a number in Time period")


def _row_case(rng, i) -> Case:
    rows = _rows(rng)
    defect = _row_defect(rng, rows)
    header = VALUE_COLUMNS + (["Category Type", "Category"] if defect == "category" else [])
    for row in rows:
        row.extend([None] * (len(header) - len(row)))
    if rng.random() < 0.5:
        return Case(f"row-{i}.csv", _csv(header, rows).encode(), defect)
    return Case(f"row-{i}.xlsx", _xlsx(header, rows), defect)


def _duplicate_case(rng, i) -> Case:
    rows = _rows(rng)
    defect = _duplicate(rng, rows)
    return (Case(f"dup-{i}.csv", _csv(VALUE_COLUMNS, rows).encode(), defect) if rng.random() < 0.5
            else Case(f"dup-{i}.xlsx", _xlsx(VALUE_COLUMNS, rows), defect))


def _header_case(rng, i) -> Case:
    header = list(VALUE_COLUMNS)
    kind = rng.choice(["missing", "renamed", "twice", "semicolons", "tabs", "extra cells", "blank heading"])
    rows = _rows(rng)
    if kind == "missing":
        gone = header.index(rng.choice(["Indicator ID", "Area Code", "Time period", "Value"]))
        header.pop(gone)
        rows = [r[:gone] + r[gone + 1:] for r in rows]
    elif kind == "renamed":
        header[header.index("Value")] = rng.choice(["Vaule", "value ", "VALUE", "Val"])
    elif kind == "twice":
        header[header.index("Sex")] = "Area Code"
    elif kind in ("semicolons", "tabs"):
        sep = ";" if kind == "semicolons" else "\t"
        text = "\n".join(sep.join("" if c is None else str(c) for c in row) for row in [header] + rows)
        return Case(f"header-{i}.csv", text.encode(), f"header: {kind}")
    elif kind == "extra cells":
        rows[0] = rows[0] + ["surplus"]
    else:
        header[header.index("Value note")] = ""
        rows[0][10] = "note under no heading"
    return Case(f"header-{i}.csv", _csv(header, rows).encode(), f"header: {kind}")


def _truncated_case(rng, i) -> Case:
    data = _xlsx(VALUE_COLUMNS, _rows(rng))
    return Case(f"cut-{i}.xlsx", data[: rng.randint(10, len(data) - 30)], "a truncated workbook")


def _noise_case(rng, i) -> Case:
    kind = rng.choice([".xlsx", ".csv", ".docx", ".pdf", ""])
    data = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 4000)))
    if kind == ".csv":
        data = b"\x00" + data
    return Case(f"noise-{i}{kind}", data, f"random bytes named {kind or 'with no extension'}")


def _sheet_case(rng, i) -> Case:
    kind = rng.choice(["wrong sheet names", "indicators only", "bad new indicator"])
    if kind == "wrong sheet names":
        def tweak(ws, book):
            book.create_sheet("Other")
        return Case(f"sheet-{i}.xlsx", _xlsx(VALUE_COLUMNS, _rows(rng), tweak, sheet="Figures"), kind)
    if kind == "indicators only":
        def tweak(ws, book):
            ws.title = "New indicators"
        return Case(f"sheet-{i}.xlsx", _xlsx(["indicator_id", "name"], [["x_y_z", "X"]], tweak), kind)

    def tweak(ws, book):
        sheet = book.create_sheet("New indicators")
        sheet.append(["indicator_id", "name", "definition", "unit", "value_type", "multiplier", "polarity",
                      "source", "source_url", "owner"])
        sheet.append([rng.choice(["Bad ID", "ae_4hr_performance", "x"]), "A name", "", "%",
                      rng.choice(["proportion", "ratio"]), rng.choice([100, -1]),
                      rng.choice(["high_is_good", "up is good"]), "", "", ""])
    return Case(f"sheet-{i}.xlsx", _xlsx(VALUE_COLUMNS, _rows(rng), tweak), kind)


def _error_cell_case(rng, i) -> Case:
    rows = _rows(rng)

    def tweak(ws, book):
        cell = ws["F2"]
        cell.value = rng.choice(["#DIV/0!", "#N/A", "#VALUE!"])
        cell.data_type = "e"
    kind = rng.choice(["error", "bool"])
    if kind == "bool":
        rows[0][5] = True
        return Case(f"bool-{i}.xlsx", _xlsx(VALUE_COLUMNS, rows), "TRUE in Value")
    return Case(f"error-{i}.xlsx", _xlsx(VALUE_COLUMNS, rows, tweak), "an Excel error value")


# ----------------------------------------------------------------- running

def _hash_folder(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []:
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Report:
    files: int = 0
    distinct: int = 0
    refused: int = 0
    tracebacks: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)      # a corrupt file that checked clean: a missed defect
    partial: list[str] = field(default_factory=list)     # state or database changed
    unclear: list[str] = field(default_factory=list)     # a problem without a reason in words
    problems: int = 0
    by_defect: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    bytes: int = 0
    db_identical: bool = True

    def lines(self) -> list[str]:
        return [f"{self.files:,} corrupt files ({self.distinct:,} distinct, {self.bytes / 1e6:,.1f} MB, "
                f"{len(self.by_defect)} kinds of defect) "
                f"in {self.seconds:,.1f} s: {self.refused:,} refused with {self.problems:,} problems in words, "
                f"{len(self.tracebacks)} tracebacks, {len(self.passed)} passed, {len(self.partial)} partial loads, "
                f"{len(self.unclear)} unclear messages; database byte-identical: {self.db_identical}; "
                "state byte-identical after each: " + str(not self.partial)]


def run(known, db: Path, state: Path, n: int = 1000) -> Report:
    from lybl.build import releases
    from lybl.build.uploads import check
    report = Report()
    db_hash, db_stat = _sha(db), (db.stat().st_size, db.stat().st_mtime_ns)
    state_hash = _hash_folder(state)
    started = time.perf_counter()
    generated = cases(n)
    report.distinct = len({c.data for c in generated})
    for case in generated:
        report.files += 1
        report.bytes += len(case.data)
        report.by_defect[case.defect.split(" (")[0]] += 1
        try:
            result = check(case.data, case.name, known)
            if result.ok:
                report.passed.append(f"{case.name}: {case.defect}")
                continue
            try:
                releases.commit(result, case.data, "fuzz@example.org", db=db, folder=state / "releases")
                report.partial.append(f"{case.name}: committed")
            except releases.ReleaseError:
                pass
        except Exception:
            report.tracebacks.append(f"{case.name} ({case.defect}):\n{traceback.format_exc()}")
            continue
        report.refused += 1
        report.problems += len(result.problems)
        if any(len(p.reason) < 12 or not p.reason[0].isalpha() for p in result.problems):
            report.unclear.append(f"{case.name}: {result.problems[0]}")
        if _hash_folder(state) != state_hash or (db.stat().st_size, db.stat().st_mtime_ns) != db_stat:
            report.partial.append(f"{case.name}: {case.defect}")
    report.seconds = time.perf_counter() - started
    report.db_identical = _sha(db) == db_hash
    return report


def main(argv: list[str]) -> int:
    import os
    import tempfile
    from lybl import config, db as database
    from lybl.build.uploads import known_from
    n = int(argv[0]) if argv else 1000
    state = Path(tempfile.mkdtemp(prefix="lybl-fuzz-state-"))
    path = config.db_path()
    con = database.connect(path)
    known = known_from(con)
    con.close()
    os.environ["LYBL_STATE"] = str(state)
    report = run(known, path, state, n)
    for line in report.lines():
        print(line)
    for kind, count in sorted(report.by_defect.items()):
        print(f"  {count:>4}  {kind}")
    for item in report.tracebacks[:5] + report.passed[:20] + report.partial[:5] + report.unclear[:20]:
        print(item)
    return 0 if not (report.tracebacks or report.passed or report.partial or report.unclear) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
