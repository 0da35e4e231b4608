"""Telling channels' systems of their cases' changes of state: signed POSTs, retried with backoff.

A call is written inside the action's transaction (a cases.hooks contributor), so a change that
commits is never left untold and one rolled back is never told; the worker sends it after commit
and again, with backoff, until the receiver answers 2xx; after the last try it stays FAILED, shown
in the admin, where it can be sent again. Each call carries its id: a receiver drops a copy it has
seen (a send may be repeated after a worker is killed mid-send) and orders calls by it.

The body says what the channel may show its writer: the state, and once published publicly the
masked public copy of the answer. Never the writer's identity or anything internal."""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from minpan.cases import encryption
from minpan.cases.hooks import Applied
from minpan.cases.models import PublicCopy
from minpan.cases.states import Action, State

from .models import CallState, Webhook, WebhookCall

log = logging.getLogger("minpan.webhooks")

BACKOFF_MINUTES = (1, 5, 30, 120, 360)
LOST_AFTER = dt.timedelta(minutes=10)  # a queued send not taken in this long lost its task
TIMEOUT_SECONDS = 10


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def set_secret(hook: Webhook, secret: str) -> None:
    hook.secret = encryption.encrypt(secret)


def record(applied: Applied) -> None:
    """Contributor: one call per active webhook of the case's channel."""
    hooks = list(Webhook.objects.filter(channel=applied.case.channel, active=True).only("pk"))
    if not hooks:
        return None
    body = payload(applied)
    calls = WebhookCall.objects.bulk_create(
        WebhookCall(webhook=h, case=applied.case, payload=body, created_at=applied.at, next_attempt_at=applied.at,
                    queued_at=applied.at)
        for h in hooks
    )
    ids = [c.pk for c in calls]
    # after commit: if the process dies in between, the worker's sweep finds the pending rows
    transaction.on_commit(lambda: send_all.enqueue(ids))
    return None


def record_arrival(applied: Applied) -> None:
    """The arrival's call, a `later` function (in the worker for a portal message). A case that
    moved on before the worker came to it is not told as received: the call of the later move,
    already written, tells its state, and receivers order calls by id."""
    if applied.case.state == applied.after:
        record(applied)


def payload(applied: Applied) -> dict:
    case = applied.case
    body = {
        "event": "case.state_changed",
        "case": {"reference": case.reference, "channel": case.channel, "external_id": case.external_id,
                 "state": applied.after, "state_label": State(applied.after).label},
        "action": str(applied.action), "action_label": Action(applied.action).label,
        "before": applied.before, "after": applied.after, "at": applied.at.isoformat(),
    }
    if applied.after == State.PUBLISHED:
        copy = PublicCopy.objects.filter(case=case).values("reply", "unit_name", "answered_at").first()
        body["answer"] = {"mode": case.publish_mode, "text": copy["reply"] if copy else "",
                          "unit": copy["unit_name"] if copy else ""}
    return body


def signed(call: WebhookCall, secret: str, now: dt.datetime) -> tuple[bytes, dict[str, str]]:
    """The body and headers: X-Minpan-Signature is sha256=HMAC(secret, "<timestamp>.<body>")."""
    body = json.dumps({"id": call.pk, **call.payload}, ensure_ascii=False, sort_keys=True).encode()
    stamp = str(int(now.timestamp()))
    mac = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return body, {
        "Content-Type": "application/json; charset=utf-8", "User-Agent": "minpan-webhook/1",
        "X-Minpan-Delivery": str(call.pk), "X-Minpan-Timestamp": stamp, "X-Minpan-Signature": f"sha256={mac}",
    }


@task()
def send_all(call_ids: list[int]) -> dict:
    results: dict[str, int] = {}
    for pk in call_ids:
        outcome = send.call(pk)
        results[outcome] = results.get(outcome, 0) + 1
    return results


@task()
def send(call_id: int) -> str:
    now = timezone.now()
    # claimed by a conditional update, as notify's deliveries are: one sender wins
    claimed = WebhookCall.objects.filter(pk=call_id, state=CallState.PENDING, next_attempt_at__lte=now).update(
        state=CallState.SENDING, claimed_at=now, attempts=F("attempts") + 1,
        next_attempt_at=now + dt.timedelta(seconds=settings.MINPAN_STALE_CLAIM_SECONDS))
    if not claimed:
        return "skipped"
    call = WebhookCall.objects.select_related("webhook").get(pk=call_id)
    mine = WebhookCall.objects.filter(pk=call.pk, state=CallState.SENDING, claimed_at=now)
    body, headers = signed(call, encryption.decrypt(call.webhook.secret), now)
    request = urllib.request.Request(call.webhook.url, data=body, headers=headers, method="POST")
    status, error = None, ""
    try:
        # bandit B310: the address is one an administrator registered, http or https only (admin form)
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as resp:  # nosec B310
            status = resp.status
    except urllib.error.HTTPError as exc:
        status, error = exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        error = str(getattr(exc, "reason", exc))[:300]
    if status is not None and 200 <= status < 300:
        mine.update(state=CallState.SENT, sent_at=now, last_status=status, last_error="")
        return "sent"
    return _failed(call, mine, status, error or f"HTTP {status}", now)


def _failed(call: WebhookCall, mine, status, error: str, now) -> str:
    if call.attempts <= len(BACKOFF_MINUTES):
        mine.update(state=CallState.PENDING, last_status=status, last_error=error,
                    next_attempt_at=now + dt.timedelta(minutes=BACKOFF_MINUTES[call.attempts - 1]))
        log.warning("回调发送失败（第 %s 次），稍后重试：call=%s %s", call.attempts, call.pk, error)
        return "retry"
    mine.update(state=CallState.FAILED, last_status=status, last_error=error)
    log.error("回调多次发送失败，已停止重试：call=%s webhook=%s %s", call.pk, call.webhook_id, error)
    return "failed"


def sweep(now: dt.datetime | None = None) -> dict[str, int]:
    """The worker's turn: a call whose claim went stale (its worker died mid-send) goes back to
    pending; a pending one is queued when its retry falls due, or when its task was lost (queued
    long ago and still pending). The queueing is claimed, so two workers queue it once."""
    now = now or timezone.now()
    WebhookCall.objects.filter(state=CallState.SENDING, next_attempt_at__lte=now).update(state=CallState.PENDING)
    due = WebhookCall.objects.filter(state=CallState.PENDING, next_attempt_at__lte=now).filter(
        Q(queued_at__isnull=True) | Q(queued_at__lt=F("next_attempt_at")) | Q(queued_at__lt=now - LOST_AFTER))
    queued = []
    for pk, at in due.values_list("pk", "queued_at")[:1000]:
        if WebhookCall.objects.filter(pk=pk, queued_at=at).update(queued_at=now):
            queued.append(pk)
    if queued:
        send_all.enqueue(queued)
    return {"webhook_calls_queued": len(queued)}


def send_again(calls) -> int:
    """The admin's 重新发送 for failed calls: back to pending, tried at once, backoff from the start."""
    now = timezone.now()
    ids = list(calls.filter(state=CallState.FAILED).values_list("pk", flat=True))
    WebhookCall.objects.filter(pk__in=ids).update(state=CallState.PENDING, attempts=0, next_attempt_at=now, queued_at=now)
    if ids:
        transaction.on_commit(lambda: send_all.enqueue(ids))
    return len(ids)
