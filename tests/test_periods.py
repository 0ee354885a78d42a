from datetime import date

import pytest

from lybl.periods import parse_period

CASES = [
    ("2019", None, "2019-01-01/2019-12-31"),
    ("2020/21", None, "2020-04-01/2021-03-31"),
    ("21/22", None, "2021-04-01/2022-03-31"),
    ("2022-23", None, "2022-04-01/2023-03-31"),
    ("2018-2020", None, "2018-01-01/2020-12-31"),
    ("2018-20", None, "2018-01-01/2020-12-31"),
    ("2018 - 20", None, "2018-01-01/2020-12-31"),
    ("Q3 2023/24", None, "2023-10-01/2023-12-31"),
    ("Q4 2023/24", None, "2024-01-01/2024-03-31"),
    ("Q3", date(2023, 12, 1), "2023-10-01/2023-12-31"),
    ("Q2", date(2023, 12, 1), "2023-07-01/2023-09-30"),
    ("Q4", date(2023, 12, 1), "2023-01-01/2023-03-31"),  # Q4 of 2023/24 would start later: the year before
    ("Nov 23", None, "2023-11-01/2023-11-30"),
    ("Sept 23", None, "2023-09-01/2023-09-30"),
    ("Up to end Nov 23", None, "../2023-11-30"),
    ("Up to end of Nov 23", None, "../2023-11-30"),
    ("Up to end Feb 24", None, "../2024-02-29"),
]


@pytest.mark.parametrize("label, context, expected", CASES)
def test_period_rules(label, context, expected):
    period = parse_period(label, context)
    assert period.period == expected
    assert period.label == label


@pytest.mark.parametrize("label, reason", [
    ("", "no period given"),
    ("-", "no period given"),
    ("2020/22", "not a financial year"),
    ("Q3", "needs a date of data"),
    ("Q5 2023/24", "not a period"),
    ("2020-2018", "not after start year"),
    ("sometime", "not a period"),
])
def test_bad_periods_say_why(label, reason):
    with pytest.raises(ValueError, match=reason):
        parse_period(label)


def test_periods_sort_by_end():
    labels = ["2021", "Q3 2023/24", "2020/21", "Up to end Nov 23"]
    ordered = sorted(labels, key=lambda label: parse_period(label).end)
    assert ordered == ["2020/21", "2021", "Up to end Nov 23", "Q3 2023/24"]
