"""Chizhou 第九条(四): 对市政府领导作出批示或反映事项重大的，市政府办公室安排人员实地督查、会商研究，推动解决
反映的问题. Under escalation.supervised_on_site a leader's instruction (领导批示) puts the case on the list
of cases awaiting on-site supervision and the supervision office is told; the center or the supervisor
records the visit (when, who went, what was found and agreed), which takes it off the list."""
import datetime as dt

import pytest

from minpan.cases.errors import NotPermitted, RuleViolation
from minpan.cases.models import Event
from minpan.cases.transitions import apply
from minpan.notify.models import Notification
from minpan.portal.own_case import timeline
from tests.desk.pages import act
from tests.flow import at, dispatched, fresh

MONDAY = at("2026-03-02 10:00")


def _instructed(city, policy="chizhou", capture=None):
    case = apply(dispatched(city, policy, now=MONDAY), "claim", actor=city.handler, now=MONDAY)
    if capture is None:
        return apply(case, "instruct", actor=city.leader, now=MONDAY, text="请实地查看，尽快解决。", leader_name="张市长")
    with capture(execute=True):
        return apply(case, "instruct", actor=city.leader, now=MONDAY, text="请实地查看，尽快解决。", leader_name="张市长")


def _visit(city, case, actor=None, **kw):
    fields = {"visited_on": dt.date(2026, 3, 4), "people": "督查室 李科长、住建局 王科长", "found": "路灯线缆老化，尚未更换。",
              "agreed": "住建局三日内更换线缆，督查室跟踪。", **kw}
    return apply(case, "on_site", actor=actor or city.supervisor, now=at("2026-03-04 17:00"), **fields)


def test_an_instruction_puts_the_case_on_the_list_and_tells_the_supervisor(city, django_capture_on_commit_callbacks):
    case = _instructed(city, capture=django_capture_on_commit_callbacks)
    assert case.on_site_due
    note = Notification.objects.get(case=case, kind="on_site_due")
    assert note.recipient == city.supervisor
    assert "实地督查" in note.body and "请实地查看" in note.body


def test_the_visit_is_recorded_and_takes_the_case_off_the_list(city):
    case = _visit(city, _instructed(city))
    assert not case.on_site_due
    event = Event.objects.get(case=case, action="on_site")
    assert event.data == {"visited_on": "2026-03-04", "people": "督查室 李科长、住建局 王科长",
                          "found": "路灯线缆老化，尚未更换。", "agreed": "住建局三日内更换线缆，督查室跟踪。"}
    assert not any("督查" in step.text for step in timeline(fresh(case)))  # staff only


def test_the_center_may_record_it_too_but_not_the_unit(city):
    case = _instructed(city)
    with pytest.raises(NotPermitted):
        _visit(city, case, actor=city.principal)
    assert not _visit(city, case, actor=city.operator).on_site_due


def test_every_part_of_the_record_is_asked_for(city):
    case = _instructed(city)
    with pytest.raises(RuleViolation, match="会商意见"):
        _visit(city, case, agreed=" ")
    with pytest.raises(RuleViolation, match="督查日期"):
        _visit(city, case, visited_on=dt.date(2026, 3, 5))  # not yet happened


def test_a_case_without_an_instruction_is_not_supervised_on_site(city):
    case = apply(dispatched(city, "chizhou", now=MONDAY), "claim", actor=city.handler, now=MONDAY)
    assert not case.on_site_due
    with pytest.raises(RuleViolation, match="领导批示"):
        _visit(city, case)


def test_the_list_and_the_page(city, client, settings):
    settings.MINPAN_POLICY = "chizhou"
    case = _instructed(city)
    client.force_login(city.supervisor)
    assert case.reg_no in client.get("/desk/q/on_site/").content.decode()
    assert "待实地督查" in client.get("/notify/leader/").content.decode()
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "/do/on_site/" in page and "待实地督查" in page
    resp = act(client, city.supervisor, case, "on_site", visited_on="2026-03-02", people="督查室 李科长", found="尚未修复。",
               agreed="三日内修复。")
    assert resp.status_code == 302
    client.get(f"/desk/case/{case.pk}/")  # reads the success message
    assert case.reg_no not in client.get("/desk/q/on_site/").content.decode()


@pytest.mark.parametrize("policy", ["tongliao", "naiman", "yuncheng", "xizang"])
def test_other_policies_have_no_on_site_step(city, client, policy):
    case = _instructed(city, policy)
    assert not case.on_site_due
    client.force_login(city.supervisor)
    assert "/do/on_site/" not in client.get(f"/desk/case/{case.pk}/").content.decode()
    with pytest.raises(RuleViolation, match="未规定实地督查"):
        _visit(city, case)
