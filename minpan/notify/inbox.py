"""Send notifications: an inbox row for each person, and an e-mail and a text message where
they have an address. Deliveries are queued as tasks after the transaction commits."""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from minpan.statements import Prepared

from . import deliveries
from .models import Kind, Notification
from .notes import AsUnitsRead, Message, render, write


def send(kind: str, people, *, now: dt.datetime, case=None, deliver: bool = True, **context) -> list[Notification]:
    return send_many([Message(kind, list(people), case, context)], now=now, deliver=deliver)


def send_many(messages, *, now: dt.datetime, deliver: bool = True) -> list[Notification]:
    """All the messages of a batch in a few queries: wording once per kind, one insert each for
    the inbox rows and the deliveries, one task for the batch's sends."""
    made, recipients = write(messages, now=now)
    if deliver and made:
        deliveries.queue(deliveries.for_notifications(made, recipients, now=now))
    return made


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


# the user's unread notices, and those of one case, on every case page (minpan.statements, issue 17);
# grouped by the one recipient so that no unread notice gives no row
UNREAD = Prepared(lambda user, case: Notification.objects.filter(recipient_id=user, read_at__isnull=True).order_by()
                  .values("recipient_id").annotate(total=Count("pk"), here=Count("pk", filter=Q(case_id=case)))
                  .values_list("total", "here"), int, int)


def open_case(user, case, *, now: dt.datetime) -> int:
    """read_case for the case page, which also shows the header's unread count: both counts in
    one query, the update only where the case has unread notices. Returns the count left unread."""
    found = UNREAD.rows(user.pk, case.pk)
    total, here = found[0] if found else (0, 0)
    if here:
        read_case(user, case, now=now)
    return total - here


def read_case(user, case, *, now: dt.datetime) -> int:
    """Opening a case reads what the inbox said about it: the user's unread notices of the case
    stop being unread. Returns how many."""
    return Notification.objects.filter(recipient=user, case=case, read_at__isnull=True).update(read_at=now)


__all__ = ["AsUnitsRead", "Kind", "Message", "open_case", "read_case", "render", "send", "send_many", "unread_count"]
