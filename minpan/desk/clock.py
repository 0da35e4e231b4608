"""Working days left on a deadline, for the queues and the case page (one calendar per request)."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from minpan.workdays.arith import WorkCalendar, deadline_day, end_of_day, local_date
from minpan.workdays.service import load_calendar

# Wide enough for every open deadline; the overrides are a few dozen rows a year.
BEFORE = dt.timedelta(days=400)
AFTER = dt.timedelta(days=200)


class Clock:
    """`now`, today's calendar and the cut-off of 即将到期 (the end of the next working day)."""

    def __init__(self, now: dt.datetime | None = None):
        self.now = now or timezone.now()
        self.today = local_date(self.now)
        self.cal: WorkCalendar = load_calendar(self.today - BEFORE, self.today + AFTER)
        self.soon = end_of_day(self.cal.add(self.today, 1))

    def days_left(self, due_at: dt.datetime | None) -> int | None:
        """Working days from today to the due day (0: due today); negative once overdue."""
        if due_at is None:
            return None
        due = deadline_day(due_at)
        if due_at <= self.now:
            return -max(self.cal.count(due, self.today), 1)
        return self.cal.count(self.today, due)

    @staticmethod
    def tone(left: int | None) -> str:
        """CSS class: overdue (red), near (≤ 1 working day, orange), soon (2, yellow), ok (green)."""
        if left is None:
            return "none"
        if left < 0:
            return "overdue"
        if left <= 1:
            return "near"
        if left <= 2:
            return "soon"
        return "ok"

    @staticmethod
    def describe(left: int | None) -> str:
        if left is None:
            return "未计时"
        if left < 0:
            return f"已逾期 {-left} 个工作日"
        if left == 0:
            return "今日到期"
        return f"剩 {left} 个工作日"
