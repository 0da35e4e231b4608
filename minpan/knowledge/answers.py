"""The center's direct answers that cite an entry: checked when given, counted afterwards."""
from __future__ import annotations

import datetime as dt

from django.db.models import Q

from minpan.cases.errors import CaseError
from minpan.cases.models import Event
from minpan.cases.states import Action
from minpan.workdays.arith import SHANGHAI

from .models import Entry, in_force


def check_cited_entry(applied) -> dict | None:
    """A direct answer may name the entry it was taken from; it must be in force that day."""
    pk = applied.data.get("knowledge")
    if pk is None:
        return None
    day = applied.at.astimezone(SHANGHAI).date()
    entry = Entry.objects.filter(in_force(day), pk=pk).first()
    if entry is None:
        raise CaseError("所引用的知识库条目不存在、未经审核或已过有效期，请重新选择。")
    return {"knowledge_title": entry.title}


def answered_from_knowledge(since: dt.date, until: dt.date) -> int:
    """Direct answers given in [since, until] (Asia/Shanghai dates, both included) that cite an entry."""
    return _cited(since, until).count()


def uses_by_entry(since: dt.date, until: dt.date) -> dict[int, int]:
    counts: dict[int, int] = {}
    for data in _cited(since, until).values_list("data", flat=True):
        counts[data["knowledge"]] = counts.get(data["knowledge"], 0) + 1
    return counts


def _cited(since: dt.date, until: dt.date):
    start = dt.datetime.combine(since, dt.time.min, tzinfo=SHANGHAI)
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=SHANGHAI)
    return Event.objects.filter(Q(action=Action.DIRECT_ANSWER), at__gte=start, at__lt=end, data__has_key="knowledge")
