"""Working-day arithmetic on the official Chinese calendar. Pure: no models.

The rule, as the documents use it ("在 N 个工作日内办理"):
- "within N working days" ends at 24:00 (Asia/Shanghai) of the Nth working day
  after the day the clock starts; that day itself is not counted;
- "the same day" (当日, N = 0) ends at 24:00 of that day.
A day is a working day when the schedule says so (makeup Saturday = working,
holiday = off); a day the schedule does not mention is a working day from
Monday to Friday. A year with no schedule loaded is computed on weekends only
and reported as unverified, so callers can warn staff.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


class CalendarError(ValueError):
    pass


# The calendar answers for these dates only: chinese-calendar starts in 2004, the State Council's
# schedules are yearly, and nothing a case needs lies outside (a typo like 20266-01-01 does).
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
# No document gives more than 60 working days for anything; ten years of them is a typo.
MAX_WORKING_DAYS = 2500


def check_span(day: dt.date, n: int) -> None:
    if n < 0:
        raise CalendarError(f"工作日数不能为负数：{n}")
    if n > MAX_WORKING_DAYS:
        raise CalendarError(f"工作日数 {n} 过大：最多 {MAX_WORKING_DAYS} 个工作日（约十年）。")
    if not FIRST_DAY <= day <= LAST_DAY:
        raise CalendarError(f"日期 {day} 超出工作日历的范围（{FIRST_DAY.year}–{LAST_DAY.year} 年）。")


@dataclass(frozen=True)
class WorkCalendar:
    # date -> True for a makeup working day, False for a holiday
    overrides: dict[dt.date, bool] = field(default_factory=dict)
    # years whose State Council schedule is loaded
    known_years: frozenset[int] = frozenset()

    def is_workday(self, day: dt.date) -> bool:
        flag = self.overrides.get(day)
        if flag is not None:
            return flag
        return day.weekday() < 5

    def is_known(self, day: dt.date) -> bool:
        return day.year in self.known_years

    def add(self, start: dt.date, n: int) -> dt.date:
        """The Nth working day after `start` (start not counted); n = 0 is `start` itself."""
        check_span(start, n)
        day = start
        while n > 0:
            if day >= LAST_DAY:
                raise CalendarError(f"结果超出工作日历的范围（{LAST_DAY.year} 年以后）。")
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                n -= 1
        return day

    def subtract(self, end: dt.date, n: int) -> dt.date:
        """The Nth working day before `end` (end not counted)."""
        check_span(end, n)
        day = end
        while n > 0:
            if day <= FIRST_DAY:
                raise CalendarError(f"结果超出工作日历的范围（{FIRST_DAY.year} 年以前）。")
            day -= dt.timedelta(days=1)
            if self.is_workday(day):
                n -= 1
        return day

    def count(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        days = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                days += 1
        return days

    def unknown_years(self, start: dt.date, end: dt.date) -> set[int]:
        return {y for y in range(start.year, end.year + 1) if y not in self.known_years}


def end_of_day(day: dt.date) -> dt.datetime:
    """24:00 of `day` in Asia/Shanghai, as an aware datetime (00:00 of the next day)."""
    nxt = day + dt.timedelta(days=1)
    return dt.datetime(nxt.year, nxt.month, nxt.day, tzinfo=SHANGHAI)


def local_date(moment: dt.datetime) -> dt.date:
    if moment.tzinfo is None:
        raise CalendarError("需要带时区的时间")
    return moment.astimezone(SHANGHAI).date()


def deadline_day(moment: dt.datetime) -> dt.date:
    """The calendar day a 24:00 deadline belongs to (inverse of end_of_day)."""
    return local_date(moment - dt.timedelta(microseconds=1))


def deadline_text(moment: dt.datetime) -> str:
    """The one way a deadline is shown, on pages, exports, documents and notices:
    its day and 24:00 ("2026年10月09日 24:00"), never 00:00 of the next day."""
    return f"{deadline_day(moment):%Y年%m月%d日} 24:00"


def parse_date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CalendarError(f"日期格式无效：{text!r}，请用 YYYY-MM-DD，例如 2026-10-08") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise CalendarError(f"日期 {day} 超出工作日历的范围（{FIRST_DAY.year}–{LAST_DAY.year} 年）。")
    return day
