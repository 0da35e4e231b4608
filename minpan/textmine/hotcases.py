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
import time
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from minpan.cases.models import Case
from minpan.cases.states import State
from minpan.workdays.arith import SHANGHAI

from . import hot
from .normal import normalise

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
    computed_at: dt.datetime | None = None

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


def _writer(case_id, phone_hash, email, name):
    # the phone's keyed hash stands for the number: the same digits, the same hash, and no
    # decryption of every writer's number to group a month
    for value in (phone_hash, email, name):
        value = normalise(value).replace(" ", "").replace("-", "")
        if value:
            return hashlib.sha256(value.encode()).hexdigest()[:16]
    return ("case", case_id)


# A stored month older than this is recomputed when its cases changed; until then the page shows it
# with its time. The worker refreshes the current and the last month (refresh_recent).
STALE = dt.timedelta(hours=1)


def _key(cases) -> str:
    """What the grouping reads, in a few numbers: a new case, one leaving the count (refused as noise)
    or new likes change it. State changes do not: the text never changes after collection."""
    agg = cases.aggregate(n=Count("id"), m=Max("id"), c=Max("created_at"), likes=Sum("likes"))
    return "|".join(str(v.isoformat() if hasattr(v, "isoformat") else v) for v in agg.values())


def month_topics(*, month: str, now: dt.datetime | None = None, fresh: bool = False) -> MonthReport:
    """Topics of the month, hottest first, each with its count in the month before (growth) and its
    case ids (oldest first). Read from the stored HotReport when it was made from the same cases, or
    is under an hour old (a busy month changes every minute and takes a while to group); otherwise,
    or with fresh=True, grouped now and stored."""
    from .models import HotReport

    before, start, end = month_bounds(month)
    cases = counted_cases(before, end)
    key = _key(cases)
    now = now or timezone.now()
    stored = HotReport.objects.filter(month=month).first()
    # key "": a worker has claimed the first grouping of the month and not finished it
    if stored and stored.key and not fresh and (stored.key == key or now - stored.computed_at < STALE):
        return _load(stored, before, start, end)
    began = time.perf_counter()
    rows = cases.values_list("id", "subject", "body", "received_at", "likes",
                             "citizen__phone_hash", "citizen__email", "citizen__name")
    messages = [hot.Message(key=cid, title=subject, body=body, at=at, likes=likes, writer=_writer(cid, p, e, n))
                for cid, subject, body, at, likes, p, e, n in rows.iterator()]
    report = MonthReport(
        month=month, start=start, end=end, previous_start=before,
        cases=sum(1 for m in messages if m.at >= start), previous_cases=sum(1 for m in messages if m.at < start),
        topics=hot.topics(messages, start=start, end=end, previous_start=before), computed_at=now,
    )
    HotReport.objects.update_or_create(month=month, defaults=dict(
        key=key, computed_at=now, seconds=round(time.perf_counter() - began, 2), data=_dump(report)))
    return report


def refresh_recent(*, now: dt.datetime | None = None) -> list[str]:
    """The worker's step: regroup the current and the last month when their cases changed and the
    stored result is over an hour old, so the page never waits. Returns the months regrouped."""
    from .models import HotReport

    now = now or timezone.now()
    today = now.astimezone(SHANGHAI).date()
    done = []
    for month in (f"{today:%Y-%m}", last_full_month(today)):
        before, _, end = month_bounds(month)
        stored = HotReport.objects.filter(month=month).first()
        if stored and (now - stored.computed_at < STALE or stored.key == _key(counted_cases(before, end))):
            continue
        # claimed by a conditional update (or the insert of the first row), so of several workers one
        # groups the month; the others see a fresh computed_at and move on
        if stored is None:
            try:
                with transaction.atomic():
                    HotReport.objects.create(month=month, key="", computed_at=now, data=_dump(_empty(month)))
            except IntegrityError:
                continue
        elif not HotReport.objects.filter(pk=stored.pk, computed_at=stored.computed_at).update(computed_at=now):
            continue
        month_topics(month=month, now=now, fresh=True)
        done.append(month)
    return done


def _empty(month: str) -> MonthReport:
    before, start, end = month_bounds(month)
    return MonthReport(month=month, start=start, end=end, previous_start=before, cases=0, previous_cases=0, topics=[])


def _dump(report: MonthReport) -> dict:
    return {"cases": report.cases, "previous_cases": report.previous_cases, "topics": [
        {"place": t.place, "problem": t.problem, "keys": t.keys, "messages": t.messages, "writers": t.writers,
         "likes": t.likes, "first": t.first.isoformat(), "last": t.last.isoformat(), "previous": t.previous,
         "samples": t.samples}
        for t in report.topics]}


def _load(stored, before, start, end) -> MonthReport:
    topics = [hot.Topic(**{**t, "first": dt.datetime.fromisoformat(t["first"]), "last": dt.datetime.fromisoformat(t["last"])})
              for t in stored.data["topics"]]
    return MonthReport(month=stored.month, start=start, end=end, previous_start=before, cases=stored.data["cases"],
                       previous_cases=stored.data["previous_cases"], topics=topics, computed_at=stored.computed_at)
