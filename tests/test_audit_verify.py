"""`minpan audit verify` catches a rewritten, a removed and an inserted event."""
import io
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from minpan.cases.models import Event
from minpan.cases.transitions import apply
from tests.flow import dispatched


@contextmanager
def behind_the_applications_back():
    """Tampering as the database's owner would: on PostgreSQL the append-only trigger
    (minpan.audit) refuses UPDATE and DELETE, so the owner switches it off first. The chain
    must catch what gets past the trigger."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE waits for no deferred check
            cur.execute("ALTER TABLE cases_event DISABLE TRIGGER cases_event_append_only")
        yield cur
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE cases_event ENABLE TRIGGER cases_event_append_only")
            cur.execute("SET CONSTRAINTS ALL DEFERRED")


def verify():
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


@pytest.fixture
def two_cases(city):
    first = dispatched(city, "tongliao")
    apply(first, "claim", actor=city.handler)
    second = dispatched(city, "tongliao")
    return first, second


def test_an_untouched_record_verifies(two_cases):
    assert "OK：2 件留言的办理记录完整" in verify()


def test_a_rewritten_note_is_caught_and_the_case_named(two_cases):
    first, second = two_cases
    ev = Event.objects.get(case=first, action="dispatch")
    with behind_the_applications_back() as cur:
        cur.execute("UPDATE cases_event SET note = %s WHERE id = %s", ["改写过的记录", ev.pk])
    with pytest.raises(CommandError, match="1 / 2"):
        out = io.StringIO()
        try:
            call_command("audit", "verify", stdout=out)
        finally:
            text = out.getvalue()
    assert f"case={first.pk} {first.reg_no} seq={ev.seq}" in text
    assert f"case={second.pk}" not in text


def test_a_deleted_event_is_caught(two_cases):
    first, _ = two_cases
    ev = Event.objects.get(case=first, action="classify")
    with behind_the_applications_back() as cur:
        cur.execute("DELETE FROM cases_event WHERE id = %s", [ev.pk])
    with pytest.raises(CommandError):
        verify()


def test_a_changed_actor_is_caught(two_cases, city):
    first, _ = two_cases
    ev = Event.objects.get(case=first, action="claim")
    with behind_the_applications_back() as cur:
        cur.execute("UPDATE cases_event SET actor_id = %s WHERE id = %s", [city.edu_handler.pk, ev.pk])
    with pytest.raises(CommandError):
        verify()


def test_events_cannot_be_edited_or_deleted_through_the_application(two_cases):
    ev = Event.objects.filter(case=two_cases[0]).first()
    ev.note = "x"
    with pytest.raises(RuntimeError, match="只能追加"):
        ev.save()
    with pytest.raises(RuntimeError, match="只能追加"):
        ev.delete()
