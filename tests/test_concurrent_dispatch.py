"""Operators dispatching the same case at once: exactly one is applied, the others are told; many at
once on many cases lose no note and leave no lock behind."""
import io
import os
import random
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, connections, transaction

from minpan.cases.errors import IllegalTransition
from minpan.cases.models import Assignment, Case, Event
from minpan.cases.transitions import apply
from minpan.units.models import Membership
from minpan.units.roles import Role
from tests.flow import registered


def test_the_second_dispatch_is_refused_after_the_first(city):
    case = registered(city, "tongliao")
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    with pytest.raises(IllegalTransition, match="待认领"):
        apply(case, "dispatch", actor=city.operator, lead=city.education)
    assert Assignment.objects.filter(case=case, active=True).get().unit == city.housing


# serialized_rollback: the flush after a transactional test would otherwise take the seeded calendar with it.
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="row locks need PostgreSQL: set DATABASE_URL (make test does; .ci/run starts one)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_operators_dispatching_at_the_same_moment_on_postgres(city):
    assert connection.vendor == "postgresql"
    other = get_user_model().objects.create_user("operator2", password="correct-horse-battery")
    Membership.objects.create(user=other, unit=city.center, role=Role.CENTER_OPERATOR)
    case = registered(city, "tongliao")
    results = {}

    def dispatch(name, actor, lead):
        try:
            apply(case.pk, "dispatch", actor=actor, lead=lead)
            results[name] = "applied"
        except IllegalTransition as exc:
            results[name] = str(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=dispatch, args=("a", city.operator, city.housing)),
        threading.Thread(target=dispatch, args=("b", other, city.education)),
    ]
    # Hold the row so both operators are already waiting on it when it is released.
    with transaction.atomic():
        Case.objects.select_for_update().get(pk=case.pk)
        for t in threads:
            t.start()
        time.sleep(0.5)
    for t in threads:
        t.join(timeout=30)

    assert sorted(results) == ["a", "b"]
    assert list(results.values()).count("applied") == 1
    loser = next(v for v in results.values() if v != "applied")
    assert case.reg_no in loser and "待认领" in loser and "交办" in loser
    assert Assignment.objects.filter(case=case, active=True).count() == 1
    assert Event.objects.filter(case=case, action="dispatch").count() == 1


OPERATORS, CASES = 8, 12


# Issue 17 ('Nothing lost'): many operators on the same cases at once.
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="row locks need PostgreSQL: set DATABASE_URL (make test does; .ci/run starts one)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_many_operators_on_the_same_cases_lose_nothing_and_leave_no_lock(city):
    """Eight operators go through the same twelve cases at once, each in its own order: each writes
    a note on every case (none may be lost) and tries to dispatch it (one wins per case, the rest
    are told). No deadlock, no error, no session left waiting or in a transaction afterwards."""
    operators = [city.operator]
    for n in range(2, OPERATORS + 1):
        user = get_user_model().objects.create_user(f"operator{n}", password="correct-horse-battery")
        Membership.objects.create(user=user, unit=city.center, role=Role.CENTER_OPERATOR)
        operators.append(user)
    cases = [registered(city, "tongliao").pk for _ in range(CASES)]
    leads = (city.housing, city.education)
    refused, errors = [], []
    start = threading.Barrier(OPERATORS)

    def work(n, actor):
        order = random.Random(n).sample(cases, len(cases))
        start.wait()
        try:
            for pk in order:
                apply(pk, "note", actor=actor, note=f"{actor.username} 看过")
                try:
                    apply(pk, "dispatch", actor=actor, lead=leads[n % 2])
                except IllegalTransition:
                    refused.append(pk)
        except Exception as exc:  # a deadlock or a lock timeout would land here  # noqa: BLE001
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n, actor)) for n, actor in enumerate(operators)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors[:3]
    assert not any(t.is_alive() for t in threads)
    assert len(refused) == CASES * (OPERATORS - 1)
    for pk in cases:
        events = list(Event.objects.filter(case_id=pk).order_by("seq").values_list("seq", "action"))
        assert [a for _, a in events].count("dispatch") == 1
        assert [a for _, a in events].count("note") == OPERATORS  # no lost update
        assert [s for s, _ in events] == list(range(events[0][0], events[0][0] + len(events)))  # one chain, no gap
        assert Assignment.objects.filter(case_id=pk, active=True).count() == 1
        assert Case.objects.get(pk=pk).state == "dispatched"
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert f"OK：{CASES} 件" in out.getvalue()
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        assert cur.fetchone()[0] == 0
        cur.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND (state LIKE 'idle in transaction%' OR wait_event_type = 'Lock')")
        assert cur.fetchone()[0] == 0


def test_the_calendar_is_still_there_after_the_transactional_test(db):
    from minpan.workdays.models import DayOverride

    assert DayOverride.objects.filter(date__year=2026).count() > 30
