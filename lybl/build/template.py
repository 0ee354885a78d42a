"""The upload template: an XLSX workbook an analyst fills in with the quarter's local figures.

`python -m lybl template OUT.xlsx`, and a download on the Data and Upload pages. Four sheets:

- Instructions: what goes where, in plain words;
- Values: Fingertips' column names (lybl.build.uploads.VALUE_COLUMNS); Indicator ID, Area Code and Sex are
  drop-downs (XLSX data validation) over the Codes sheet; Time period is formatted as text so that Excel
  does not turn "Mar 24" into a date;
- New indicators: the columns of data/indicators.csv that describe an indicator, and its owner;
- Codes: the indicator IDs and area codes the dashboard knows, with their names.
"""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from lybl.build.ingest.local import POLARITIES, VALUE_TYPES
from lybl.build.uploads import INDICATOR_COLUMNS, INDICATORS_SHEET, SEXES, VALUE_COLUMNS, VALUES_SHEET

ROWS = 2000  # rows of the Values sheet that carry the drop-downs
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")

INSTRUCTIONS = [
    ("LYBL Insight: upload template", True),
    ("Use this workbook to load the quarter's local figures (multi-impact intervention measures, LYBL scorecard "
     "metrics, Better Care Fund actuals) into the dashboard.", False),
    ("", False),
    ("1. Values sheet: one row per figure.", True),
    ("Indicator ID and Area Code: choose from the drop-down (the Codes sheet lists every ID and code with its "
     "name). A Fingertips indicator number is accepted where the dashboard knows it.", False),
    ("Time period: type it as the documents print it, e.g. 2023/24 Q4, 2023/24, Mar 2024 or Up to end Mar 24. "
     "The column is formatted as text; do not let Excel turn it into a date.", False),
    ("Value: a plain number in the indicator's unit (70.4 for 70.4%, 41000 for 41k). No % sign, no thousands "
     "separators, no formulas (paste values).", False),
    ("Sex (default Persons) and Age (default All ages) may be left empty.", False),
    ("Lower and Upper CI 95.0 limit: both or neither; the value must lie between them. "
     "Count and Denominator: 0 <= count <= denominator. Value note: why a value is missing, or a caveat.", False),
    ("", False),
    ("2. New indicators sheet (only for an indicator the dashboard does not have yet).", True),
    ("indicator_id: lower-case letters, digits and _. value_type: " + ", ".join(sorted(VALUE_TYPES)) + ". "
     "polarity: " + ", ".join(sorted(POLARITIES)) + ". Give its definition, source and owner.", False),
    ("", False),
    ("3. Load it on the dashboard's Upload page (sign in first), or: python -m lybl load FILE.xlsx", True),
    ("Every problem is listed with its sheet, row and column; nothing is loaded until the file has none. "
     "The preview shows new figures, revised figures (old -> new) and the scorecard rows they change. "
     "Each load is a numbered release that can be reverted on the Data page.", False),
    ("A figure already in the dashboard with the same value is left as it is (unchanged). "
     "A figure with a new value revises it; the release that brought each figure is kept with it.", False),
]


def _header(sheet, columns: list[str], widths: dict[str, int]) -> None:
    sheet.append(columns)
    for index, column in enumerate(columns, 1):
        cell = sheet.cell(row=1, column=index)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(column, 16)
    sheet.freeze_panes = "A2"


def _list(sheet, formula: str, column: str, prompt: str) -> DataValidation:
    """A drop-down over ``formula`` with its prompt; the caller adds the cells it covers."""
    check = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                           errorTitle="Not in the list", error=prompt, promptTitle=column, prompt=prompt,
                           showInputMessage=True)
    sheet.add_data_validation(check)
    return check


def workbook(indicators: pd.DataFrame, areas: pd.DataFrame) -> bytes:
    """The template as XLSX bytes, listing ``indicators`` (indicator_id, name, unit) and ``areas``
    (area_code, area_name, area_type): the upload_indicators and upload_areas queries."""
    book = Workbook()
    guide = book.active
    guide.title = "Instructions"
    guide.column_dimensions["A"].width = 120
    for text, bold in INSTRUCTIONS:
        guide.append([text])
        cell = guide.cell(row=guide.max_row, column=1)
        cell.font = Font(bold=bold, size=12 if bold else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")

    values = book.create_sheet(VALUES_SHEET)
    _header(values, VALUE_COLUMNS, {"Indicator ID": 34, "Area Code": 14, "Time period": 16, "Value note": 30})
    codes = book.create_sheet("Codes")
    codes.append(["Indicator ID", "Indicator", "Unit", "", "Area Code", "Area", "Area type"])
    for index in range(1, 8):
        codes.cell(row=1, column=index).font = Font(bold=True)
    for width, letter in zip([34, 60, 14, 2, 14, 40, 16], "ABCDEFG"):
        codes.column_dimensions[letter].width = width
    longest = max(len(indicators), len(areas))
    ind, ar = indicators.to_dict("records"), areas.to_dict("records")
    for i in range(longest):
        left = [ind[i]["indicator_id"], ind[i]["name"], ind[i]["unit"]] if i < len(ind) else [None] * 3
        right = [ar[i]["area_code"], ar[i]["area_name"], ar[i]["area_type"]] if i < len(ar) else [None] * 3
        codes.append(left + [None] + right)
    last = ROWS + 1
    column = {c: get_column_letter(VALUE_COLUMNS.index(c) + 1) for c in VALUE_COLUMNS}
    _list(values, f"=Codes!$A$2:$A${len(ind) + 1}", "Indicator ID",
          "An indicator ID from the Codes sheet (or one described in New indicators)").add(
        f"{column['Indicator ID']}2:{column['Indicator ID']}{last}")
    _list(values, f"=Codes!$E$2:$E${len(ar) + 1}", "Area Code", "An area code from the Codes sheet").add(
        f"{column['Area Code']}2:{column['Area Code']}{last}")
    _list(values, '"' + ",".join(SEXES) + '"', "Sex", "Persons, Male or Female (empty: Persons)").add(
        f"{column['Sex']}2:{column['Sex']}{last}")
    for row in range(2, last + 1):  # typed as text: Excel keeps "Mar 24" and "2023/24 Q4" as written
        values[f"{column['Time period']}{row}"].number_format = "@"

    new = book.create_sheet(INDICATORS_SHEET)
    _header(new, INDICATOR_COLUMNS, {"indicator_id": 30, "name": 40, "definition": 60, "source": 30,
                                     "source_url": 30, "owner": 30})
    letter = {c: get_column_letter(INDICATOR_COLUMNS.index(c) + 1) for c in INDICATOR_COLUMNS}
    _list(new, '"' + ",".join(sorted(VALUE_TYPES)) + '"', "value_type", "The kind of figure").add(
        f"{letter['value_type']}2:{letter['value_type']}200")
    _list(new, '"' + ",".join(sorted(POLARITIES)) + '"', "polarity", "Which direction is good").add(
        f"{letter['polarity']}2:{letter['polarity']}200")
    book.active = 1  # opens on Values
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write(con, out: Path) -> Path:
    """Write the template for the database behind ``con`` to ``out``."""
    from lybl.db import run_query
    out = Path(out)
    out.write_bytes(workbook(run_query(con, "upload_indicators"), run_query(con, "upload_areas")))
    return out
