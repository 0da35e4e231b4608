"""The pure working-day arithmetic, without a database."""
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minpan.workdays.arith import SHANGHAI, CalendarError, WorkCalendar, deadline_day, end_of_day, parse_date

# National Day 2026 as the notice gives it
NATIONAL_DAY = WorkCalendar(
    overrides={**{dt.date(2026, 10, d): False for d in range(1, 8)}, dt.date(2026, 9, 20): True, dt.date(2026, 10, 10): True},
    known_years=frozenset({2026}),
)


def test_the_day_the_clock_starts_is_not_counted():
    assert NATIONAL_DAY.add(dt.date(2026, 9, 28), 1) == dt.date(2026, 9, 29)


def test_same_day_is_the_day_itself():
    assert NATIONAL_DAY.add(dt.date(2026, 9, 30), 0) == dt.date(2026, 9, 30)


def test_five_working_days_from_the_eve_of_national_day_end_on_the_13th():
    # 10-08 Thu (1), 10-09 Fri (2), 10-10 Sat makeup (3), 10-12 Mon (4), 10-13 Tue (5)
    assert NATIONAL_DAY.add(dt.date(2026, 9, 30), 5) == dt.date(2026, 10, 13)


def test_makeup_sunday_before_national_day_is_a_working_day():
    assert NATIONAL_DAY.is_workday(dt.date(2026, 9, 20))
    assert NATIONAL_DAY.add(dt.date(2026, 9, 19), 1) == dt.date(2026, 9, 20)


def test_deadline_ends_at_midnight_shanghai_time():
    end = end_of_day(dt.date(2026, 10, 13))
    assert end == dt.datetime(2026, 10, 14, 0, 0, tzinfo=SHANGHAI)
    assert end.astimezone(dt.UTC) == dt.datetime(2026, 10, 13, 16, 0, tzinfo=dt.UTC)
    assert deadline_day(end) == dt.date(2026, 10, 13)


def test_negative_day_counts_are_refused():
    with pytest.raises(CalendarError, match="不能为负数"):
        NATIONAL_DAY.add(dt.date(2026, 9, 30), -1)


def test_bad_dates_are_refused_with_the_expected_format():
    with pytest.raises(CalendarError, match="YYYY-MM-DD"):
        parse_date("2026-02-30")


def test_a_year_without_a_schedule_is_reported():
    assert NATIONAL_DAY.unknown_years(dt.date(2026, 12, 20), dt.date(2027, 1, 10)) == {2027}


@given(start=st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 1)), n=st.integers(0, 40))
def test_counting_back_the_added_days_gives_n(start, n):
    end = NATIONAL_DAY.add(start, n)
    assert NATIONAL_DAY.count(start, end) == n
    if n:
        assert NATIONAL_DAY.is_workday(end)
        assert NATIONAL_DAY.subtract(end, n) <= start


@given(start=st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 1)), a=st.integers(0, 20), b=st.integers(0, 20))
def test_adding_in_two_steps_lands_on_the_same_day(start, a, b):
    step = NATIONAL_DAY.add(start, a)
    if a == 0 or NATIONAL_DAY.is_workday(step):
        assert NATIONAL_DAY.add(step, b) == NATIONAL_DAY.add(start, a + b)
