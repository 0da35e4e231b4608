"""Chizhou 第九条(四): 对临近到期尚未办结的事项，市政府办公室通过电话等方式催办，并做好记录.
Yuncheng 五(三): 对转交承办单位办理的事项，须在办理时限届满前通过电话或网络短信等方式进行催办.

Where the policy names the phone (reminder.by), the center operator's desk lists the cases whose
reminder day (remind_at, as the sweep computes it) has come, and the case page offers 记录电话催办:
who at the unit was reached, when, what was said. A case so reminded leaves the list and counts as
prompted, once per deadline with the sweep's own reminder (Case.prompts, which Yuncheng's
两次催办 — min_prompts — counts)."""
import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone

from minpan.cases.errors import IllegalTransition, NotPermitted, RuleViolation
from minpan.cases.models import Event
from minpan.cases.transitions import apply
from minpan.notify.models import Notification
from minpan.notify.sweep import sweep
from minpan.portal.own_case import timeline
from minpan.workdays.arith import local_date
from tests.desk.pages import act
from tests.flow import at, dispatched, fresh

MONDAY = at("2026-03-02 10:00")


def _claimed(city, policy="chizhou"):
    return apply(dispatched(city, policy, now=MONDAY), "claim", actor=city.handler, now=MONDAY)


def _remind_day(case) -> dt.datetime:
    return fresh(case).remind_at + dt.timedelta(minutes=30)


def _phone(city, case, now, **kw):
    return apply(case, "phone_remind", actor=city.operator, now=now, callee=kw.pop("callee", "市住建局 王科长"),
                 note=kw.pop("note", "提醒明日到期，对方称今日报送。"), **kw)


def test_the_call_is_recorded_with_who_was_reached_when_and_what_was_said(city):
    case = _claimed(city)
    when = _remind_day(case)
    _phone(city, case, when + dt.timedelta(hours=1), called_at=when)
    event = Event.objects.get(case=case, action="phone_remind")
    assert event.data["callee"] == "市住建局 王科长" and event.data["by"] == "phone"
    assert event.data["called_at"] == f"{timezone.localtime(when):%Y-%m-%d %H:%M}"
    assert event.note == "提醒明日到期，对方称今日报送。"
    assert not any("催办" in step.text for step in timeline(fresh(case)))  # staff only


def test_the_call_counts_as_the_deadlines_reminder_once_whichever_comes_first(city):
    # the call first: the sweep still sends its notice (by = inbox and phone) but adds no prompt
    first = _claimed(city)
    day = _remind_day(first)
    _phone(city, first, day - dt.timedelta(hours=2))
    assert fresh(first).prompts == 1
    sweep(day)
    assert Notification.objects.filter(case=first, kind="remind").exists()
    assert fresh(first).prompts == 1 and fresh(first).reminded_for == fresh(first).due_at
    # the sweep first: the call records the reminder, without a second prompt
    second = _claimed(city)
    day = _remind_day(second)
    sweep(day)
    assert fresh(second).prompts == 1
    _phone(city, second, day + dt.timedelta(hours=1))
    assert fresh(second).prompts == 1 and fresh(second).phoned_for == fresh(second).due_at


def test_one_call_per_deadline_and_none_once_the_deadline_has_passed(city):
    case = _claimed(city)
    _phone(city, case, _remind_day(case))
    with pytest.raises(RuleViolation, match="已电话催办"):
        _phone(city, case, _remind_day(case) + dt.timedelta(hours=1))
    late = _claimed(city)
    with pytest.raises(RuleViolation, match="督办程序"):
        _phone(city, late, fresh(late).due_at + dt.timedelta(hours=1))


def test_the_unit_does_not_record_the_centers_call_and_a_submitted_answer_needs_none(city):
    case = _claimed(city)
    day = _remind_day(case)
    with pytest.raises(NotPermitted):
        apply(case, "phone_remind", actor=city.handler, now=day, callee="我", note="……")
    apply(case, "draft", actor=city.handler, now=MONDAY, body="经核实，已修复。", handler_name="李工", handler_phone="0566-2345678")
    apply(case, "sign_off", actor=city.principal, now=MONDAY)
    apply(case, "callback", actor=city.handler, now=MONDAY, note="已告知。")
    apply(case, "submit", actor=city.handler, now=MONDAY)
    with pytest.raises(IllegalTransition):
        _phone(city, case, day)


def test_yuncheng_may_remind_by_text_message_and_tongliao_has_no_phone_reminder(city):
    case = _claimed(city, "yuncheng")
    apply(case, "phone_remind", actor=city.operator, now=_remind_day(case), by="sms", callee="住建局 信息员", note="短信提醒明日到期。")
    assert Event.objects.get(case=case, action="phone_remind").data["by"] == "sms"
    chizhou = _claimed(city)
    with pytest.raises(RuleViolation, match="短信"):
        apply(chizhou, "phone_remind", actor=city.operator, now=_remind_day(chizhou), by="sms", callee="王科长", note="……")
    tongliao = _claimed(city, "tongliao")
    with pytest.raises(RuleViolation, match="未规定电话催办"):
        _phone(city, tongliao, _remind_day(tongliao))


def _tab(client, user) -> str:
    client.force_login(user)
    return client.get("/desk/q/phone/").content.decode()


def test_the_operators_desk_lists_todays_phone_reminders_until_the_call_is_recorded(city, client, settings):
    settings.MINPAN_POLICY = "chizhou"
    case = fresh(_claimed(city))
    tongliao = fresh(_claimed(city, "tongliao"))  # reminded too, but not by phone
    day_before, day = case.remind_at - dt.timedelta(days=1), _remind_day(case)
    with time_machine.travel(day_before, tick=False):
        assert case.reg_no not in _tab(client, city.operator)
    with time_machine.travel(day, tick=False):
        sweep()  # the sweep's own notice went out at 08:30: the call is still to be made
        assert fresh(case).remind_at is None and fresh(case).phone_at is not None
        client.force_login(city.operator)
        assert "今日电话催办" in client.get("/desk/").content.decode()
        listed = _tab(client, city.operator)
        assert case.reg_no in listed and tongliao.reg_no not in listed
        assert "/do/phone_remind/" in client.get(f"/desk/case/{case.pk}/").content.decode()
        resp = act(client, city.operator, case, "phone_remind", by="phone", callee="市住建局 王科长",
                   called_at=f"{local_date(day)}T08:45", said="提醒明日到期。")
        assert resp.status_code == 302, re.findall(r'(?:alert|errorlist)[^>]*>([^<]*)', resp.content.decode())
        assert "/do/phone_remind/" not in client.get(f"/desk/case/{case.pk}/").content.decode()
        assert case.reg_no not in _tab(client, city.operator)
    assert fresh(case).prompts == 1 and fresh(case).phone_at is None


def test_the_tab_is_not_shown_where_the_policy_in_force_names_no_phone(city, client, settings):
    settings.MINPAN_POLICY = "tongliao"
    client.force_login(city.operator)
    assert "今日电话催办" not in client.get("/desk/").content.decode()
    case = _claimed(city, "tongliao")
    assert case.remind_at is not None and case.phone_at is None
    with time_machine.travel(_remind_day(case), tick=False):
        assert "/do/phone_remind/" not in client.get(f"/desk/case/{case.pk}/").content.decode()
