"""The worker SIGKILLed mid-sweep and mid-delivery (issue 17, 'Nothing lost, proven in CI'): after a
restart every due reminder is taken exactly once (one event per case, the hash chains whole) and
every text message reaches the gateway, each under its own idempotency key; the one send in flight
at the kill reaches it a second time with the same key, which the gateway drops as a copy
(notify.deliveries: the claim is committed before the gateway is asked, a claim older than
MINPAN_STALE_CLAIM_SECONDS is taken over)."""
from __future__ import annotations

import datetime as dt
import http.server
import json
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from minpan.cases.models import Case
from minpan.notify.models import Channel, Delivery
from tests.flow import dispatched
from tests.scale.processes import Process
from tests.server_process import ROOT, database_url, free_port

CASES = 80
SENDS = 30
pytestmark = [pytest.mark.kill, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
# The worker with the sweep's batch made small, so that a kill lands between two committed batches.
WORKER = ("import django; django.setup(); import minpan.notify.sweep as s; s.BATCH = 10; "
          "from django.core.management import call_command; call_command('worker', poll=0.2, sweep_every=1.0)")
# Run in another process on the worker's database: an hour passes for the killed worker's claims.
LATER = ("import datetime as dt; import django; django.setup(); from django.utils import timezone; "
         "from minpan.notify.models import Delivery; from django_tasks_db.models import DBTaskResult; "
         "ago = timezone.now() - dt.timedelta(hours=1); "
         "Delivery.objects.filter(state='sending').update(next_attempt_at=ago, claimed_at=ago); "
         "DBTaskResult.objects.filter(status='RUNNING').update(started_at=ago)")
STATES = ("import json; import django; django.setup(); from minpan.notify.models import Delivery; "
          "from minpan.notify.deliveries import idempotency_key; "
          "print(json.dumps({idempotency_key(d): d.state for d in Delivery.objects.filter(channel='sms')}))")


class Gateway:
    """An SMS gateway on loopback: counts each request's Idempotency-Key; the request numbered
    `hold_at` is held open until the test has killed the worker that sent it."""

    def __init__(self, hold_at: int):
        self.keys: Counter = Counter()
        self.hold_at, self.in_flight, self.release = hold_at, threading.Event(), threading.Event()
        self.lock = threading.Lock()
        gateway = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                with gateway.lock:
                    gateway.keys[self.headers["Idempotency-Key"]] += 1
                    n = sum(gateway.keys.values())
                if n == gateway.hold_at:
                    gateway.in_flight.set()
                    gateway.release.wait(60)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/sms"


def test_every_step_and_message_once_after_the_worker_is_killed_twice(city, tmp_path):
    cases = [dispatched(city, "tongliao") for _ in range(CASES)]
    now = timezone.now()
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(remind_at=now - dt.timedelta(minutes=1))
    # messages to writers, committed without their task (as if the process died right after the
    # commit): the sweep finds and queues them
    Delivery.objects.bulk_create([
        Delivery(case=cases[i], channel=Channel.SMS, address=f"139{i:08d}", text=f"您的留言第{i}件已交办。", next_attempt_at=now)
        for i in range(SENDS)
    ])
    url = database_url(tmp_path)
    gateway = Gateway(hold_at=SENDS // 3)
    env = {"DATABASE_URL": url, "MINPAN_SMS_BACKEND": "http", "MINPAN_SMS_URL": gateway.url, "MINPAN_SMS_KEY": "test-key",
           "MINPAN_RETRAIN_HOURS": "0", "MINPAN_FILES_DIR": str(tmp_path / "files")}
    worker = Process("worker", ["-c", WORKER], env, tmp_path / "worker.log")

    def count(sql: str) -> int:
        if url.startswith("sqlite"):
            with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as db:
                return db.execute(sql).fetchone()[0]
        with connection.cursor() as cur:
            cur.execute(sql)
            return cur.fetchone()[0]

    def run(*args: str) -> str:
        args = ("-c", args[0]) if len(args) == 1 else args
        done = subprocess.run([sys.executable, *args], cwd=ROOT, env=worker.env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    reminded = "SELECT COUNT(*) FROM cases_event WHERE action = 'remind'"
    try:
        # 1. killed mid-sweep: some batches of reminders committed, the rest not
        worker.start()
        deadline = time.monotonic() + 180
        while (done := count(reminded)) == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        worker.kill()
        assert 0 < count(reminded) < CASES, f"the kill did not land mid-sweep ({done} of {CASES})"

        # 2. killed mid-delivery: the gateway holds one request until the worker is gone
        worker.start()
        assert gateway.in_flight.wait(180), (tmp_path / "worker.log").read_text()[-3000:]
        worker.kill()
        gateway.release.set()
        # the stale-claim period passes: the killed worker's claim and its task are old now
        run(LATER)

        # 3. after the restart, everything is done
        worker.start()
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and (
            count(reminded) < CASES or count("SELECT COUNT(*) FROM notify_delivery WHERE state <> 'sent'")
        ):
            time.sleep(0.5)
    finally:
        worker.stop()
        gateway.server.shutdown()

    assert count(reminded) == CASES
    assert count("SELECT COUNT(DISTINCT case_id) FROM cases_event WHERE action = 'remind'") == CASES  # once each
    assert count("SELECT COUNT(*) FROM cases_case WHERE remind_at IS NOT NULL") == 0
    states = json.loads(run(STATES))
    assert len(states) >= SENDS and set(states.values()) == {"sent"}
    assert set(gateway.keys) == set(states)  # every message reached the gateway, under its own key
    # only the one in flight at the kill went twice, under the same key
    assert sorted(gateway.keys.values()) == [1] * (len(states) - 1) + [2], gateway.keys
    assert f"OK：{CASES} 件" in run("-m", "django", "audit", "verify")
