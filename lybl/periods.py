"""Period labels as published -> canonical, sortable periods.

A period is stored as an ISO 8601 interval ``YYYY-MM-DD/YYYY-MM-DD`` (start/end,
both inclusive days), or ``../YYYY-MM-DD`` when a document gives only an end
("Up to end Nov 23"). Canonical periods sort by ``period_end``.

Rules (each tested in tests/test_periods.py):

=====================  ===================================  ==========================
published label        meaning                              example -> interval
=====================  ===================================  ==========================
``2019``               calendar year                        2019-01-01/2019-12-31
``2020/21``, ``21/22``  financial year, April to March       2020-04-01/2021-03-31
``2022-23``            financial year (consecutive years)   2022-04-01/2023-03-31
``2018-2020``,         pooled calendar years                2018-01-01/2020-12-31
``2018-20``, ``2018 - 20``
``Q3 2023/24``         financial-year quarter (Q1 = Apr-Jun) 2023-10-01/2023-12-31
``Q3`` + context date  the quarter of the financial year     (context Dec 23)
                       that holds the context date, or the   2023-10-01/2023-12-31
                       year before if it would start later
``Nov 23``, ``Sept 23`` calendar month                       2023-11-01/2023-11-30
``Up to end Nov 23``   cumulative to the end of the month   ../2023-11-30
=====================  ===================================  ==========================
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_RE = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")[a-z]*"


@dataclass(frozen=True)
class Period:
    label: str
    start: date | None
    end: date

    @property
    def period(self) -> str:
        head = self.start.isoformat() if self.start else ".."
        return f"{head}/{self.end.isoformat()}"


def _year(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _fy(start_year: int, end_text: str, label: str) -> Period:
    end_year = _year(end_text) if len(end_text) == 4 else (start_year // 100) * 100 + int(end_text)
    if end_year != start_year + 1:
        raise ValueError(f"'{label}' is not a financial year: {end_year} does not follow {start_year}")
    return Period(label, date(start_year, 4, 1), date(end_year, 3, 31))


def _quarter(q: int, fy_start: int, label: str) -> Period:
    if not 1 <= q <= 4:
        raise ValueError(f"'{label}': quarter must be Q1 to Q4")
    month = 4 + 3 * (q - 1)
    year = fy_start + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return Period(label, date(year, month, 1), _month_end(year, month + 2))


def parse_month(text: str) -> date:
    """'Nov 23' / 'Sept 23' / 'December 2023' -> first day of that month."""
    m = re.fullmatch(_MONTH_RE + r"\s+(\d{2}|\d{4})", text.strip().lower())
    if not m:
        raise ValueError(f"'{text}' is not a month such as 'Nov 23'")
    return date(_year(m.group(2)), MONTHS[m.group(1)], 1)


def parse_period(label: str, context: date | None = None) -> Period:
    """Parse a period label as published. ``context`` resolves a bare quarter ('Q3').

    Raises ValueError with a reason when the label fits no rule.
    """
    raw = label
    text = " ".join(str(label).split()).strip()
    low = text.lower()
    if not text or text in {"-", "–"}:
        raise ValueError("no period given")
    if m := re.fullmatch(r"(\d{4})", low):
        y = int(m.group(1))
        return Period(raw, date(y, 1, 1), date(y, 12, 31))
    if m := re.fullmatch(r"(\d{2}|\d{4})/(\d{2}|\d{4})", low):
        return _fy(_year(m.group(1)), m.group(2), raw)
    if (m := re.fullmatch(r"(\d{4})-(\d{2})", low)) and int(m.group(2)) == (int(m.group(1)) + 1) % 100:
        return _fy(int(m.group(1)), m.group(2), raw)
    if m := re.fullmatch(r"(\d{4})\s*-\s*(\d{2}|\d{4})", low):
        y0, y1 = int(m.group(1)), _year(m.group(2)) if len(m.group(2)) == 4 else int(m.group(1)[:2] + m.group(2))
        if y1 <= y0:
            raise ValueError(f"'{raw}': end year is not after start year")
        return Period(raw, date(y0, 1, 1), date(y1, 12, 31))
    if m := re.fullmatch(r"q([1-4])\s+(\d{4})/(\d{2}|\d{4})", low):
        fy = _fy(int(m.group(2)), m.group(3), raw)
        return _quarter(int(m.group(1)), fy.start.year, raw)
    if m := re.fullmatch(r"(\d{4})/(\d{2}|\d{4})\s+q([1-4])", low):  # Fingertips' order: 2023/24 Q4
        fy = _fy(int(m.group(1)), m.group(2), raw)
        return _quarter(int(m.group(3)), fy.start.year, raw)
    if m := re.fullmatch(r"q([1-4])", low):
        if context is None:
            raise ValueError(f"'{raw}': a bare quarter needs a date of data to place it")
        fy_start = context.year if context.month >= 4 else context.year - 1
        p = _quarter(int(m.group(1)), fy_start, raw)
        if p.start > context:
            p = _quarter(int(m.group(1)), fy_start - 1, raw)
        return p
    if m := re.fullmatch(r"up to end(?: of)?\s+(.+)", low):
        month = parse_month(m.group(1))
        return Period(raw, None, _month_end(month.year, month.month))
    try:
        month = parse_month(low)
    except ValueError:
        raise ValueError(f"'{raw}' is not a period this build understands "
                         "(e.g. 2019, 2020/21, 2018-20, 2023/24 Q3, Q3 2023/24, Nov 23, Up to end Nov 23)") from None
    return Period(raw, month, _month_end(month.year, month.month))


def display_period(label, end) -> str:
    """The period as printed, with its end month when the label names no year.

    'Q3' ending 31 Dec 2023 -> 'Q3 (to Dec 2023)'; '2022-23', 'Dec 22' and 'Jul 2025' are kept as printed.
    """
    if not isinstance(label, str) or not label:
        return ""
    if re.search(r"\d{2}", label) or end is None or pd.isna(end):
        return label
    return f"{label} (to {pd.Timestamp(end):%b %Y})"
