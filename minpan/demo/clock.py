"""Plausible times for the steps of one demo case.

Staff act in office hours on official working days; citizens write at any hour.
A step that would fall after `limit` (the moment the load started) raises
Overshoot, and the builder replays the whole case from an earlier start, so no
step is ever squeezed into the night or dated in the future.
"""
from __future__ import annotations

import datetime as dt
import random

from minpan.workdays.arith import SHANGHAI, WorkCalendar

OPEN = dt.time(8, 30)
CLOSE = dt.time(18, 0)
OFFICE_MINUTES = 570  # one working day, 08:30–18:00


class Overshoot(Exception):
    def __init__(self, by: dt.timedelta):
        super().__init__(f"超出当前时间 {by}")
        self.by = by


class Clock:
    def __init__(self, start: dt.datetime, limit: dt.datetime, cal: WorkCalendar, rng: random.Random):
        self.t, self.limit, self.cal, self.rng = start, limit, cal, rng

    def _set(self, t: dt.datetime) -> dt.datetime:
        if t >= self.limit:
            raise Overshoot(t - self.limit)
        self.t = t
        return t

    def _opening(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, OPEN, tzinfo=SHANGHAI)

    def _snap(self, t: dt.datetime) -> dt.datetime:
        """`t` if the office is open then, else the next opening."""
        local = t.astimezone(SHANGHAI)
        day = local.date()
        if self.cal.is_workday(day):
            if local.time() < OPEN:
                return self._opening(day)
            if local.time() < CLOSE:
                return local
        day += dt.timedelta(days=1)
        while not self.cal.is_workday(day):
            day += dt.timedelta(days=1)
        return self._opening(day)

    def office(self, lo: float, hi: float) -> dt.datetime:
        """Move on by lo..hi minutes of office time."""
        left = dt.timedelta(minutes=self.rng.uniform(lo, hi))
        t = self._snap(self.t)
        while True:
            close = dt.datetime.combine(t.date(), CLOSE, tzinfo=SHANGHAI)
            if t + left < close:
                return self._set(t + left)
            left -= close - t
            t = self._snap(close)

    def days(self, lo: float, hi: float) -> dt.datetime:
        """Move on by lo..hi working days of office time."""
        return self.office(lo * OFFICE_MINUTES, hi * OFFICE_MINUTES)

    def same_day(self, lo: float, hi: float) -> dt.datetime:
        """lo..hi minutes later but on the same local day (windows that close at 24:00 today)."""
        local = self.t.astimezone(SHANGHAI)
        close = dt.datetime.combine(local.date(), CLOSE, tzinfo=SHANGHAI)
        midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI)
        # Staff stay within office hours when there is time left today, else work late rather than miss the window.
        end = close if close - local >= dt.timedelta(minutes=15) else midnight - dt.timedelta(minutes=5)
        t = min(self.t + dt.timedelta(minutes=self.rng.uniform(lo, hi)), end)
        return self._set(max(t, self.t + dt.timedelta(seconds=30)))

    def anytime(self, lo_hours: float, hi_hours: float) -> dt.datetime:
        """A citizen's step: lo..hi hours later, day or night."""
        return self._set(self.t + dt.timedelta(hours=self.rng.uniform(lo_hours, hi_hours)))

    def recently(self, after: dt.datetime | None = None) -> dt.datetime:
        """An office moment between max(now of the case, after) and the limit (a late instruction)."""
        base = max(self.t, after or self.t)
        for _ in range(8):
            t = self._snap(base + (self.limit - base) * self.rng.uniform(0.2, 0.9))
            if t < self.limit:
                return self._set(t)
        return self._set(base + (self.limit - base) / 2)
