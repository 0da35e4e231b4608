"""The statements the staff pages read by key are built by the ORM once (minpan.statements): what
they give must be what the plain queryset gives — the same rows, in the same order, with the same
related rows, the writer's details decrypted — for whatever values a call passes, and a call after
the first sends one statement and builds none."""
import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from minpan.cases.access import ASSIGNMENTS, CASE
from minpan.cases.models import Assignment, Case, Event, Reply
from minpan.cases.transitions import apply
from minpan.desk.casepage import EVENTS, REPLIES, TEMPLATES
from minpan.desk.models import ReplyTemplate
from minpan.notify.inbox import UNREAD, open_case
from minpan.notify.models import Kind, Notification
from minpan.statements import Prepared
from minpan.units.models import Membership
from minpan.units.people import POSTS
from tests.flow import CITIZEN, at, collect, dispatched


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def same(prepared: list, plain: list, *related: str) -> None:
    assert [_fields(o) for o in prepared] == [_fields(o) for o in plain]
    for name in related:
        assert [_fields(getattr(o, name)) if getattr(o, name) else None for o in prepared] == \
               [_fields(getattr(o, name)) if getattr(o, name) else None for o in plain]


@pytest.fixture
def cases(city):
    """A drafted housing case with a co-unit, a second draft and notices; a fresh one; another unit's."""
    drafted = dispatched(city, "tongliao", co=[city.education], now=at("2026-09-29 09:00"))
    apply(drafted, "claim", actor=city.handler, now=at("2026-09-29 10:00"))
    apply(drafted, "draft", actor=city.handler, now=at("2026-09-29 11:00"), body="已安排维修。",
          handler_name="李工", handler_phone="0475-8123456")
    apply(drafted, "draft", actor=city.handler, now=at("2026-09-29 12:00"), body="已修复，欢迎监督。",
          handler_name="李工", handler_phone="0475-8123456")
    fresh = collect("tongliao", citizen={**CITIZEN, "phone": "１３９００１３９０００"}, subject="夜间施工噪音")
    other = dispatched(city, "tongliao", lead=city.education, subject="学校门口拥堵")
    return drafted, fresh, other


def test_a_case_with_its_writer_is_the_querysets(city, cases):
    for case in cases:
        for related in ((), ("citizen", "portal_submission")):
            [got] = CASE.rows(case.pk, related=related)
            want = Case.objects.select_related(*related).get(pk=case.pk)
            same([got], [want])
            if related:
                assert _fields(got.citizen) == _fields(want.citizen)
                assert got.citizen.phone and got.citizen.phone == want.citizen.phone  # decrypted as the ORM does
    assert CASE.rows(10**9, related=()) == []


def test_assignments_events_and_replies_are_the_querysets_in_their_order(city, cases):
    for case in cases:
        same(ASSIGNMENTS.rows(case.pk), list(Assignment.objects.filter(case=case).select_related("unit", "claimed_by")
                                               .order_by("-active", "role", "dispatched_at")), "unit", "claimed_by")
        same(EVENTS.rows(case.pk), list(case.events.select_related("unit").order_by("seq")), "unit")
        same(REPLIES.rows(case.pk), list(case.replies.select_related("unit", "drafted_by", "signed_by").order_by("-version")),
             "unit", "drafted_by")
    drafted = cases[0]
    assert len(REPLIES.rows(drafted.pk)) == 2 and len(ASSIGNMENTS.rows(drafted.pk)) == 2


def test_rows_read_for_a_case_name_that_case_without_a_query(city, cases):
    drafted = cases[0]
    events = EVENTS.rows(drafted.pk, known=("case", drafted))
    with CaptureQueriesContext(connection) as queries:
        assert all(e.case is drafted for e in events)
    assert len(queries) == 0


def test_posts_and_templates_are_the_querysets(city, cases):
    ReplyTemplate.objects.create(kind="reply", title="通用", body="您好。")
    ReplyTemplate.objects.create(kind="reply", unit=city.housing, title="住建", body="住建局答复。")
    ReplyTemplate.objects.create(kind="reply", unit=city.education, title="教育", body="教育局答复。")
    ReplyTemplate.objects.create(kind="reply", unit=city.housing, title="停用", body="—", active=False)
    for user in (city.handler, city.edu_handler, city.operator, city.street_handler):
        same(POSTS.rows(user.pk), list(Membership.objects.filter(user=user).select_related("unit")), "unit")
        mine = Membership.objects.filter(user=user).values_list("unit_id", flat=True)
        for kinds in (("reply",), ("not_accepted", "reply")):
            plain = ReplyTemplate.objects.filter(Q(unit__isnull=True) | Q(unit__in=list(mine)), kind__in=kinds, active=True)
            same(TEMPLATES.rows(user.pk, kinds=kinds), list(plain.order_by("unit_id", "title")))
    assert {t.title for t in TEMPLATES.rows(city.handler.pk, kinds=("reply",))} == {"通用", "住建"}


def test_unread_counts_are_the_aggregates(city, cases):
    drafted, _, other = cases
    for user in (city.handler, city.edu_handler, city.operator, city.leader):
        for case in (drafted, other):
            plain = Notification.objects.filter(recipient=user, read_at__isnull=True).aggregate(
                total=Count("pk"), here=Count("pk", filter=Q(case=case)))
            found = UNREAD.rows(user.pk, case.pk)
            assert (found[0] if found else (0, 0)) == (plain["total"], plain["here"])
    # opening the case reads its notices and leaves the others unread
    Notification.objects.create(recipient=city.handler, case=other, kind=Kind.DISPATCHED, title="另一件", body="—",
                                created_at=timezone.now())
    left = Notification.objects.filter(recipient=city.handler, read_at__isnull=True).exclude(case=drafted).count()
    assert open_case(city.handler, drafted, now=timezone.now()) == left
    assert not Notification.objects.filter(recipient=city.handler, case=drafted, read_at__isnull=True).exists()


def test_a_call_after_the_first_sends_one_statement(city, cases):
    drafted = cases[0]
    EVENTS.rows(drafted.pk)
    with CaptureQueriesContext(connection) as queries:
        EVENTS.rows(cases[2].pk)
    assert len(queries) == 1 and str(cases[2].pk) in queries[0]["sql"]


def test_moments_are_put_in_as_the_orm_would(city, cases):
    """A datetime value: SQLite takes it as UTC text, PostgreSQL as the moment."""
    since = Prepared(lambda moment: Event.objects.filter(at__gte=moment).order_by("at", "seq"), dt.datetime)
    for moment in (at("2026-09-29 10:30"), at("2026-09-29 11:00"), dt.datetime(2000, 1, 1, tzinfo=dt.UTC)):
        same(since.rows(moment), list(Event.objects.filter(at__gte=moment).order_by("at", "seq")))


def test_a_value_of_the_wrong_kind_is_refused(city, cases):
    with pytest.raises(TypeError):
        EVENTS.rows(str(cases[0].pk))


def test_a_value_the_statement_does_not_carry_is_refused(city):
    # the value is used in Python, not sent: no statement can be kept for it
    ignoring = Prepared(lambda pk: Reply.objects.filter(version__gt=0) if pk else Reply.objects.none())
    with pytest.raises(ValueError, match="does not reach the statement"):
        ignoring.rows(1)


@pytest.mark.parametrize("digits", ["9" * 30, str(2**63), str(2**63 - 1), "0"])
def test_a_case_number_past_any_key_is_not_found(city, client, digits):
    # SQLite refuses a parameter past 64 bits: the ORM never sent one, and neither may the statement
    client.force_login(city.handler)
    assert client.get(f"/desk/case/{digits}/").status_code == 404
    assert client.post(f"/desk/case/{digits}/do/claim/").status_code == 404
