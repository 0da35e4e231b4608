"""The seeded calendar against the State Council's notices for 2025 and 2026."""
import datetime as dt

import pytest

from minpan.workdays.service import load_calendar

# 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号)
OFFICIAL_2025 = {
    "holidays": [
        (dt.date(2025, 1, 1), dt.date(2025, 1, 1)), (dt.date(2025, 1, 28), dt.date(2025, 2, 4)), (dt.date(2025, 4, 4), dt.date(2025, 4, 6)),
        (dt.date(2025, 5, 1), dt.date(2025, 5, 5)), (dt.date(2025, 5, 31), dt.date(2025, 6, 2)), (dt.date(2025, 10, 1), dt.date(2025, 10, 8)),
    ],
    "makeup": [dt.date(2025, 1, 26), dt.date(2025, 2, 8), dt.date(2025, 4, 27), dt.date(2025, 9, 28), dt.date(2025, 10, 11)],
}
# 国务院办公厅关于2026年部分节假日安排的通知
OFFICIAL_2026 = {
    "holidays": [
        (dt.date(2026, 1, 1), dt.date(2026, 1, 3)), (dt.date(2026, 2, 15), dt.date(2026, 2, 23)), (dt.date(2026, 4, 4), dt.date(2026, 4, 6)),
        (dt.date(2026, 5, 1), dt.date(2026, 5, 5)), (dt.date(2026, 6, 19), dt.date(2026, 6, 21)), (dt.date(2026, 9, 25), dt.date(2026, 9, 27)),
        (dt.date(2026, 10, 1), dt.date(2026, 10, 7)),
    ],
    "makeup": [dt.date(2026, 1, 4), dt.date(2026, 2, 14), dt.date(2026, 2, 28), dt.date(2026, 5, 9), dt.date(2026, 9, 20), dt.date(2026, 10, 10)],
}


def _days(first, last):
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


@pytest.mark.parametrize("year,notice", [(2025, OFFICIAL_2025), (2026, OFFICIAL_2026)])
def test_every_day_of_the_year_matches_the_notice(db, year, notice):
    cal = load_calendar(dt.date(year, 1, 1), dt.date(year, 12, 31))
    off = {d for first, last in notice["holidays"] for d in _days(first, last)}
    makeup = set(notice["makeup"])
    for day in _days(dt.date(year, 1, 1), dt.date(year, 12, 31)):
        expected = day in makeup or (day.weekday() < 5 and day not in off)
        assert cal.is_workday(day) is expected, day
    assert cal.is_known(dt.date(year, 6, 1))


@pytest.mark.parametrize("year,workdays", [(2025, 248), (2026, 248)])
# 2025 added two public holidays (13 days in all): both years have 248 working days.
def test_the_year_has_the_official_number_of_working_days(db, year, workdays):
    cal = load_calendar(dt.date(year, 1, 1), dt.date(year, 12, 31))
    assert sum(cal.is_workday(d) for d in _days(dt.date(year, 1, 1), dt.date(year, 12, 31))) == workdays


def test_spring_festival_2026_makeup_saturday_counts(db):
    cal = load_calendar(dt.date(2026, 2, 1), dt.date(2026, 3, 31))
    # Fri 13 → Sat 14 (makeup) is the 1st, then the nine-day break, then Tue 24 … Fri 27, Sat 28 (makeup)
    assert cal.add(dt.date(2026, 2, 13), 1) == dt.date(2026, 2, 14)
    assert cal.add(dt.date(2026, 2, 13), 2) == dt.date(2026, 2, 24)
    assert cal.add(dt.date(2026, 2, 13), 6) == dt.date(2026, 2, 28)
    assert cal.add(dt.date(2026, 2, 13), 7) == dt.date(2026, 3, 2)


def test_holidays_carry_their_chinese_names(db):
    from minpan.workdays.models import DayOverride

    assert DayOverride.objects.get(date=dt.date(2026, 2, 17)).name == "春节"
    assert DayOverride.objects.get(date=dt.date(2026, 10, 10)).name == "国庆节"
    assert DayOverride.objects.get(date=dt.date(2026, 10, 10)).kind == "workday"
