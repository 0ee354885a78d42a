"""Uploads of local figures: read a CSV or XLSX file, check every cell, and say what it would change.

An analyst fills in the template (lybl.build.template) with the quarter's figures from local systems and loads it
with the Upload page or `python -m lybl load FILE`. Nothing is written here: ``check`` returns every
problem (file, sheet, row, column, value, reason), or, for a clean file, the figures and a preview (new
figures, revised figures as old -> new, unchanged ones, and the scorecard rows they touch).
lybl.build.releases commits a clean file as a numbered release.

The values sheet uses Fingertips' column names, so a Fingertips "all data" CSV cut down to these columns
loads too; the informative Fingertips columns (Indicator Name, Area Name, ...) are allowed and ignored.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable

import pandas as pd

from lybl.errors import LyblError
from lybl.build.ingest.local import POLARITIES, VALUE_TYPES
from lybl.periods import parse_period

VALUES_SHEET, INDICATORS_SHEET = "Values", "New indicators"
VALUE_COLUMNS = ["Indicator ID", "Area Code", "Sex", "Age", "Time period", "Value", "Lower CI 95.0 limit",
                 "Upper CI 95.0 limit", "Count", "Denominator", "Value note"]
REQUIRED = ["Indicator ID", "Area Code", "Time period", "Value"]
NUMBERS = ["Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Count", "Denominator"]
#: Fingertips "all data" columns that describe a row without changing it: allowed, not read
IGNORED = {"Indicator Name", "Area Name", "Area Type", "Lower CI 99.8 limit", "Upper CI 99.8 limit",
           "Recent Trend", "Time period Sortable", "Compared to England value or percentiles",
           "Compared to percentiles", "New data", "Compared to goal", "Time period range"}
#: the new-indicator sheet: the columns of data/indicators.csv that describe an indicator, and its owner
INDICATOR_COLUMNS = ["indicator_id", "name", "definition", "unit", "value_type", "multiplier", "polarity",
                     "source", "source_url", "owner"]
SEXES = ("Persons", "Male", "Female")
POLARITY_WORDS = {"high is good": "high_is_good", "low is good": "low_is_good", "rag - high is good": "high_is_good",
                  "rag - low is good": "low_is_good", "no judgement": "no_judgement",
                  "not applicable": "no_judgement", **{p: p for p in POLARITIES}}
MAX_BYTES = 10_000_000          # a quarter's figures are kilobytes; the template is 30 KB
MAX_UNPACKED = 50_000_000       # an XLSX is a zip: what it may unpack to, counted as it unpacks (the template: 0.3 MB)
MAX_ROWS = 50_000


@dataclass
class Problem:
    file: str
    sheet: str
    row: int | None
    column: str | None
    value: str
    reason: str

    def __str__(self) -> str:
        where = self.file + (f", sheet '{self.sheet}'" if self.sheet else "")
        where += f", row {self.row}" if self.row is not None else ""
        where += f", column '{self.column}'" if self.column else ""
        return f"{where}: {self.reason}" + (f" (value: {self.value})" if self.value else "")


class UploadRefused(LyblError):
    """The file was not loaded; ``problems`` lists every reason (nothing was changed)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        more = f" (and {len(problems) - 1:,} more problem{'s' if len(problems) > 2 else ''})" \
            if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")


@dataclass
class Sheet:
    name: str
    header: list[str]
    rows: list[tuple[int, dict]]    # (row number as a spreadsheet shows it, column -> cell)
    merged: list[str] = field(default_factory=list)  # merged ranges (XLSX), each a problem


@dataclass
class Known:
    """What the database holds, to check a file against: indicators, areas, current figures, releases."""
    indicators: pd.DataFrame        # indicator_id, name, unit, value_type, polarity, fingertips_id
    areas: pd.DataFrame             # area_code, area_name, area_type
    figures: Callable[[list[str], list[str]], pd.DataFrame]  # indicator IDs, area codes -> each key's preferred figure, its source
    scorecard_rows: pd.DataFrame    # scorecard, row, indicator_id, area_code
    releases: list[dict] = field(default_factory=list)  # active releases (lybl.build.releases)


@dataclass
class Checked:
    file: str
    sha256: str
    problems: list[Problem]
    values: pd.DataFrame            # the figures to load (new and revised), VALUE_COLUMNS + Sheet, Row
    indicators: pd.DataFrame        # new indicators, INDICATOR_COLUMNS
    preview: pd.DataFrame           # every figure of the file: change, old -> new
    affects: pd.DataFrame           # scorecard rows that show one of the figures

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        change = self.preview["change"].value_counts() if not self.preview.empty else {}
        return {"rows": int(len(self.preview)), "new": int(change.get("new", 0)),
                "revised": int(change.get("revised", 0)), "unchanged": int(change.get("unchanged", 0)),
                "indicators": int(len(self.indicators))}


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """The problem report as a table (and its download)."""
    return pd.DataFrame([vars(p) for p in problems], columns=["file", "sheet", "row", "column", "value", "reason"])


# ----------------------------------------------------------------- reading

def read(data: bytes, name: str) -> dict[str, Sheet]:
    """The sheets of an uploaded file (a CSV is one sheet, named ''); UploadRefused when it cannot be read."""
    def refuse(reason: str, row: int | None = None):
        raise UploadRefused([Problem(name, "", row, None, "", reason)])

    if len(data) > MAX_BYTES:
        refuse(f"the file is {len(data) / 1e6:,.1f} MB; an upload is at most {MAX_BYTES / 1e6:,.0f} MB "
               "(split it, or load open data with `python -m lybl load fingertips`)")
    if not data.strip():
        refuse("the file is empty")
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(data, name, refuse)
    if suffix in (".csv", ".txt"):
        return {VALUES_SHEET: _read_csv(data, name, refuse)}
    refuse(f"a {suffix or 'file with no extension'} file is not taken: upload the template as .xlsx, or a .csv file"
           if suffix else "a file with no extension is not taken: upload the template as .xlsx, or a .csv file")


def _read_csv(data: bytes, name: str, refuse) -> Sheet:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode(data, "utf-16", name, refuse)
    else:
        text = _decode(data, "utf-8-sig", name, refuse)
    if "\x00" in text:
        refuse("the file holds NUL characters: it is not UTF-8 text (UTF-16 without a byte-order mark?) or not text "
               "at all: in Excel, save it as \"CSV UTF-8 (comma delimited)\", or upload the .xlsx")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        lines = []
        for cells in reader:
            if len(lines) > MAX_ROWS:
                refuse(f"more than {MAX_ROWS:,} rows: split the file")
            lines.append((reader.line_num, cells))
    except csv.Error as error:
        refuse(f"not a readable CSV row ({error})", reader.line_num)
    if not lines:
        refuse("the file is empty")
    header = [h.strip() for h in lines[0][1]]
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        sep = "semicolons" if ";" in header[0] else "tabs"
        refuse(f"the columns are separated by {sep}: save it as CSV (comma delimited), or upload the .xlsx", 1)
    rows = []
    for line, cells in lines[1:]:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            rows.append((line, {"__extra__": cells[len(header):], **dict(zip(header, cells))}))
        else:
            rows.append((line, dict(zip(header, cells))))
    return Sheet("", header, rows)


def _decode(data: bytes, encoding: str, name: str, refuse) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        refuse(f"not UTF-8 text (byte {data[error.start]:#04x}): in Excel, save it as \"CSV UTF-8 (comma "
               "delimited)\", or upload the .xlsx", line)


def _read_xlsx(data: bytes, name: str, refuse) -> dict[str, Sheet]:
    import openpyxl
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = 0
        for info in archive.infolist():  # counted as it unpacks: a zip's own sizes can lie
            with archive.open(info) as member:
                while chunk := member.read(1 << 20):
                    unpacked += len(chunk)
                    if unpacked > MAX_UNPACKED:
                        refuse(f"the workbook unpacks to more than {MAX_UNPACKED / 1e6:,.0f} MB (a zip bomb?): "
                               "not opened")
    except UploadRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, ValueError) as error:
        refuse(f"not an XLSX workbook ({type(error).__name__}: {error}); save it from Excel as .xlsx")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook; all mean the same here
        refuse(f"not a readable XLSX workbook ({type(error).__name__}): save it from Excel as .xlsx")
    names = book.sheetnames
    wanted = [s for s in (VALUES_SHEET, INDICATORS_SHEET) if s in names]
    if VALUES_SHEET not in names:
        if len(names) != 1 or names[0] == INDICATORS_SHEET:
            refuse(f"no sheet named '{VALUES_SHEET}' (the sheets are: {', '.join(names)}): "
                   "put the figures in the template's Values sheet")
        wanted = names  # a one-sheet workbook: that sheet is the values
    sheets = {}
    for sheet_name in wanted:
        sheet = book[sheet_name]
        if sheet.max_row > MAX_ROWS + 1:
            refuse(f"sheet '{sheet_name}' has {sheet.max_row:,} rows; at most {MAX_ROWS:,}: split the file")
        lines = sheet.iter_rows()
        header = [_text(cell.value) for cell in next(lines, ())]
        while header and not header[-1]:
            header.pop()
        rows: dict[int, dict] = {}
        for cell in (cell for line in lines for cell in line if cell.value is not None):
            if cell.column > len(header):
                rows.setdefault(cell.row, {})["__extra__"] = [cell.value]
            else:
                rows.setdefault(cell.row, {})[header[cell.column - 1]] = cell
        key = INDICATORS_SHEET if sheet_name == INDICATORS_SHEET else VALUES_SHEET
        sheets[key] = Sheet(sheet_name, header, sorted(rows.items()), [str(r) for r in sheet.merged_cells.ranges])
    return sheets


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ----------------------------------------------------------------- checking

class _Cells:
    """One row's cells, read with every problem collected instead of stopping at the first."""

    def __init__(self, file: str, sheet: str, row: int, cells: dict, problems: list[Problem]):
        self.file, self.sheet, self.row, self.cells, self.problems = file, sheet, row, cells, problems

    def problem(self, column: str | None, reason: str, value=None) -> None:
        shown = _text(self.raw(column)) if value is None and column else _text(value)
        self.problems.append(Problem(self.file, self.sheet, self.row, column, shown[:80], reason))

    def raw(self, column: str):
        cell = self.cells.get(column)
        return getattr(cell, "value", cell)

    def kind(self, column: str) -> str:
        """'formula', 'error', 'date', 'bool', 'number', 'text' or 'empty'."""
        cell = self.cells.get(column)
        value = self.raw(column)
        if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("=")
                                                         and hasattr(cell, "data_type")):
            return "formula"
        if getattr(cell, "data_type", None) == "e":
            return "error"
        if isinstance(value, (datetime, date)):
            return "date"
        if isinstance(value, bool):
            return "bool"
        if isinstance(value, (int, float)):
            return "number"
        return "empty" if value is None or not str(value).strip() else "text"

    def _usable(self, column: str) -> bool:
        kind = self.kind(column)
        if kind == "formula":
            self.problem(column, "a formula: the upload takes values only (copy the cells, then Paste Values)")
        elif kind == "error":
            self.problem(column, "an Excel error value: correct the cell")
        elif kind == "bool":
            self.problem(column, "TRUE/FALSE is not a figure")
        else:
            return True
        return False

    def text(self, column: str, required: bool = False, default: str | None = None) -> str | None:
        if not self._usable(column):
            return None
        kind = self.kind(column)
        if kind == "date":
            self.problem(column, "Excel stored this as a date: type it as text (e.g. 2023/24 Q4), or format the "
                                 "column as Text before typing", value=self.raw(column))
            return None
        value = _text(self.raw(column))
        if not value:
            if required:
                self.problem(column, "a value is required here")
            return default
        return value

    def number(self, column: str) -> float | None:
        if not self._usable(column):
            return None
        kind = self.kind(column)
        if kind == "date":
            self.problem(column, "a date, not a number", value=self.raw(column))
            return None
        if kind == "empty":
            return None
        value = self.raw(column)
        if kind == "text":
            raw = str(value).strip()
            try:
                value = float(raw)
            except ValueError:
                hint = ""
                if raw.endswith("%"):
                    hint = f": give {raw[:-1].strip()} (the unit comes from the indicator)"
                elif re.fullmatch(r"[\d,]+(\.\d+)?", raw):
                    hint = f": give it without thousands separators ({raw.replace(',', '')})"
                self.problem(column, f"not a number{hint}")
                return None
        value = float(value)
        if not math.isfinite(value):
            self.problem(column, "not a finite number (NaN or infinity): give the figure, or leave it empty with a "
                                 "Value note")
            return None
        return value


def _header_problems(sheet: Sheet, file: str, expected: list[str], required: list[str], ignored: set[str],
                     problems: list[Problem]) -> bool:
    header = sheet.header
    for column in required:
        if column not in header:
            problems.append(Problem(file, sheet.name, 1, column, "", "column missing from the header row "
                                    f"(the columns are: {', '.join(expected)})"))
    seen = set()
    for column in header:
        if column in seen:
            problems.append(Problem(file, sheet.name, 1, column, column, "column given twice"))
        seen.add(column)
        if column not in expected and column not in ignored and not column.startswith("Compared to"):
            problems.append(Problem(file, sheet.name, 1, column or None, column,
                                    "not a column of the template" + (" (an empty heading)" if not column else "")))
    for merged in sheet.merged:
        problems.append(Problem(file, sheet.name, None, None, merged,
                                "merged cells: unmerge them and give every row its own values"))
    return all(c in header for c in required)


def check(data: bytes, name: str, known: Known) -> Checked:
    """Every problem of an uploaded file, or its figures and what loading them would change."""
    digest = hashlib.sha256(data).hexdigest()
    problems: list[Problem] = []
    try:
        sheets = read(data, name)
    except UploadRefused as refused:
        return _checked(name, digest, refused.problems)
    for release in known.releases:
        if release["sha256"] == digest:
            return _checked(name, digest, [Problem(name, "", None, None, "", "this exact file is already loaded as "
                                                   f"release {release['release']} ({release['file']}, by "
                                                   f"{release['by']})")])
    new_indicators = _check_indicators(sheets.get(INDICATORS_SHEET), name, known, problems)
    values = _check_values(sheets[VALUES_SHEET], name, known, new_indicators, problems)
    if problems:
        return _checked(name, digest, problems)
    preview, affects = _preview(values, known)
    if (preview["change"] == "unchanged").all():
        return _checked(name, digest, [Problem(name, "", None, None, "", "nothing new: every figure in the file "
                                               "is already loaded with the same value")], preview=preview)
    load = values[preview["change"].ne("unchanged").to_numpy()].reset_index(drop=True)
    indicators = pd.DataFrame(new_indicators.values(), columns=INDICATOR_COLUMNS)
    return Checked(name, digest, [], load, indicators, preview, affects)


def _checked(name, digest, problems, preview=None) -> Checked:
    return Checked(name, digest, problems, pd.DataFrame(columns=VALUE_COLUMNS + ["Sheet", "Row"]),
                   pd.DataFrame(columns=INDICATOR_COLUMNS), preview if preview is not None else pd.DataFrame(),
                   pd.DataFrame())


def _check_indicators(sheet: Sheet | None, file: str, known: Known, problems: list[Problem]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    if sheet is None or not sheet.rows:
        return out
    if not _header_problems(sheet, file, INDICATOR_COLUMNS, ["indicator_id", "name", "unit", "value_type",
                                                              "polarity"], set(), problems):
        return out
    ids = set(known.indicators["indicator_id"])
    for number, cells in sheet.rows:
        c = _Cells(file, sheet.name, number, cells, problems)
        if "__extra__" in cells:
            c.problem(None, "cells beyond the last column of the header", value=cells["__extra__"][0])
        iid = c.text("indicator_id", required=True)
        if iid is not None:
            if not re.fullmatch(r"[a-z0-9_]{3,60}", iid):
                c.problem("indicator_id", "an indicator ID is 3 to 60 lower-case letters, digits and _")
            elif iid in ids:
                c.problem("indicator_id", "already an indicator of the dashboard: give its figures in the Values "
                                          "sheet without describing it again")
            elif iid in out:
                c.problem("indicator_id", f"described twice (first at row {out[iid]['_row']})")
        name = c.text("name", required=True)
        value_type = c.text("value_type", required=True)
        if value_type is not None and value_type.lower() not in VALUE_TYPES:
            c.problem("value_type", f"not one of: {', '.join(sorted(VALUE_TYPES))}")
        polarity = c.text("polarity", required=True)
        if polarity is not None and polarity.lower() not in POLARITY_WORDS:
            c.problem("polarity", "not one of: high_is_good, low_is_good, no_judgement")
        multiplier = c.number("multiplier")
        if multiplier is not None and multiplier <= 0:
            c.problem("multiplier", "must be positive")
        if iid:
            out[iid] = dict(indicator_id=iid, name=name, definition=c.text("definition"),
                            unit=c.text("unit", required=True), value_type=(value_type or "").lower(),
                            multiplier=multiplier, polarity=POLARITY_WORDS.get((polarity or "").lower()),
                            source=c.text("source"), source_url=c.text("source_url"), owner=c.text("owner"),
                            _row=number)
    for row in out.values():
        row.pop("_row")
    return out


def _check_values(sheet: Sheet, file: str, known: Known, new: dict[str, dict],
                  problems: list[Problem]) -> pd.DataFrame:
    columns = VALUE_COLUMNS + ["Sheet", "Row", "period", "period_end"]
    if not _header_problems(sheet, file, VALUE_COLUMNS + ["Category Type", "Category"], REQUIRED, IGNORED,
                            problems):
        return pd.DataFrame(columns=columns)
    if not sheet.rows:
        problems.append(Problem(file, sheet.name, 2, None, "", "the values sheet has a header but no figures"))
        return pd.DataFrame(columns=columns)
    indicators = known.indicators.set_index("indicator_id")
    by_fingertips = {int(f): i for i, f in indicators["fingertips_id"].dropna().items()}
    units = {**indicators["unit"].to_dict(), **{i: r["unit"] for i, r in new.items()}}
    areas = set(known.areas["area_code"])
    out, first = [], {}
    for number, cells in sheet.rows:
        c = _Cells(file, sheet.name, number, cells, problems)
        if "__extra__" in cells:
            c.problem(None, "cells beyond the last column of the header", value=cells["__extra__"][0])
        iid = c.text("Indicator ID", required=True)
        if iid is not None and iid not in units:
            if iid.isdigit() and int(iid) in by_fingertips:  # a Fingertips ID the dashboard knows
                iid = by_fingertips[int(iid)]
            else:
                c.problem("Indicator ID", "unknown indicator: use an ID from the Codes sheet, or describe it in "
                                          f"the '{INDICATORS_SHEET}' sheet")
                iid = None
        area = c.text("Area Code", required=True)
        if area is not None and area not in areas:
            c.problem("Area Code", "unknown area code: use a code from the Codes sheet")
            area = None
        sex = c.text("Sex", default="Persons")
        if sex is not None and sex not in SEXES:
            c.problem("Sex", f"not one of: {', '.join(SEXES)}")
        age = c.text("Age", default="All ages")
        for column in ("Category Type", "Category"):
            if c.text(column):
                c.problem(column, "breakdowns by category are not taken by uploads: leave it empty")
        label, period = c.text("Time period", required=True), None
        if label is not None:
            try:
                period = parse_period(label)
            except ValueError as error:
                reason = str(error).replace(f"'{label}': ", "").replace(f"'{label}' is", "it is")
                c.problem("Time period", reason.replace("a bare quarter needs a date of data to place it",
                                                        "a quarter needs its financial year: write it like 2023/24 Q3"))
        value, lower, upper = c.number("Value"), c.number("Lower CI 95.0 limit"), c.number("Upper CI 95.0 limit")
        count, denominator = c.number("Count"), c.number("Denominator")
        note = c.text("Value note")
        if value is None and c.kind("Value") == "empty" and not note:
            c.problem("Value", "empty: give the value, or a Value note saying why there is none")
        if (lower is None) != (upper is None) and c.kind("Lower CI 95.0 limit") in ("empty", "number", "text") \
                and c.kind("Upper CI 95.0 limit") in ("empty", "number", "text"):
            c.problem("Upper CI 95.0 limit" if upper is None else "Lower CI 95.0 limit",
                      "give both limits of the interval, or neither")
        if lower is not None and upper is not None:
            if lower > upper:
                c.problem("Lower CI 95.0 limit", f"the lower limit is above the upper limit ({upper:g})")
            elif value is not None and not lower <= value <= upper:
                c.problem("Value", f"outside its own interval {lower:g} to {upper:g}")
        if count is not None and count < 0:
            c.problem("Count", "a negative count: a count is 0 or more")
        if denominator is not None and denominator <= 0:
            c.problem("Denominator", "a denominator is more than 0")
        if count is not None and denominator is not None and denominator > 0 and count > denominator:
            c.problem("Count", f"above the denominator ({denominator:g})")
        unit = units.get(iid) if iid else None
        if value is not None and unit == "%" and not 0 <= value <= 100:
            c.problem("Value", "a percentage outside 0 to 100")
        if value is not None and unit == "count" and value < 0:
            c.problem("Value", "a negative count")
        if iid and area and period and sex in SEXES:
            key = (iid, area, period.period, sex, age)
            if key in first:
                c.problem("Time period", f"the same figure (indicator, area, period, sex, age) is given at row "
                                         f"{first[key]}", value=label)
            first.setdefault(key, number)
            out.append({"Indicator ID": iid, "Area Code": area, "Sex": sex, "Age": age, "Time period": label,
                        "Value": value, "Lower CI 95.0 limit": lower, "Upper CI 95.0 limit": upper,
                        "Count": count, "Denominator": denominator, "Value note": note, "Sheet": sheet.name,
                        "Row": number, "period": period.period, "period_end": period.end})
    return pd.DataFrame(out, columns=columns)


# ----------------------------------------------------------------- preview

def _preview(values: pd.DataFrame, known: Known) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each figure of the file against the figure the dashboard shows today for the same key."""
    key = ["indicator_id", "area_code", "period", "sex", "age"]
    mine = values.rename(columns={"Indicator ID": "indicator_id", "Area Code": "area_code", "Sex": "sex",
                                  "Age": "age"})
    now = known.figures(sorted(set(mine["indicator_id"])), sorted(set(mine["area_code"])))
    now = now.rename(columns={"value": "old_value", "source_ref": "old_source"})
    merged = mine.merge(now[key + ["old_value", "old_source"]], on=key, how="left")
    same = (merged["old_value"] == merged["Value"]) | (merged["old_value"].isna() & merged["Value"].isna()
                                                         & merged["old_source"].notna())
    merged["change"] = "revised"
    merged.loc[merged["old_source"].isna(), "change"] = "new"
    merged.loc[merged["old_source"].notna() & same, "change"] = "unchanged"
    names = known.indicators.set_index("indicator_id")["name"]
    area_names = known.areas.set_index("area_code")["area_name"]
    preview = pd.DataFrame({
        "change": merged["change"], "indicator_id": merged["indicator_id"],
        "indicator": merged["indicator_id"].map(names).fillna(merged["indicator_id"] + " (new indicator)"),
        "area_code": merged["area_code"], "area": merged["area_code"].map(area_names),
        "period": merged["Time period"], "sex": merged["sex"], "age": merged["age"],
        "old_value": merged["old_value"], "new_value": merged["Value"], "was_from": merged["old_source"],
        "row": merged["Row"]})
    changed = preview[preview["change"] != "unchanged"]
    affects = known.scorecard_rows.merge(changed[["indicator_id", "area_code", "period", "new_value"]],
                                         on=["indicator_id", "area_code"])
    return preview, affects.reset_index(drop=True)


def known(query: Callable[..., pd.DataFrame], releases: list[dict] | None = None) -> Known:
    """What a file is checked against. ``query(name, **params)`` runs a named query: lybl.db.run_query on a
    connection (known_from), or the app's ui.data.query, cached by build."""
    return Known(indicators=query("upload_indicators"), areas=query("upload_areas"),
                 figures=lambda ids, areas: query("upload_figures", indicators=ids, areas=areas),
                 scorecard_rows=query("upload_scorecard_rows"), releases=releases or [])


def known_from(con, releases: list[dict] | None = None) -> Known:
    """What a file is checked against, read from the database behind ``con``."""
    from lybl.db import run_query
    return known(functools.partial(run_query, con), releases)
