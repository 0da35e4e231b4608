"""A State Council holiday schedule read from a file and put in place.

A file covers whole years: the years most of its lines are in (or those named with --year).
Those years' days are replaced by the file's; nothing else changes, except the days of a holiday
block that runs into the next or previous year (2023's notice lists 2022-12-31 with 元旦). A line
of any other year is a mistake, and the file is refused naming it: a stray 2026 line in a 2027
file once wiped all of 2026.

Whoever keeps deadlines hears of the days that changed through `schedule_changed`."""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.dispatch import Signal

from .arith import CalendarError, parse_date
from .models import DayKind, DayOverride, ScheduleYear

KIND_ALIASES = {
    "holiday": DayKind.HOLIDAY, "休": DayKind.HOLIDAY, "假": DayKind.HOLIDAY, "休息": DayKind.HOLIDAY,
    "workday": DayKind.WORKDAY, "班": DayKind.WORKDAY, "上班": DayKind.WORKDAY, "调休上班": DayKind.WORKDAY,
}
WEEKDAYS = "一二三四五六日"
# A year with fewer lines than this is not what the file is about (one block spilling over).
LINES_FOR_A_YEAR = 3

# Sent inside the import's transaction: dates whose working/holiday status changed, and the years
# now loaded. cases.recalendar recomputes the open cases' deadlines.
schedule_changed = Signal()


@dataclass(frozen=True)
class Line:
    day: dt.date
    kind: str
    name: str
    number: int  # the file's line number, header included


@dataclass
class Plan:
    years: list[int]
    lines: list[Line]
    warnings: list[str] = field(default_factory=list)


def read(text: str) -> list[Line]:
    """Rows of date,kind,name; a header line and # comments are allowed. Raises CalendarError naming the bad line."""
    lines: list[Line] = []
    seen: set[dt.date] = set()
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not "".join(row).strip() or row[0].strip().startswith("#"):
            continue
        if number == 1 and row[0].strip().lower() == "date":
            continue
        if len(row) < 2:
            raise CalendarError(f"第 {number} 行缺少类型：应为 日期,类型,名称")
        try:
            day = parse_date(row[0])
        except CalendarError as exc:
            raise CalendarError(f"第 {number} 行：{exc}") from None
        kind = KIND_ALIASES.get(row[1].strip().lower())
        if kind is None:
            raise CalendarError(f"第 {number} 行类型 {row[1]!r} 无效：用 holiday（休）或 workday（班）")
        if day in seen:
            raise CalendarError(f"第 {number} 行日期 {day} 重复")
        seen.add(day)
        lines.append(Line(day, kind, row[2].strip() if len(row) > 2 else "", number))
    if not lines:
        raise CalendarError("文件中没有任何日期")
    return lines


def plan(lines: list[Line], years: set[int] | None = None) -> Plan:
    """Which years the file replaces; refuses a line outside them that no holiday block explains."""
    if not years:
        per_year = Counter(line.day.year for line in lines)
        years = {y for y, n in per_year.items() if n >= LINES_FOR_A_YEAR}
        if not years:
            top = per_year.most_common()
            if len(top) > 1 and top[0][1] == top[1][1]:
                raise CalendarError("无法判断文件是哪一年的安排：请用 --year 指明年份。")
            years = {top[0][0]}
    holidays = {line.day for line in lines if line.kind == DayKind.HOLIDAY}
    for line in lines:
        if line.day.year not in years and not _spills_into(line, holidays, years):
            covered = "、".join(map(str, sorted(years)))
            raise CalendarError(
                f"第 {line.number} 行的日期 {line.day} 不在本文件的年份（{covered} 年）之内，也不属于跨年的连续假期："
                f"请删去该行，或用 --year 指明要载入的全部年份。未载入任何日期。")
    return Plan(sorted(years), lines, _warnings(lines, holidays))


def _spills_into(line: Line, holidays: set[dt.date], years: set[int]) -> bool:
    """A holiday of another year that runs, day after day, into a holiday of a covered year."""
    if line.kind != DayKind.HOLIDAY:
        return False
    step = dt.timedelta(days=1 if min(years) > line.day.year else -1)
    day = line.day
    while day in holidays:
        if day.year in years:
            return True
        day += step
    return False


def _warnings(lines: list[Line], holidays: set[dt.date]) -> list[str]:
    out = []
    one = dt.timedelta(days=1)
    for line in lines:
        weekday = line.day.weekday()
        if line.kind == DayKind.HOLIDAY and weekday >= 5 and line.day - one not in holidays and line.day + one not in holidays:
            out.append(f"第 {line.number} 行 {line.day}（周{WEEKDAYS[weekday]}）本是周末，单独列为休息日、不在连续假期中：请核对。")
        if line.kind == DayKind.WORKDAY and weekday < 5:
            out.append(f"第 {line.number} 行 {line.day}（周{WEEKDAYS[weekday]}）本是工作日，却列为调休上班日：请核对。")
    return out


@dataclass(frozen=True)
class Done:
    changed: set[dt.date]  # days whose working/holiday status changed
    moved: int             # open cases whose deadlines moved (as the listeners report)


@transaction.atomic
def put_in_place(p: Plan, source: str) -> Done:
    """Replace the plan's years (and the spilling days) with its lines; mark the years loaded."""
    spill = [line.day for line in p.lines if line.day.year not in p.years]
    old_rows = DayOverride.objects.filter(date__year__in=p.years) | DayOverride.objects.filter(date__in=spill)
    before = dict(old_rows.values_list("date", "kind"))
    old_rows.delete()
    DayOverride.objects.bulk_create(DayOverride(date=line.day, kind=line.kind, name=line.name) for line in p.lines)
    after = {line.day: line.kind for line in p.lines}
    newly_loaded = set(p.years) - set(ScheduleYear.objects.filter(year__in=p.years).values_list("year", flat=True))
    for year in p.years:
        ScheduleYear.objects.update_or_create(year=year, defaults={"source": source})
    changed = {d for d in before.keys() | after.keys() if _works(d, before) != _works(d, after)}
    moved = 0
    for _, answer in schedule_changed.send(sender=Plan, dates=changed, years=newly_loaded, source=source):
        answer_count: object = answer
        if isinstance(answer_count, int):
            moved += answer_count
    return Done(changed, moved)


def _works(day: dt.date, kinds: dict) -> bool:
    kind = kinds.get(day)
    return kind == DayKind.WORKDAY if kind is not None else day.weekday() < 5
