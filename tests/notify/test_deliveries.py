"""Notifications reach people by e-mail and SMS; a failed send is retried with backoff and,
in the end, shown to the center — never lost silently."""
import datetime as dt
import http.server
import json
import threading

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from minpan.notify.inbox import send
from minpan.notify.models import Delivery, Kind, Notification
from minpan.notify.sweep import sweep
from minpan.notify.tasks import BACKOFF_MINUTES, deliver
from minpan.units.models import Membership
from tests.flow import at, dispatched


class Gateway(http.server.BaseHTTPRequestHandler):
    """A real SMS gateway on loopback that answers with the status the test sets."""

    status = 200
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers["Authorization"], json.loads(body)))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    Gateway.received, Gateway.status = [], 200
    server = http.server.HTTPServer(("127.0.0.1", 0), Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.MINPAN_SMS_BACKEND = "http"
    settings.MINPAN_SMS_URL = f"http://127.0.0.1:{server.server_port}/sms"
    settings.MINPAN_SMS_KEY = "test-key"
    yield Gateway
    server.shutdown()


@pytest.fixture
def principal_reachable(city):
    city.principal.email = "zhujian-fzr@example.gov.cn"
    city.principal.save()
    Membership.objects.filter(user=city.principal).update(phone="13900001111")
    return city.principal


# The worker command closes connections between tasks as a long-running process must, so
# these tests run outside a test transaction (serialized_rollback keeps the seeded calendar).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reminder_goes_to_the_inbox_by_email_and_by_sms(city, principal_reachable, gateway):
    dispatched(city, "tongliao", now=at("2026-02-10 10:00"))
    sweep(at("2026-02-14 08:31"))
    with time_machine.travel(at("2026-02-14 08:32"), tick=False):
        call_command("worker", "--once")
    note = Notification.objects.get(kind=Kind.REMIND)
    assert note.recipient == principal_reachable and note.read_at is None
    assert [m.to for m in mail.outbox] == [["zhujian-fzr@example.gov.cn"]]
    assert mail.outbox[0].subject.startswith("【到期提醒】")
    assert gateway.received[0][0] == "Bearer test-key"
    assert gateway.received[0][1]["to"] == "13900001111"
    # the reminder's sends (the writer's notices, e.g. that the message was accepted, are theirs)
    states = set(Delivery.objects.filter(notification=note).values_list("state", flat=True))
    assert states == {"sent"}, list(Delivery.objects.values("channel", "state", "last_error", "attempts", "next_attempt_at"))


def test_a_failed_sms_is_retried_with_backoff_and_then_reported_to_the_center(city, principal_reachable, gateway):
    gateway.status = 503
    now = at("2026-03-02 09:00")
    [note] = send(Kind.URGE, [principal_reachable], now=now, deliver=False, unit="市住建局", due="2026年03月01日 24:00")
    d = Delivery.objects.create(notification=note, channel="sms", address="13900001111", next_attempt_at=now)
    for attempt, wait in enumerate(BACKOFF_MINUTES, start=1):
        _deliver_at(d.pk, now)
        d.refresh_from_db()
        assert (d.state, d.attempts) == ("pending", attempt)
        assert "503" in d.last_error
        assert d.next_attempt_at == now + dt.timedelta(minutes=wait)
        _deliver_at(d.pk, now + dt.timedelta(minutes=wait - 1))  # not yet: nothing happens
        now = d.next_attempt_at
    _deliver_at(d.pk, now)
    d.refresh_from_db()
    assert d.state == "failed"
    warning = Notification.objects.get(kind=Kind.DELIVERY_FAILED)
    assert warning.recipient == city.operator
    assert "139****1111" in warning.body and "13900001111" not in warning.body
    assert len(gateway.received) == len(BACKOFF_MINUTES) + 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_sweep_queues_again_a_send_whose_task_was_lost(city, principal_reachable):
    now = at("2026-03-02 09:00")
    [note] = send(Kind.URGE, [principal_reachable], now=now, deliver=False, unit="市住建局", due="")
    Delivery.objects.create(notification=note, channel="email", address=principal_reachable.email, next_attempt_at=now)
    assert sweep(now)["deliveries_requeued"] == 1
    assert sweep(now)["deliveries_requeued"] == 0
    with time_machine.travel(now, tick=False):
        call_command("worker", "--once")
    assert Delivery.objects.get().state == "sent"
    assert len(mail.outbox) == 1


def _deliver_at(pk, moment):
    with time_machine.travel(moment, tick=False):
        deliver.call(pk)
