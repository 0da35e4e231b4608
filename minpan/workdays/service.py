"""Load the calendar from the database and import new years' schedules."""
from __future__ import annotations

import datetime as dt
import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connections, router

from .arith import WorkCalendar
from .models import DayKind, DayOverride, ScheduleYear

log = logging.getLogger("minpan.workdays")



def load_calendar(start: dt.date, end: dt.date) -> WorkCalendar:
    """The calendar for [start, end] in one query (every staff page asks): the overrides by their
    index, and the years whose schedule is imported, as rows with no date. Plain SQL: building the
    same UNION through the ORM cost more CPU than running it (issue 17)."""
    connection = connections[router.db_for_read(DayOverride)]
    q = connection.ops.quote_name
    days, years = q(DayOverride._meta.db_table), q(ScheduleYear._meta.db_table)
    overrides: dict[dt.date, bool] = {}
    known: set[int] = set()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {q('date')}, {q('kind')}, NULL FROM {days} WHERE {q('date')} BETWEEN %s AND %s "  # nosec B608
            f"UNION ALL SELECT NULL, '', {q('year')} FROM {years}", [start, end])
        for d, k, y in cursor.fetchall():
            if d is None:
                known.add(y)
            else:
                overrides[_day(d)] = k == DayKind.WORKDAY
    return WorkCalendar(overrides=overrides, known_years=frozenset(known))


def _day(value) -> dt.date:
    # a UNION's column is typed by the database: SQLite may hand the date back as its text
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


_batch_calendar: ContextVar[WorkCalendar | None] = ContextVar("batch_calendar", default=None)


@contextmanager
def one_calendar():
    """Inside this block every look-up uses one calendar of all years, loaded once: for the
    sweep, which computes thousands of deadlines in a few seconds."""
    token = _batch_calendar.set(load_calendar(dt.date.min, dt.date.max))
    try:
        yield
    finally:
        _batch_calendar.reset(token)


def calendar_around(day: dt.date, working_days: int) -> WorkCalendar:
    if (cal := _batch_calendar.get()) is not None:
        return cal
    # A run of N working days never spans more than 2N + 40 calendar days
    # (the longest holiday block is nine days, twice a year at most).
    span = dt.timedelta(days=2 * max(working_days, 1) + 40)
    return load_calendar(day - span, day + span)


def warn_unknown(cal: WorkCalendar, start: dt.date, end: dt.date) -> bool:
    missing = cal.unknown_years(start, end)
    if missing:
        log.warning(
            "年度节假日安排未载入：%s 年。期限仅按周末计算，可能不准确；请用 `minpan calendar import` 载入国务院通知。",
            "、".join(map(str, sorted(missing))),
        )
    return bool(missing)


def import_schedule(rows, source: str) -> list[int]:
    """Put (date, kind, name) rows in place as one file would be (schedule.read, plan, put_in_place)."""
    from .schedule import Line, plan, put_in_place

    p = plan([Line(d, k, n, i) for i, (d, k, n) in enumerate(rows, start=1)])
    put_in_place(p, source)
    return p.years


# The State Council publishes next year's schedule in October or November; from this month on a
# missing one is worth a warning, since deadlines in January are already being counted.
WARN_FROM_MONTH = 11


def next_year_missing(today: dt.date) -> int | None:
    """Next year, when it is late in the year and its schedule is not loaded; else None."""
    if today.month < WARN_FROM_MONTH:
        return None
    year = today.year + 1
    return None if ScheduleYear.objects.filter(year=year).exists() else year
