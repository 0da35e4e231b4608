"""Writing entries: every save re-cuts the entry's words and, unless the center's reviewer saves it
approved, takes the approval away; the owner unit is reminded before an entry runs out of date."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from minpan.notify import recipients as who
from minpan.notify.inbox import send
from minpan.notify.models import Kind
from minpan.units.roles import Role
from minpan.workdays.arith import local_date

from .models import Entry
from .search import entry_terms

REMIND_DAYS = 30  # the owner has a month to renew an entry before it is hidden


def save(entry: Entry, *, by, approve: bool = False, now: dt.datetime) -> Entry:
    entry.terms = entry_terms(entry)
    if entry.pk is None:
        entry.created_by = by
    if approve:
        entry.approved_by, entry.approved_at = by, now
    else:
        entry.approved_by = entry.approved_at = None
    if entry.valid_until != entry.reminded_until:
        entry.reminded_until = None  # a new date earns a new reminder
    entry.save()
    return entry


def approve(entry: Entry, *, by, now: dt.datetime) -> None:
    Entry.objects.filter(pk=entry.pk).update(approved_by=by, approved_at=now)


def remind_owners(now: dt.datetime) -> int:
    """Tell each owner unit of its approved entries that run out within REMIND_DAYS (or have run
    out), once per validity date. Claimed row by row, so two workers remind once."""
    today = local_date(now)
    soon = today + dt.timedelta(days=REMIND_DAYS)
    due = Entry.objects.filter(Q(reminded_until__isnull=True) | ~Q(reminded_until=F("valid_until")),
                               approved_at__isnull=False, valid_until__isnull=False, valid_until__lte=soon)
    told = 0
    for pk in list(due.values_list("pk", flat=True)[:200]):
        with transaction.atomic():
            entry = Entry.objects.select_for_update(skip_locked=True).filter(pk=pk).select_related("owner").first()
            if entry is None or entry.valid_until is None or entry.reminded_until == entry.valid_until:
                continue
            entry.reminded_until = entry.valid_until
            entry.save(update_fields=["reminded_until"])
            people = who.in_unit(entry.owner, Role.UNIT_HANDLER, Role.UNIT_PRINCIPAL) or who.at_center(Role.CENTER_REVIEWER)
            send(Kind.KNOWLEDGE_EXPIRING, people, now=now, title=entry.title, until=entry.valid_until.isoformat(),
                 expired=entry.valid_until < today, unit=entry.owner.name)
            told += 1
    return told



def sweep(now: dt.datetime | None = None) -> dict[str, int]:
    """The worker's turn for the knowledge base."""
    return {"knowledge_reminded": remind_owners(now or timezone.now())}
