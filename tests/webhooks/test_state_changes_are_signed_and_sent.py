"""Issue 16: a channel's own system mirrors its cases' states: each change of state is POSTed to the
URLs registered for the channel, signed (HMAC-SHA256 over timestamp and body), sent by the worker,
retried with backoff until answered 2xx, never for an action that rolled back, and never with the
writer's identity; the published answer goes as its masked public copy."""
import datetime as dt
import hashlib
import hmac
import json

import pytest
import time_machine
from django.core.management import call_command

from minpan.cases.errors import CaseError
from minpan.cases.transitions import apply
from minpan.webhooks.calls import BACKOFF_MINUTES, send, set_secret, sweep
from minpan.webhooks.models import CallState, Webhook, WebhookCall
from tests.flow import CITIZEN, at, collect
from tests.test_publication_copy import BODY, published
from tests.webhooks.receiver import Receiver

SECRET = "shared-secret-of-the-channel"


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def hook(db, receiver):
    hook = Webhook(channel="people_daily", url=receiver.url)
    set_secret(hook, SECRET)
    hook.save()
    return hook


def _send_all():
    for pk in WebhookCall.objects.filter(state=CallState.PENDING).order_by("pk").values_list("pk", flat=True):
        send.call(pk)


def _verified(headers, body) -> dict:
    expected = hmac.new(SECRET.encode(), headers["x-minpan-timestamp"].encode() + b"." + body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["x-minpan-signature"], f"sha256={expected}")
    return json.loads(body)


# The worker command closes connections between tasks as a long-running process must, so this test
# runs outside a test transaction (serialized_rollback keeps the seeded calendar), as the notify ones do.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_change_of_state_is_posted_signed_through_the_worker(hook, receiver, city):
    case = collect("tongliao", external_id="R2026-1")  # the send is queued once each action commits
    apply(case, "accept", actor=city.operator)
    call_command("worker", "--once")
    bodies = [_verified(h, b) for h, b in receiver.calls]
    assert [(b["before"], b["after"]) for b in bodies] == [("", "received"), ("received", "accepted")]
    assert bodies[1]["case"] == {"reference": case.reference, "channel": "people_daily", "external_id": "R2026-1",
                                 "state": "accepted", "state_label": "待分类登记"}
    assert bodies[0]["id"] < bodies[1]["id"]  # the receiver orders and de-duplicates by id
    assert all(c.state == CallState.SENT for c in WebhookCall.objects.all())


def test_the_published_answer_goes_masked_and_the_writer_never(hook, receiver, city):
    published(city, body=BODY)
    _send_all()
    raw = b"".join(body for _, body in receiver.calls).decode()
    for secret in (CITIZEN["name"], CITIZEN["phone"]):
        assert secret not in raw
    last = _verified(*receiver.calls[-1])
    assert last["after"] == "published" and "已安排维修" in last["answer"]["text"] and last["answer"]["unit"] == "市住建局"


def test_an_action_that_rolls_back_tells_nobody(hook, city):
    case = collect("tongliao")
    with pytest.raises(CaseError):
        apply(case, "dispatch", actor=city.operator, lead=city.housing)  # not registered yet: refused
    assert WebhookCall.objects.count() == 1  # the arrival only


def test_a_refusing_receiver_is_tried_again_with_backoff_then_marked_failed(hook, receiver, city):
    receiver.answers = [500] * (len(BACKOFF_MINUTES) + 1)
    start = at("2026-11-20 10:00")
    with time_machine.travel(start, tick=False):
        collect("tongliao")
        call = WebhookCall.objects.get()
        assert send.call(call.pk) == "retry"
    call.refresh_from_db()
    assert (call.state, call.attempts, call.last_status) == (CallState.PENDING, 1, 500)
    assert call.next_attempt_at == start + dt.timedelta(minutes=1)
    when = start
    for minutes in BACKOFF_MINUTES:
        when += dt.timedelta(minutes=minutes)
        with time_machine.travel(when, tick=False):
            assert sweep()["webhook_calls_queued"] == 1
            send.call(call.pk)
    call.refresh_from_db()
    assert call.state == CallState.FAILED and len(receiver.calls) == len(BACKOFF_MINUTES) + 1
    # the same call each time: one id, so the receiver keeps one copy
    assert len({h["x-minpan-delivery"] for h, _ in receiver.calls}) == 1


def test_other_channels_and_switched_off_hooks_are_not_told(hook, receiver, city):
    Webhook.objects.filter(pk=hook.pk).update(active=False)
    collect("tongliao")
    assert not WebhookCall.objects.exists()
