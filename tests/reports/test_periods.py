"""Statistics periods: Asia/Shanghai calendar dates, both ends included, and the one before."""
import datetime as dt

import pytest

from minpan.reports.periods import Period, PeriodError
from minpan.workdays.arith import SHANGHAI

D = dt.date


def test_a_period_runs_from_midnight_to_24_00_of_its_last_day():
    p = Period.parse("2026-10-01", "2026-10-31")
    assert p.start == dt.datetime(2026, 10, 1, tzinfo=SHANGHAI)
    assert p.end == dt.datetime(2026, 11, 1, tzinfo=SHANGHAI)


def test_the_period_before_a_month_is_the_month_before():
    assert Period.month(2026, 3).previous() == Period(D(2026, 2, 1), D(2026, 2, 28))
    assert Period.month(2026, 1).previous() == Period(D(2025, 12, 1), D(2025, 12, 31))
    assert Period(D(2026, 4, 1), D(2026, 6, 30)).previous() == Period(D(2026, 1, 1), D(2026, 3, 31))


def test_the_period_before_some_days_is_as_many_days():
    assert Period(D(2026, 10, 8), D(2026, 10, 14)).previous() == Period(D(2026, 10, 1), D(2026, 10, 7))
    assert Period(D(2026, 3, 15), D(2026, 3, 31)).previous() == Period(D(2026, 2, 26), D(2026, 3, 14))


@pytest.mark.parametrize("first,last,words", [
    ("2026-13-01", "2026-12-31", "日期格式无效"),
    ("2026/10/01", "2026-10-31", "日期格式无效"),
    ("", "2026-10-31", "日期格式无效"),
    ("2026-11-01", "2026-10-31", "晚于截止日期"),
])
def test_bad_dates_are_refused_in_words(first, last, words):
    with pytest.raises(PeriodError, match=words):
        Period.parse(first, last)
