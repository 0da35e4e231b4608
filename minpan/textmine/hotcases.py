"""Hot topics of a calendar month read from the cases (selector): `month_topics(month="2026-10")`.

Which cases count: every message received in the month, whatever its state, except those not
accepted as abusive or empty (违法违规、恶意攻击…, 内容空泛…): those say nothing about what people need.
A message refused as a duplicate (重复事项) or merged into an earlier case (并单, state "merged") is
kept: it is one more person, or one more time, asking about the same thing, which is what heat is.
Cases refused for other reasons (out of scope, already in court, no identity) are kept too: the
demand is real even where this channel cannot answer it.

Writers: the same phone, e-mail or name (in that order) counts as one writer. It is used only as a
key inside this function and never leaves it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from dataclasses import dataclass

from django.db.models import Count, Max, Q, Sum

from minpan.cases.models import Case
from minpan.cases.states import State
from minpan.workdays.arith import SHANGHAI

from . import hot
from .features import normalise

# Not-accepted reasons that mean there was no real request in the message.
NOISE_REASONS = ("unlawful_abusive", "not_answerable")

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class MonthReport:
    month: str  # 2026-10
    start: dt.datetime
    end: dt.datetime
    previous_start: dt.datetime
    cases: int  # counted cases received in the month
    previous_cases: int
    topics: list[hot.Topic]  # keys are case ids

    @property
    def label(self) -> str:
        return f"{self.start:%Y年%m月}".replace("年0", "年")

    @property
    def previous_month(self) -> str:
        return f"{self.previous_start:%Y-%m}"

    @property
    def next_month(self) -> str:
        return f"{self.end:%Y-%m}"


def month_bounds(month: str) -> tuple[dt.datetime, dt.datetime, dt.datetime]:
    """(first moment of the month before, of the month, of the month after), in Asia/Shanghai."""
    m = _MONTH.match(month or "")
    if not m or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2100:
        raise ValueError(f"月份格式应为 YYYY-MM（例如 2026-10），收到：{month!r}")
    year, mon = int(m.group(1)), int(m.group(2))
    start = dt.datetime(year, mon, 1, tzinfo=SHANGHAI)
    end = dt.datetime(year + mon // 12, mon % 12 + 1, 1, tzinfo=SHANGHAI)
    before = dt.datetime(year - (mon == 1), (mon - 2) % 12 + 1, 1, tzinfo=SHANGHAI)
    return before, start, end


def last_full_month(today: dt.date) -> str:
    first = today.replace(day=1)
    return f"{first - dt.timedelta(days=1):%Y-%m}"


def counted_cases(start: dt.datetime, end: dt.datetime):
    noise = Q(state=State.NOT_ACCEPTED, not_accepted_reason__in=NOISE_REASONS)
    return Case.objects.filter(received_at__gte=start, received_at__lt=end).exclude(noise)


def _writer(case_id, phone, email, name):
    for value in (phone, email, name):
        value = normalise(value).replace(" ", "").replace("-", "")
        if value:
            return hashlib.sha256(value.encode()).hexdigest()[:16]
    return ("case", case_id)


_lock = threading.Lock()
_cache: dict = {}


def month_topics(*, month: str) -> MonthReport:
    """Topics of the month, hottest first, each with its count in the month before (growth) and its
    case ids (oldest first). Grouping a month takes a few seconds for thousands of cases, so the
    result is kept until a case of the two months is added, leaves the count (refused as noise) or
    gets likes. State changes alone do not count: the text a topic is made of never changes after
    collection, and a busy month's cases change state all day."""
    before, start, end = month_bounds(month)
    cases = counted_cases(before, end)
    key = (month,) + tuple(cases.aggregate(n=Count("id"), m=Max("id"), c=Max("created_at"), likes=Sum("likes")).values())
    with _lock:
        if key in _cache:
            return _cache[key]
    rows = cases.values_list("id", "subject", "body", "received_at", "likes",
                             "citizen__phone", "citizen__email", "citizen__name")
    messages = [hot.Message(key=cid, title=subject, body=body, at=at, likes=likes, writer=_writer(cid, p, e, n))
                for cid, subject, body, at, likes, p, e, n in rows.iterator()]
    report = MonthReport(
        month=month, start=start, end=end, previous_start=before,
        cases=sum(1 for m in messages if m.at >= start), previous_cases=sum(1 for m in messages if m.at < start),
        topics=hot.topics(messages, start=start, end=end, previous_start=before),
    )
    with _lock:
        if len(_cache) >= 12:
            _cache.pop(next(iter(_cache)))
        _cache[key] = report
    return report
