"""A worker killed with SIGKILL in the middle of sending loses nothing and sends nothing twice
under two names: a second worker takes over the stuck send once its claim is stale, reaps the
task left RUNNING and queues its work again; every delivery reaches the mail server, and a
message the first worker had already handed over comes again with the same Message-ID, so the
receiving side keeps one copy.

Real processes (`minpan worker`) on the test database: on SQLite a file copy of it, on
PostgreSQL the test database itself. The mail server is tests/security/slow_mail.py."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from minpan.notify.deliveries import deliver_all, message_id
from minpan.notify.inbox import send
from minpan.notify.models import Delivery, Kind
from tests.server_process import database_url

ROOT = Path(__file__).resolve().parents[2]
SENDS = 3


def _rows(url: str, sql: str) -> list[tuple]:
    """What the workers wrote, read as they left it."""
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute(sql).fetchall()
    with connection.cursor() as cur:
        cur.execute(sql)
        return cur.fetchall()


def _received(mailbox: Path) -> list[dict]:
    return [json.loads(line) for line in mailbox.read_text(encoding="utf-8").splitlines()] if mailbox.exists() else []


def _wait(what, seconds: float, why: str, proc=None, log: Path | None = None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = what()
        if got:
            return got
        if proc is not None and proc.poll() is not None:
            break
        time.sleep(0.2)
    pytest.fail(f"{why}\n{log.read_text() if log and log.exists() else ''}")


@pytest.fixture
def queued(city):
    """SENDS e-mails to the unit's principal, queued as one task, as notify queues them."""
    city.principal.email = "zhujian-fzr@example.gov.cn"
    city.principal.save()
    now = timezone.now()
    rows = []
    for n in range(SENDS):
        [note] = send(Kind.URGE, [city.principal], now=now, deliver=False, unit="市住建局", due=f"第 {n + 1} 件")
        rows.append(Delivery.objects.create(notification=note, channel="email", address=city.principal.email,
                                            next_attempt_at=now, queued_at=now))
    deliver_all.enqueue([d.pk for d in rows])
    return rows


def _worker(url, tmp_path, mailbox, name, ack_seconds):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("MINPAN_")},
           "DJANGO_SETTINGS_MODULE": "tests.security.slow_mail_settings", "DATABASE_URL": url, "PYTHONPATH": str(ROOT),
           "MINPAN_FILES_DIR": str(tmp_path / "files"), "MINPAN_MODELS_DIR": str(tmp_path / "models"),
           "MINPAN_RETRAIN_HOURS": "0", "SLOW_MAIL_FILE": str(mailbox), "SLOW_MAIL_ACK_SECONDS": str(ack_seconds)}
    log = tmp_path / f"{name}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "django", "worker", "--sweep-every", "1", "--poll", "0.2"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    return proc, log


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_send_loses_nothing_and_names_every_copy_the_same(queued, tmp_path):
    url, mailbox = database_url(tmp_path), tmp_path / "mailbox.jsonl"
    first, log = _worker(url, tmp_path, mailbox, "first", ack_seconds=60)
    try:
        # the first message reached the server, which has not answered yet: the worker dies now
        _wait(lambda: _received(mailbox), 60, "the first worker sent nothing", first, log)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    assert len(_received(mailbox)) == 1
    states = dict(_rows(url, "SELECT id, state FROM notify_delivery"))
    assert sorted(states.values()) == ["pending", "pending", "sending"]  # the kill left the claim behind

    second, log = _worker(url, tmp_path, mailbox, "second", ack_seconds=0)
    try:
        _wait(lambda: set(dict(_rows(url, "SELECT id, state FROM notify_delivery")).values()) == {"sent"}, 90,
              "the second worker did not finish the sends", second, log)
        table = DBTaskResult._meta.db_table
        _wait(lambda: not _rows(url, f"SELECT id FROM {table} WHERE status = 'RUNNING'"), 30,
              "a task was left RUNNING", second, log)
    finally:
        second.terminate()
        second.wait(timeout=30)

    by_delivery = defaultdict(set)
    expected = {}
    for pk, key in _rows(url, "SELECT id, key FROM notify_delivery"):
        expected[pk] = message_id(Delivery(pk=pk, key=key))
    received = _received(mailbox)
    for mail in received:
        by_delivery[mail["id"]].add(mail["subject"])
    # every delivery reached the server, each under its one stable name; the copy sent again
    # after the kill carries the same Message-ID as the first, so the server keeps one
    assert set(by_delivery) == set(expected.values()), received
    assert len(received) == SENDS + 1
    assert all(len(subjects) == 1 for subjects in by_delivery.values())
    reaped = _rows(url, f"SELECT status, exception_class_path FROM {table} WHERE exception_class_path <> ''")
    assert reaped == [("FAILED", "minpan.notify.sweep.WorkerLost")]
