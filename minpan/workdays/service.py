"""Load the calendar from the database and import new years' schedules."""
from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from .arith import CalendarError, WorkCalendar, parse_date
from .models import DayKind, DayOverride, ScheduleYear

log = logging.getLogger("minpan.workdays")

KIND_ALIASES = {
    "holiday": DayKind.HOLIDAY, "休": DayKind.HOLIDAY, "假": DayKind.HOLIDAY, "休息": DayKind.HOLIDAY,
    "workday": DayKind.WORKDAY, "班": DayKind.WORKDAY, "上班": DayKind.WORKDAY, "调休上班": DayKind.WORKDAY,
}


def load_calendar(start: dt.date, end: dt.date) -> WorkCalendar:
    """The calendar for [start, end]: one indexed query for the overrides, one for the years."""
    rows = DayOverride.objects.filter(date__range=(start, end)).values_list("date", "kind")
    years = ScheduleYear.objects.values_list("year", flat=True)
    return WorkCalendar(
        overrides={d: k == DayKind.WORKDAY for d, k in rows},
        known_years=frozenset(years),
    )


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


def parse_schedule_csv(text: str) -> list[tuple[dt.date, str, str]]:
    """Rows of date,kind,name; a header line is allowed. Raises CalendarError naming the bad line."""
    rows: list[tuple[dt.date, str, str]] = []
    seen: set[dt.date] = set()
    for lineno, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not "".join(row).strip() or row[0].strip().startswith("#"):
            continue
        if lineno == 1 and row[0].strip().lower() == "date":
            continue
        if len(row) < 2:
            raise CalendarError(f"第 {lineno} 行缺少类型：应为 日期,类型,名称")
        try:
            day = parse_date(row[0])
        except CalendarError as exc:
            raise CalendarError(f"第 {lineno} 行：{exc}") from None
        kind = KIND_ALIASES.get(row[1].strip().lower())
        if kind is None:
            raise CalendarError(f"第 {lineno} 行类型 {row[1]!r} 无效：用 holiday（休）或 workday（班）")
        if day in seen:
            raise CalendarError(f"第 {lineno} 行日期 {day} 重复")
        seen.add(day)
        rows.append((day, kind, row[2].strip() if len(row) > 2 else ""))
    if not rows:
        raise CalendarError("文件中没有任何日期")
    return rows


@transaction.atomic
def import_schedule(rows: list[tuple[dt.date, str, str]], source: str) -> list[int]:
    """Replace the overrides of each year in `rows` with `rows`, and mark those years loaded."""
    years = sorted({d.year for d, _, _ in rows})
    for year in years:
        DayOverride.objects.filter(date__year=year).delete()
    DayOverride.objects.bulk_create(DayOverride(date=d, kind=k, name=n) for d, k, n in rows)
    for year in years:
        ScheduleYear.objects.update_or_create(year=year, defaults={"source": source})
    return years
