"""The period a report's figures cover, by its date: 全年 only once the year is over (review F7)."""

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from drafter.drafting.figures import reporting_period

CASES = [
    (2025, dt.date(2025, 12, 18), "截至12月中旬"),
    (2025, dt.date(2025, 12, 5), "截至12月上旬"),
    (2025, dt.date(2025, 11, 30), "截至11月下旬"),
    (2025, dt.date(2025, 12, 31), "全年"),
    (2025, dt.date(2026, 1, 8), "全年"),
    (2025, None, "全年"),
    (None, dt.date(2025, 12, 18), "全年"),
]


@pytest.mark.parametrize(("year", "date", "expected"), CASES)
def test_period_by_date(year, date, expected):
    assert reporting_period(year, date) == expected


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_a_date_inside_its_year_never_claims_the_whole_year(date):
    assume((date.month, date.day) != (12, 31))  # the last day closes the year: 全年
    period = reporting_period(date.year, date)
    assert period.startswith(f"截至{date.month}月") and period[-2:] in {"上旬", "中旬", "下旬"}
