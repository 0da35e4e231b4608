"""The case page reads what it shows in at most 15 queries for every staff role (issue 17: the page
within 20 ms at 100,000 cases needs few round trips), whatever the user may do on it: what is
offered is worked out from the rows the page has already read (transitions.standing), not with two
queries per action; the helpers the forms call reuse those rows (cases.page_rows)."""
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import minpan.cases.effects
from minpan.cases.page_rows import REPLY_ACTIONS
from minpan.cases.states import Action
from minpan.cases.transitions import apply
from minpan.catalogue.selectors import in_force_now
from minpan.textmine.models import Kind, Suggestion
from minpan.textmine.suggest import store_for
from minpan.units.models import Membership
from minpan.units.roles import Role
from tests.flow import at, collect, dispatched

LIMIT = 15  # session, user, second factor, memberships, case (with writer and portal form), calendar, …


def _admin(city):
    user = get_user_model().objects.create_user("admin_member", password="x")
    Membership.objects.create(user=user, unit=city.center, role=Role.ADMIN)
    return user


def _at_intake(city):
    # earlier cases handled by two units: the review panel's lead-unit suggestion has a history to rank
    dispatched(city, "tongliao", lead=city.housing)
    dispatched(city, "tongliao", lead=city.education)
    return collect("tongliao")


def _drafted(city):
    case = dispatched(city, "tongliao", co=[city.education])
    apply(case, "claim", actor=city.handler)
    return apply(case, "draft", actor=city.handler, body="已修复。", handler_name="李工", handler_phone="0475-1234567")


def _submitted(city):
    case = _drafted(city)
    apply(case, "sign_off", actor=city.principal, sealed=True)
    return apply(case, "submit", actor=city.handler)


def _claimed(city):
    return apply(dispatched(city, "tongliao", co=[city.education]), "claim", actor=city.handler)


def _with_a_repeat(city):
    earlier = apply(collect("tongliao", now=at("2026-03-02 09:00")), "accept", actor=city.operator, now=at("2026-03-02 10:00"))
    repeat = collect("tongliao", subject="路灯又坏了", now=at("2026-03-04 09:00"))
    apply(repeat, "merge", actor=city.operator, now=at("2026-03-04 10:00"), target=earlier.pk)
    return earlier


def _suggested(case, city):
    """The review panel's suggestions as the worker leaves them after intake where the models are
    trained (textmine.suggest.store_for); this test database has no domain model to make them."""
    store_for(case)
    for kind, ranked in ((Kind.DOMAIN, [["urban", 0.9]]), (Kind.LEAD_UNIT, [[city.housing.pk, 0.9]])):
        Suggestion.objects.get_or_create(case=case, kind=kind, defaults={"ranked": ranked, "model_version": "", "made_at": timezone.now()})


# (who, how the case got where that role has work on it)
PAGES = [
    ("operator", _at_intake),  # 初审: the review panel with suggestions, similar messages, the redaction preview
    ("operator", lambda city: dispatched(city, "tongliao")),
    ("operator", _with_a_repeat),
    ("reviewer", _submitted),  # 审核 with the publication preview
    ("handler", _claimed),  # 经办: draft, extension, return, co-unit requests …
    ("handler", _drafted),
    ("principal", _drafted),  # 负责人: sign-off
    ("deputy", lambda city: dispatched(city, "tongliao")),
    ("edu_handler", _claimed),  # the co-unit
    ("leader", _drafted),
    ("supervisor", _claimed),
    ("admin", _submitted),
]


@pytest.mark.parametrize("who,make", PAGES, ids=[f"{who}-{i}" for i, (who, _) in enumerate(PAGES)])
def test_case_page_runs_at_most_15_queries(client, city, who, make):
    case = make(city)
    _suggested(case, city)
    user = _admin(city) if who == "admin" else getattr(city, who)
    client.force_login(user)
    client.get("/desk/")  # the session's first touch
    in_force_now()  # the catalogue, as every process keeps it for a minute
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(f"/desk/case/{case.pk}/")
    assert resp.status_code == 200
    assert len(ctx.captured_queries) <= LIMIT, "\n".join(q["sql"][:160] for q in ctx.captured_queries)


def test_the_repeats_merged_into_a_case_are_listed_in_the_order_received(client, city):
    earlier = _with_a_repeat(city)
    later = collect("tongliao", subject="第三次反映路灯", now=at("2026-03-05 09:00"))
    apply(later, "merge", actor=city.operator, now=at("2026-03-05 10:00"), target=earlier.pk)
    client.force_login(city.operator)
    text = client.get(f"/desk/case/{earlier.pk}/").content.decode()
    assert text.index("路灯又坏了") < text.index("第三次反映路灯")


def test_a_case_nothing_was_merged_into_does_not_ask_for_repeats(client, city):
    # the query SQLite answered by walking the received_at index once it had statistics (issue 17)
    case = dispatched(city, "tongliao")
    client.force_login(city.operator)
    with CaptureQueriesContext(connection) as ctx:
        client.get(f"/desk/case/{case.pk}/")
    assert not [q for q in ctx.captured_queries if re.search(r'"merged_into_id" = ', q["sql"])]


def test_every_effect_that_writes_a_reply_is_one_the_page_looks_for():
    """The case page reads replies only when the timeline has an action that writes one
    (cases.page_rows.REPLY_ACTIONS): an effect that starts writing replies must be listed there."""
    root = Path(minpan.cases.effects.__file__).parent
    writers = set()
    for source in root.glob("*.py"):
        for chunk in re.split(r"\n(?=@effect\()", source.read_text()):
            head = re.match(r"@effect\(Action\.(\w+)\)", chunk)
            if head and re.search(r"new_reply\(|Reply\.objects\.create\(", chunk.split("\n\n\n")[0]):
                writers.add(Action[head.group(1)])
    assert writers and writers <= REPLY_ACTIONS, writers - REPLY_ACTIONS
