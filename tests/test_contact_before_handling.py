"""Xizang 第五条(二): 承办单位对留有联系信息的网友要在办前主动联系、办后回访联系. The contact before
handling is recorded on the case (办前联系, with what was said) and an answer cannot be submitted
without it, unless the writer left no contact; the page offers it only where the policy asks."""
import pytest

from minpan.cases.errors import RuleViolation
from minpan.cases.models import Event
from minpan.cases.transitions import apply
from minpan.portal.own_case import timeline
from tests.desk.pages import act
from tests.flow import at, dispatched, fresh

MONDAY = at("2026-03-02 10:00")


def _drafted(city, policy="xizang", **kw):
    case = apply(dispatched(city, policy, now=MONDAY, **kw), "claim", actor=city.handler, now=MONDAY)
    return apply(case, "draft", actor=city.handler, now=MONDAY, body="经核实，已安排维修，三日内修复。",
                 handler_name="李工", handler_phone="0891-6123456")


def test_xizang_answer_is_not_submitted_before_the_writer_was_contacted(city):
    case = _drafted(city)
    with pytest.raises(RuleViolation, match="办前联系"):
        apply(case, "submit", actor=city.handler, now=MONDAY)
    assert fresh(case).state == "drafted"
    apply(case, "contact_writer", actor=city.handler, now=MONDAY, note="已电话联系，核实了路灯位置。")
    assert apply(case, "submit", actor=city.handler, now=MONDAY).state == "submitted"
    event = Event.objects.get(case=case, action="contact_writer")
    assert event.note == "已电话联系，核实了路灯位置。" and event.unit == city.housing


def test_the_handler_records_it_on_the_case_page_and_the_writer_sees_it(city, client):
    case = apply(dispatched(city, "xizang", now=MONDAY), "claim", actor=city.handler, now=MONDAY)
    client.force_login(city.handler)
    assert "/do/contact_writer/" in client.get(f"/desk/case/{case.pk}/").content.decode()
    resp = act(client, city.handler, case, "contact_writer", contact_note="已电话联系留言人，约定周三现场查看。")
    assert resp.status_code == 302, resp.content.decode()[:1500]
    assert "/do/contact_writer/" not in client.get(f"/desk/case/{case.pk}/").content.decode()  # recorded: not offered again
    assert "承办单位与您联系" in [step.text for step in timeline(fresh(case))]


def test_a_writer_without_contact_details_needs_no_contact(city):
    case = _drafted(city, citizen={"name": "匿名"})
    assert apply(case, "submit", actor=city.handler, now=MONDAY).state == "submitted"


def test_other_policies_neither_ask_nor_offer_it(city, client):
    case = _drafted(city, "yuncheng")
    client.force_login(city.handler)
    assert "/do/contact_writer/" not in client.get(f"/desk/case/{case.pk}/").content.decode()
    assert apply(case, "submit", actor=city.handler, now=MONDAY).state == "submitted"
