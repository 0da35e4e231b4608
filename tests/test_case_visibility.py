"""A unit sees only its own and its sub-units' cases; the writer's identity only where the policy allows."""
import pytest
from django.http import Http404

from minpan.cases.access import can_see_identity, case_for, visible_cases
from minpan.cases.transitions import apply
from tests.flow import collect, dispatched, registered


def test_center_staff_see_every_case(city):
    a = dispatched(city, "tongliao", lead=city.housing)
    b = collect("tongliao")
    assert set(visible_cases(city.operator)) == {a, b}


def test_a_unit_sees_only_cases_dispatched_to_it(city):
    mine = dispatched(city, "tongliao", lead=city.housing)
    dispatched(city, "tongliao", lead=city.education)
    registered(city, "tongliao")
    assert list(visible_cases(city.handler)) == [mine]


def test_a_co_unit_sees_the_case_it_helps_with(city):
    case = dispatched(city, "tongliao", lead=city.housing, co=[city.education])
    assert list(visible_cases(city.edu_handler)) == [case]


def test_a_district_sees_its_townships_cases_but_not_the_reverse(city):
    street_case = dispatched(city, "tongliao", lead=city.street)
    district_case = dispatched(city, "tongliao", lead=city.district)
    assert set(visible_cases(city.district_handler)) == {street_case, district_case}
    assert list(visible_cases(city.street_handler)) == [street_case]


def test_another_units_case_is_not_found(city):
    case = dispatched(city, "tongliao", lead=city.education)
    with pytest.raises(Http404):
        case_for(city.handler, case.pk)
    with pytest.raises(Http404):
        case_for(city.handler, "not-a-number")
    assert case_for(city.edu_handler, case.pk) == case


def test_a_unit_keeps_seeing_a_case_it_returned(city):
    case = dispatched(city, "tongliao", lead=city.housing)
    apply(case, "return", actor=city.deputy, reason="属于教育局职责")
    assert list(visible_cases(city.handler)) == [case]


def test_identity_reaches_the_unit_only_where_the_policy_allows(city):
    tongliao = dispatched(city, "tongliao", lead=city.housing)
    yuncheng = dispatched(city, "yuncheng", lead=city.housing)
    assert can_see_identity(city.handler, tongliao)
    assert not can_see_identity(city.handler, yuncheng)
    assert can_see_identity(city.operator, yuncheng)


def test_identity_is_withheld_from_units_when_the_message_complains_about_them(city):
    case = registered(city, "tongliao")
    case = apply(case, "classify", actor=city.operator, msg_type="complaint", domain="urban", identity_withheld=True)
    case = apply(case, "dispatch", actor=city.operator, lead=city.housing)
    assert not can_see_identity(city.handler, case)
    assert not can_see_identity(city.edu_handler, case)
    assert can_see_identity(city.operator, case)


def test_events_never_carry_the_writers_identity(city):
    case = dispatched(city, "tongliao")
    for ev in case.events.all():
        text = f"{ev.note}{ev.data}"
        assert "王小明" not in text and "13800138000" not in text
