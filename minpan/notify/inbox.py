"""Send a notification: an inbox row for each person, and an e-mail and a text message where
they have an address. Deliveries are queued as tasks after the transaction commits."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.template import Context, Template as DjangoTemplate

from minpan.units.models import Membership

from .models import Channel, Delivery, Kind, Notification, Template
from .wording import DEFAULTS


def render(kind: str, context: dict) -> tuple[str, str]:
    row = Template.objects.filter(kind=kind).values_list("title", "body").first()
    title, body = row or DEFAULTS[kind]
    ctx = Context(context, autoescape=False)  # plain text: e-mail, SMS and the inbox escape on display
    return DjangoTemplate(title).render(ctx).strip(), DjangoTemplate(body).render(ctx).strip()


def send(kind: str, people, *, now: dt.datetime, case=None, deliver: bool = True, **context) -> list[Notification]:
    people = list({p.pk: p for p in people}.values())
    if not people:
        return []
    title, body = render(kind, {"case": case, **context})
    made = Notification.objects.bulk_create(
        Notification(recipient=p, case=case, kind=kind, title=title, body=body, created_at=now) for p in people
    )
    if deliver:
        _queue_deliveries(made, people, now)
    return made


def _queue_deliveries(made, people, now) -> None:
    phones = dict(
        Membership.objects.filter(user__in=people).exclude(phone="").values_list("user_id", "phone")
    )
    rows = []
    for note, person in zip(made, people):
        if person.email:
            rows.append(Delivery(notification=note, channel=Channel.EMAIL, address=person.email, next_attempt_at=now, queued_at=now))
        if phones.get(person.pk):
            rows.append(Delivery(notification=note, channel=Channel.SMS, address=phones[person.pk], next_attempt_at=now, queued_at=now))
    if not rows:
        return
    created = Delivery.objects.bulk_create(rows)
    ids = [d.pk for d in created]
    from .tasks import deliver  # the task module imports this one

    # After commit: a rolled-back step must not send anything. If the process dies in
    # between, the sweep finds the pending rows and queues them again.
    transaction.on_commit(lambda: [deliver.enqueue(pk) for pk in ids])


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


__all__ = ["Kind", "send", "render", "unread_count"]
