"""When a holiday schedule is imported, the open cases whose deadlines are counted across a day
that changed (or counted on a year that was missing) get them counted again, each move on the
case's timeline (Action.RECALENDAR). Connected to workdays.schedule.schedule_changed in apps."""
from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from minpan.workdays.arith import end_of_day

from .models import Case
from .states import OPEN_STATES, Action
from .transitions import apply_batch


def on_schedule_changed(sender, *, dates: set[dt.date], years: set[int], source: str = "", **kw) -> int:
    touched = Q(calendar_unverified=True) if years else Q(pk__in=[])
    if dates:
        # a deadline moves only if a changed day lies before it (reminders and return windows too)
        first = end_of_day(min(dates)) - dt.timedelta(days=1)
        touched |= Q(due_at__gte=first) | Q(return_due_at__gte=first) | Q(remind_at__gte=first)
    ids = list(Case.objects.filter(touched, state__in=OPEN_STATES).values_list("pk", flat=True))
    moved = 0
    for start in range(0, len(ids), 500):
        done = apply_batch(ids[start:start + 500], lambda case: (Action.RECALENDAR, {"source": source}), now=timezone.now())
        moved += len(done)
    return moved
