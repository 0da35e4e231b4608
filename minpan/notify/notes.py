"""Inbox rows: a notification's wording rendered once per batch and written, one row per person.

Nothing is sent from here; `inbox.send_many` adds the e-mails and text messages, and a failed
send tells the center through `write` alone (so the sending code need not import the inbox).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.template import Context
from django.template import Template as DjangoTemplate

from minpan.cases.access import unit_body, unit_subject

from .models import Notification, Template
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


def write(messages, *, now: dt.datetime) -> tuple[list[Notification], list]:
    """The inbox rows of a batch in a few queries: wording once per kind, one insert for all.
    Returns the rows and, beside each, its recipient."""
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
    return Notification.objects.bulk_create(rows), recipients
