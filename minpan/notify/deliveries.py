"""Deliveries: the e-mails and text messages behind notifications and citizen messages — made,
queued after commit, sent by the worker, retried with backoff and, when every try failed, shown
to the center. `inbox.send_many` and `api` queue them here; the tasks that send them live here
too, so queueing needs no import of a module that imports the inbox.
"""
from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from minpan.units.models import Membership

from . import notes, recipients
from .backends import DeliveryError, mask_phone, send_email, sms_backend
from .models import Channel, Delivery, DeliveryState, Kind, Preference

log = logging.getLogger("minpan.notify")

# Minutes to wait after the 1st, 2nd, … failure; after the last, the center is told.
BACKOFF_MINUTES = (1, 5, 30, 120, 360)


def for_notifications(made, people, *, now: dt.datetime) -> list[Delivery]:
    """An e-mail and a text message for each notice whose recipient has the address and wants
    that kind by that channel (their Preference; without one, e-mail always, SMS for the ladder)."""
    pks = {p.pk for p in people}
    phones = dict(Membership.objects.filter(user__in=pks).exclude(phone="").values_list("user_id", "phone"))
    chosen = {pref.pk: pref for pref in Preference.objects.filter(user__in=pks)}
    rows = []
    for note, person in zip(made, people, strict=True):
        pref = chosen.get(person.pk) or Preference(user=person)
        if person.email and pref.wants(Channel.EMAIL, note.kind):
            rows.append(Delivery(notification=note, channel=Channel.EMAIL, address=person.email, next_attempt_at=now, queued_at=now))
        if phones.get(person.pk) and pref.wants(Channel.SMS, note.kind):
            rows.append(Delivery(notification=note, channel=Channel.SMS, address=phones[person.pk], next_attempt_at=now, queued_at=now))
    return rows


def queue(rows: list[Delivery]) -> int:
    """Insert the rows and, once the transaction commits, one task that sends them. Returns how
    many sends were queued."""
    if not rows:
        return 0
    ids = [d.pk for d in Delivery.objects.bulk_create(rows)]
    # After commit: a rolled-back step must not send anything. If the process dies in
    # between, the sweep finds the pending rows and queues them again.
    transaction.on_commit(lambda: deliver_all.enqueue(ids))
    return len(ids)


@task()
def deliver_all(delivery_ids: list[int]) -> dict:
    """The sends of one batch of notifications, each claimed on its own."""
    results: dict[str, int] = {}
    for pk in delivery_ids:
        outcome = deliver.call(pk)
        results[outcome] = results.get(outcome, 0) + 1
    return results


@task()
def deliver(delivery_id: int) -> str:
    """One send, claimed first. The claim (state, claimed_at, the attempt counted) is committed
    before the backend is asked, so a worker killed mid-send leaves a row that says so; another
    takes it over once the claim is older than MINPAN_STALE_CLAIM_SECONDS (the sweep's
    `take_over_stale_sends`). A send that reached the backend just before the kill goes again
    with the same Message-ID / idempotency key, which the receiving side uses to drop the copy."""
    now = timezone.now()
    # The claim, a conditional UPDATE: on PostgreSQL a second claimer waits for the first one's
    # row lock and then finds the state changed; on SQLite writers queue. Either way, one wins.
    claimed = Delivery.objects.filter(
        pk=delivery_id, state=DeliveryState.PENDING, next_attempt_at__lte=now,
    ).update(state=DeliveryState.SENDING, claimed_at=now, attempts=F("attempts") + 1,
             next_attempt_at=now + dt.timedelta(seconds=settings.MINPAN_STALE_CLAIM_SECONDS))
    if not claimed:
        return "skipped"
    d = Delivery.objects.select_related("notification").get(pk=delivery_id)
    title, text = (d.notification.title, d.notification.body) if d.notification else (d.title, d.text)
    try:
        if d.channel == Channel.EMAIL:
            send_email(d.address, title, text, message_id=message_id(d))
        else:
            sms_backend().send(d.address, f"{title}：{text}" if title else text, key=idempotency_key(d))
    except DeliveryError as exc:
        return _failed(d, str(exc), now)
    # A citizen's contact is kept only as long as the message needs it.
    address = d.address if d.notification else _masked(d)
    # Only our own claim is closed: had it been taken over meanwhile, the new owner closes it.
    mine = Delivery.objects.filter(pk=d.pk, state=DeliveryState.SENDING, claimed_at=now)
    mine.update(state=DeliveryState.SENT, sent_at=now, last_error="", address=address)
    return "sent"


def idempotency_key(d: Delivery) -> str:
    """The same for every attempt of one delivery, different for every delivery."""
    return f"delivery-{d.pk}-{d.key}"


def message_id(d: Delivery) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("<> ") or "localhost"
    return f"<{idempotency_key(d)}@{domain}>"


def _failed(d: Delivery, error: str, now) -> str:
    attempts = d.attempts  # counted by the claim
    mine = Delivery.objects.filter(pk=d.pk, state=DeliveryState.SENDING, claimed_at=now)
    if attempts <= len(BACKOFF_MINUTES):
        mine.update(
            state=DeliveryState.PENDING, attempts=attempts, last_error=error,
            next_attempt_at=now + dt.timedelta(minutes=BACKOFF_MINUTES[attempts - 1]),
        )
        log.warning("通知发送失败（第 %s 次），稍后重试：delivery=%s %s", attempts, d.pk, error)
        return "retry"
    with transaction.atomic():
        if not mine.update(state=DeliveryState.FAILED, attempts=attempts, last_error=error):
            return "taken over"
        # Inbox rows only: a notice of a failed send is not itself sent, so failures cannot breed more.
        notes.write([notes.Message(
            Kind.DELIVERY_FAILED, recipients.operators() + recipients.at_center("admin"),
            d.notification.case if d.notification else d.case,
            {"address": _masked(d), "title": d.notification.title if d.notification else (d.title or d.text[:20]),
             "attempts": attempts, "channel": Channel(d.channel).label, "error": error},
        )], now=now)
    log.error("通知发送最终失败，已告知中心：delivery=%s %s", d.pk, error)
    return "failed"


def _masked(d: Delivery) -> str:
    if d.channel == Channel.SMS:
        return mask_phone(d.address)
    name, _, domain = d.address.partition("@")
    return f"{name[:1]}***@{domain}" if d.notification is None else d.address
