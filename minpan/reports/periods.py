"""A statistics period: Asia/Shanghai calendar dates, both ends included. Pure: no models."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from minpan.workdays.arith import SHANGHAI, CalendarError, parse_date


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date

    def __post_init__(self):
        if self.first > self.last:
            raise PeriodError(f"起始日期 {self.first} 晚于截止日期 {self.last}。")

    @classmethod
    def parse(cls, first: str, last: str) -> Period:
        """From two YYYY-MM-DD texts, refused in words for the person who typed them."""
        try:
            return cls(parse_date(first or ""), parse_date(last or ""))
        except CalendarError as exc:
            raise PeriodError(str(exc)) from None

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(dt.date(year, month, 1), _month_end(year, month))

    @property
    def start(self) -> dt.datetime:
        """00:00 of the first day."""
        return dt.datetime.combine(self.first, dt.time(), tzinfo=SHANGHAI)

    @property
    def end(self) -> dt.datetime:
        """24:00 of the last day (00:00 of the next): the period is [start, end)."""
        return dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI)

    @property
    def whole_months(self) -> int:
        """How many calendar months the period is, when it is whole months; else 0."""
        if self.first.day != 1 or self.last != _month_end(self.last.year, self.last.month):
            return 0
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    def previous(self) -> Period:
        """The period before, for 环比: the months before when it is whole months (so February
        follows January whatever their lengths), else as many days just before."""
        months = self.whole_months
        if months:
            index = self.first.year * 12 + self.first.month - 1 - months
            first = dt.date(index // 12, index % 12 + 1, 1)
            last = self.first - dt.timedelta(days=1)
            return Period(first, last)
        days = (self.last - self.first).days + 1
        return Period(self.first - dt.timedelta(days=days), self.first - dt.timedelta(days=1))

    def __str__(self) -> str:
        return f"{self.first:%Y年%m月%d日}至{self.last:%Y年%m月%d日}"


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)
