"""Send notifications: an inbox row for each person, and an e-mail and a text message where
they have an address. Deliveries are queued as tasks after the transaction commits."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.template import Context, Template as DjangoTemplate

from minpan.cases.access import unit_body, unit_subject
from minpan.units.models import Membership

from .models import Channel, Delivery, Kind, Notification, Template
from .wording import DEFAULTS


@dataclass
class Message:
    kind: str
    people: list
    case: object = None
    context: dict = field(default_factory=dict)


class AsUnitsRead:
    """A case in a notification's wording: its subject and body as a unit reads them (the writer's
    identity masked where it is withheld from units), whoever the recipient is — the wording is
    editable in the admin, and {{ case.subject }} must not carry a withheld name into a unit's inbox."""

    def __init__(self, case):
        self._case = case

    def __getattr__(self, name):
        return getattr(self._case, name)

    @property
    def subject(self) -> str:
        return unit_subject(self._case)

    @property
    def body(self) -> str:
        return unit_body(self._case)

    def __str__(self) -> str:
        return str(self._case)


def render(kind: str, context: dict, wording: dict | None = None) -> tuple[str, str]:
    if wording is not None and kind in wording:
        title, body = wording[kind]
    else:
        row = Template.objects.filter(kind=kind).values_list("title", "body").first()
        title, body = row or DEFAULTS[kind]
        title, body = DjangoTemplate(title), DjangoTemplate(body)
    ctx = Context(context, autoescape=False)  # plain text: e-mail, SMS and the inbox escape on display
    return title.render(ctx).strip(), body.render(ctx).strip()


def send(kind: str, people, *, now: dt.datetime, case=None, deliver: bool = True, **context) -> list[Notification]:
    return send_many([Message(kind, list(people), case, context)], now=now, deliver=deliver)


def send_many(messages, *, now: dt.datetime, deliver: bool = True) -> list[Notification]:
    """All the messages of a batch in a few queries: wording once per kind, one insert each for
    the inbox rows and the deliveries, one task for the batch's sends."""
    messages = list(messages)
    kinds = {m.kind for m in messages}
    texts = {k: DEFAULTS[k] for k in kinds}
    texts.update({k: (t, b) for k, t, b in Template.objects.filter(kind__in=kinds).values_list("kind", "title", "body")})
    wording = {k: (DjangoTemplate(t), DjangoTemplate(b)) for k, (t, b) in texts.items()}  # compiled once per batch
    rows, recipients = [], []
    for m in messages:
        people = list({p.pk: p for p in m.people}.values())
        if not people:
            continue
        title, body = render(m.kind, {"case": AsUnitsRead(m.case) if m.case is not None else None, **m.context}, wording)
        for p in people:
            rows.append(Notification(recipient=p, case=m.case, kind=m.kind, title=title, body=body, created_at=now))
            recipients.append(p)
    made = Notification.objects.bulk_create(rows)
    if deliver and made:
        _queue_deliveries(made, recipients, now)
    return made


def _queue_deliveries(made, people, now) -> None:
    phones = dict(
        Membership.objects.filter(user__in={p.pk for p in people}).exclude(phone="").values_list("user_id", "phone")
    )
    rows = []
    for note, person in zip(made, people):
        if person.email:
            rows.append(Delivery(notification=note, channel=Channel.EMAIL, address=person.email, next_attempt_at=now, queued_at=now))
        if phones.get(person.pk):
            rows.append(Delivery(notification=note, channel=Channel.SMS, address=phones[person.pk], next_attempt_at=now, queued_at=now))
    if not rows:
        return
    ids = [d.pk for d in Delivery.objects.bulk_create(rows)]
    from .tasks import deliver_all  # the task module imports this one

    # After commit: a rolled-back step must not send anything. If the process dies in
    # between, the sweep finds the pending rows and queues them again.
    transaction.on_commit(lambda: deliver_all.enqueue(ids))


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


__all__ = ["Kind", "Message", "send", "send_many", "render", "unread_count"]
