"""Two operators dispatching the same case at once: exactly one is applied, the other is told."""
import os
import threading
import time

import pytest
from django.contrib.auth import get_user_model
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


def test_the_calendar_is_still_there_after_the_transactional_test(db):
    from minpan.workdays.models import DayOverride

    assert DayOverride.objects.filter(date__year=2026).count() > 30
