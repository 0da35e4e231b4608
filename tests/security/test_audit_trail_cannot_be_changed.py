"""Nobody in the application changes or deletes the audit trail: the admin shows it read-only (no
add, change or delete, not even for a superuser), and on PostgreSQL a trigger refuses UPDATE and
DELETE on it and on the cases' event records, whatever SQL reaches the database. Only pruning of
entries past the keep period (never under 180 days) gets through."""
import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from minpan.audit.models import AuditEntry
from minpan.audit.prune import prune
from minpan.cases.models import Event
from tests.flow import dispatched


def entry(days_ago: float, **kw) -> AuditEntry:
    return AuditEntry.objects.create(at=timezone.now() - dt.timedelta(days=days_ago), action="sign_in", result="allowed", **kw)


def test_the_admin_lists_and_filters_the_trail_in_chinese(admin_client, city):
    entry(1, who="operator", address="10.0.0.9")
    page = admin_client.get("/admin/audit/auditentry/?result__exact=allowed")
    text = page.content.decode()
    assert page.status_code == 200 and "审计日志" in text and "10.0.0.9" in text
    assert "以 结果" in text and "以 操作" in text and "增加 审计日志" not in text


def test_a_superuser_can_neither_add_change_nor_delete_an_entry(admin_client, city):
    e = entry(1, who="operator")
    assert admin_client.get("/admin/audit/auditentry/add/").status_code == 403
    assert admin_client.post(f"/admin/audit/auditentry/{e.pk}/change/", {"who": "someone else"}).status_code in (200, 403)
    assert admin_client.post(f"/admin/audit/auditentry/{e.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.post("/admin/audit/auditentry/", {"action": "delete_selected", "_selected_action": [e.pk]}).status_code == 200
    e.refresh_from_db()
    assert e.who == "operator"


def test_pruning_removes_only_what_is_past_the_keep_period(db, settings):
    settings.MINPAN_AUDIT_KEEP_DAYS = 365
    old, kept = entry(400), entry(300)
    assert prune() == {"audit_pruned": 1}
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not AuditEntry.objects.filter(pk=old.pk).exists()


# ---- PostgreSQL: the trigger, tried with raw SQL as an attacker with the application's connection would

pg = pytest.mark.postgres


def _refused(sql: str, params) -> None:
    with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, params)


@pytest.fixture
def on_postgres(db):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's (DATABASE_URL=postgres://…)")


@pg
def test_raw_sql_cannot_rewrite_or_delete_an_audit_entry(on_postgres):
    e = entry(1, who="operator")
    _refused("UPDATE audit_auditentry SET who = %s WHERE id = %s", ["someone else", e.pk])
    _refused("DELETE FROM audit_auditentry WHERE id = %s", [e.pk])
    e.refresh_from_db()
    assert e.who == "operator"


@pg
def test_raw_sql_cannot_rewrite_or_delete_an_event(on_postgres, city):
    case = dispatched(city, "tongliao")
    ev = Event.objects.filter(case=case).first()
    _refused("UPDATE cases_event SET note = %s WHERE id = %s", ["改写过的记录", ev.pk])
    _refused("DELETE FROM cases_event WHERE id = %s", [ev.pk])
    assert Event.objects.get(pk=ev.pk).note == ev.note


@pg
def test_the_prune_setting_does_not_open_entries_younger_than_180_days(on_postgres):
    young, old = entry(179), entry(181)
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT set_config('minpan.audit_prune', 'on', true)")
        cur.execute("DELETE FROM audit_auditentry WHERE id = %s", [old.pk])
    _refused("SELECT set_config('minpan.audit_prune', 'on', true); DELETE FROM audit_auditentry WHERE id = %s", [young.pk])
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [young.pk]


@pg
def test_without_the_prune_setting_even_an_old_entry_stays(on_postgres):
    old = entry(400)
    _refused("DELETE FROM audit_auditentry WHERE id = %s", [old.pk])


@pg
def test_the_workers_pruning_gets_through_the_trigger(on_postgres, settings):
    settings.MINPAN_AUDIT_KEEP_DAYS = 200
    entry(201), entry(199)
    assert prune() == {"audit_pruned": 1}
