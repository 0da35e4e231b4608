"""The public statistics a government website publishes about its message board:
收到留言数, 办结数, 平均办理时间, 公开答复数 and satisfaction, per period and per unit.

Units with fewer than MIN_RANKED cases in the period are listed but not ranked: a
unit with two cases would otherwise top or tail the table by chance.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from minpan.cases.models import Case
from minpan.cases.states import PublishMode, Rating, State
from minpan.workdays.arith import SHANGHAI, local_date
from minpan.workdays.service import load_calendar

MIN_RANKED = 10
DONE = (State.PUBLISHED, State.ARCHIVED)


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
    received: int = 0
    done: int = 0
    public: int = 0
    avg_days: float | None = None      # working days from receipt to answer
    rated: int = 0
    ratings: dict = field(default_factory=dict)

    @property
    def satisfaction(self) -> float | None:
        """满意率: 满意 and 基本满意 among the rated answers, in percent."""
        if not self.rated:
            return None
        good = self.ratings.get(Rating.SATISFIED, 0) + self.ratings.get(Rating.BASICALLY, 0)
        return round(100 * good / self.rated, 1)


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


def _figures(received: list, answered: list, cal) -> Figures:
    f = Figures(received=len(received), done=len(answered))
    f.public = sum(1 for c in answered if c.publish_mode == PublishMode.PUBLIC)
    if answered:
        days = [cal.count(local_date(c.received_at), local_date(c.answered_at)) for c in answered]
        f.avg_days = round(sum(days) / len(days), 1)
    for c in answered:
        if c.rating:
            f.rated += 1
            f.ratings[c.rating] = f.ratings.get(c.rating, 0) + 1
    return f


def report(period: Period) -> Report:
    start, end = period.bounds()
    fields = ("received_at", "answered_at", "publish_mode", "rating", "lead_unit__name", "state")
    received = list(Case.objects.filter(received_at__gte=start, received_at__lt=end).select_related("lead_unit").only(*fields))
    answered = list(
        Case.objects.filter(answered_at__gte=start, answered_at__lt=end, state__in=DONE).select_related("lead_unit").only(*fields)
    )
    first = min([local_date(c.received_at) for c in answered] + [local_date(start)])
    cal = load_calendar(first, local_date(end))
    by_unit: dict[str, tuple[list, list]] = {}
    for c in received:
        if c.lead_unit is not None:
            by_unit.setdefault(c.lead_unit.name, ([], []))[0].append(c)
    for c in answered:
        if c.lead_unit is not None:
            by_unit.setdefault(c.lead_unit.name, ([], []))[1].append(c)
    rows = [UnitRow(name, _figures(r, a, cal)) for name, (r, a) in by_unit.items()]
    ranked = [r for r in rows if max(r.figures.received, r.figures.done) >= MIN_RANKED]
    unranked = sorted((r for r in rows if r not in ranked), key=lambda r: r.name)
    # Better satisfaction first; then the quicker answer; then the name, so ties are stable.
    ranked.sort(key=lambda r: (-(r.figures.satisfaction or 0), r.figures.avg_days or 0, r.name))
    for i, row in enumerate(ranked, start=1):
        row.rank = i
    return Report(period=period, total=_figures(received, answered, cal), ranked=ranked, unranked=unranked)


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
