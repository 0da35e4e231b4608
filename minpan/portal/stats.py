"""The public statistics a government website publishes about its message board:
收到留言数, 办结数, 平均办理时间, 公开答复数, 按时办结率 and satisfaction, per period and per
unit, counted by the same indicators as the center's reports (minpan.reports.indicators,
docs/indicators.md): a unit's row holds its sub-units' cases.

Units with fewer than MIN_RANKED cases in the period are listed but not ranked: a
unit with two cases would otherwise top or tail the table by chance.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from minpan.reports import indicators
from minpan.reports.periods import Period as Days
from minpan.units.models import Unit
from minpan.workdays.arith import SHANGHAI

MIN_RANKED = 10


@dataclass(frozen=True)
class Period:
    year: int
    month: int | None = None  # None: the whole year
    quarter: int | None = None

    @property
    def label(self) -> str:
        if self.month:
            return f"{self.year} 年 {self.month} 月"
        if self.quarter:
            return f"{self.year} 年第 {self.quarter} 季度"
        return f"{self.year} 年"

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        if self.month:
            first, months = self.month, 1
        elif self.quarter:
            first, months = 3 * self.quarter - 2, 3
        else:
            first, months = 1, 12
        start = dt.datetime(self.year, first, 1, tzinfo=SHANGHAI)
        last = first + months
        end = dt.datetime(self.year + (last - 1) // 12, (last - 1) % 12 + 1, 1, tzinfo=SHANGHAI)
        return start, end


@dataclass
class Figures:
    """The page's figures, read from the one set of indicators (minpan.reports.indicators)."""

    received: int = 0
    done: int = 0                        # answered (published, publicly or privately) in the period
    public: int = 0
    avg_days: float | None = None        # working days from receipt to answer
    rated: int = 0                       # ratings given in the period
    satisfaction_rate: float | None = None
    on_time_rate: float | None = None

    @classmethod
    def of(cls, f: indicators.Figures) -> Figures:
        avg = f.avg_working_days
        return cls(
            received=f.received, done=f.answered, public=f.answered_public,
            avg_days=None if avg is None else round(avg, 1), rated=f.rated,
            satisfaction_rate=f.satisfaction_rate, on_time_rate=f.on_time_rate,
        )

    @property
    def satisfaction(self) -> float | None:
        """满意率 in percent, for the page (the indicator itself is a fraction)."""
        return _percent(self.satisfaction_rate)

    @property
    def on_time(self) -> float | None:
        """按时办结率 in percent, for the page."""
        return _percent(self.on_time_rate)


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(100 * rate, 1)


@dataclass
class UnitRow:
    name: str
    figures: Figures
    rank: int | None = None


@dataclass
class Report:
    period: Period
    total: Figures
    ranked: list[UnitRow]
    unranked: list[UnitRow]


def report(period: Period) -> Report:
    start, end = period.bounds()
    days = Days(start.date(), end.date() - dt.timedelta(days=1))
    total = Figures.of(indicators.figures(days)[None])
    by_unit = indicators.figures(days, by="unit")
    names = dict(Unit.objects.filter(pk__in=[k for k in by_unit if k is not None]).values_list("pk", "name"))
    # a unit is listed when it received or answered a case in the period (its sub-units' included)
    rows = [UnitRow(names[k], Figures.of(f)) for k, f in by_unit.items() if k is not None and (f.received or f.answered)]
    ranked = [r for r in rows if max(r.figures.received, r.figures.done) >= MIN_RANKED]
    unranked = sorted((r for r in rows if r not in ranked), key=lambda r: r.name)
    # Better satisfaction first; then the quicker answer; then the name, so ties are stable.
    ranked.sort(key=lambda r: (-(r.figures.satisfaction_rate or 0), r.figures.avg_days or 0, r.name))
    for i, row in enumerate(ranked, start=1):
        row.rank = i
    return Report(period=period, total=total, ranked=ranked, unranked=unranked)


def parse_period(year: str | None, month: str | None, quarter: str | None, today: dt.date) -> Period:
    """The period from the query string; anything malformed falls back to this month."""
    try:
        y = int(year) if year else today.year
        m = int(month) if month else None
        q = int(quarter) if quarter else None
    except (TypeError, ValueError):
        return Period(today.year, today.month)
    if not 2000 <= y <= 2100 or (m is not None and not 1 <= m <= 12) or (q is not None and not 1 <= q <= 4):
        return Period(today.year, today.month)
    if not year and not month and not quarter:
        return Period(today.year, today.month)
    return Period(y, m, None if m else q)
