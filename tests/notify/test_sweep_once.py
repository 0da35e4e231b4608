"""Each step is taken once: a sweep run twice, or by two workers at the same moment."""
import os
import threading

import pytest
from django.db import connections

from minpan.cases.models import Event
from minpan.notify.models import Notification
from minpan.notify.sweep import sweep
from tests.flow import at, dispatched


def test_sweeping_twice_sends_each_reminder_once(city):
    case = dispatched(city, "tongliao", now=at("2026-02-10 10:00"))
    sweep(at("2026-02-14 09:00"))
    again = sweep(at("2026-02-14 09:00"))
    assert again.get("remind", 0) == 0
    assert Event.objects.filter(case=case, action="remind").count() == 1
    assert Notification.objects.filter(case=case, kind="remind").count() == 1


def test_a_step_that_fails_half_way_is_taken_by_the_next_sweep(city, monkeypatch):
    from minpan.notify import sweep as sweeping

    case = dispatched(city, "tongliao", now=at("2026-02-10 10:00"))

    def broken(*args, **kwargs):
        raise ConnectionError("数据库连接中断")

    # Simulate the worker dying inside the step, after the claim (not a mock of the rules: of the crash).
    monkeypatch.setattr(sweeping, "send_many", broken)
    with pytest.raises(ConnectionError):
        sweep(at("2026-02-14 09:00"))
    assert Event.objects.filter(case=case, action="remind").count() == 0
    monkeypatch.undo()
    sweep(at("2026-02-14 09:05"))
    assert Event.objects.filter(case=case, action="remind").count() == 1


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="two workers at once need PostgreSQL: set DATABASE_URL (make test does; .ci/run starts one)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_sweeping_at_the_same_moment_send_each_step_once(city):
    cases = [dispatched(city, "tongliao", now=at("2026-02-04 10:00")) for _ in range(30)]
    start = threading.Barrier(2)
    errors = []

    def worker():
        try:
            start.wait()
            sweep(at("2026-02-12 09:00"))  # reminders and the first 催办 are both due
        except Exception as exc:  # reported below; a thread's exception is otherwise lost
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    for case in cases:
        assert Event.objects.filter(case=case, action="remind").count() == 1
        assert Event.objects.filter(case=case, action="urge").count() == 1
    assert Notification.objects.filter(kind="remind").count() == 30
