"""退回修改: the leader who would sign a draft gives it back to the handler with a comment; and a
draft sent back by the center (退回重办) survives too. Either way the handler works on the draft
they wrote, with the reason above it."""
import html

import pytest
import time_machine

from minpan.cases.errors import IllegalTransition, NotPermitted, RuleViolation
from minpan.cases.models import Event, Reply
from minpan.cases.transitions import apply
from tests.desk.pages import act, state
from tests.flow import at, dispatched, refused

DRAFT = "您反映的幸福小区路灯问题，我局已安排维修。"


def _drafted(city, policy="tongliao"):
    case = dispatched(city, policy)
    apply(case, "claim", actor=city.handler)
    return apply(case, "draft", actor=city.handler, body=DRAFT, handler_name="李工", handler_phone="0475-1234567")


def _draft_form(client, user, case) -> str:
    client.force_login(user)
    text = html.unescape(client.get(f"/desk/case/{case.pk}/").content.decode())
    start = text.index('id="do-draft"')
    return text[start:text.index("</details>", start)]


@pytest.fixture(autouse=True)
def monday():
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        yield


def test_leader_returns_the_draft_and_the_handler_finds_it_prefilled(client, city):
    case = _drafted(city)
    resp = act(client, city.principal, case, "return_draft", comment="请写明维修完成的时间和联系人。")
    assert resp.status_code == 302, resp.content.decode()[:2000]
    assert state(case) == "in_progress"
    assert Reply.objects.filter(case=case).count() == 1  # the draft stays
    form = _draft_form(client, city.handler, case)
    assert DRAFT in form  # the textarea starts from it
    assert "单位领导退回修改" in form and "请写明维修完成的时间和联系人。" in form
    assert "0475-1234567" in form


def test_the_comment_is_on_the_timeline_and_redrafting_clears_the_notice(client, city):
    case = _drafted(city)
    apply(case, "return_draft", actor=city.principal, comment="补充维修时间。")
    ev = Event.objects.get(case=case, action="return_draft")
    assert ev.data["comment"] == "补充维修时间。" and ev.data["reply_version"] == 1
    apply(case, "draft", actor=city.handler, body=DRAFT + "预计 3 月 5 日修复。", handler_name="李工", handler_phone="1")
    assert Reply.objects.filter(case=case).count() == 2
    apply(case, "return_draft", actor=city.principal, comment="再核实一下日期。")
    apply(case, "draft", actor=city.handler, body=DRAFT + "已于 3 月 4 日修复。", handler_name="李工", handler_phone="1")
    apply(case, "sign_off", actor=city.principal, sealed=True)
    assert "退回修改" not in _draft_form_or_empty(client, city.handler, case)


def _draft_form_or_empty(client, user, case) -> str:
    client.force_login(user)
    text = client.get(f"/desk/case/{case.pk}/").content.decode()
    return "" if 'id="do-draft"' not in text else _draft_form(client, user, case)


def test_a_comment_is_required(city):
    case = _drafted(city)
    refused(case, RuleViolation, "return_draft", actor=city.principal, comment="  ")


def test_where_the_principal_signs_the_deputy_cannot_return_it(city):
    # Tongliao 第十条: the principal signs, so the principal sends it back
    case = _drafted(city)
    refused(case, NotPermitted, "return_draft", actor=city.deputy, comment="请修改。")


def test_under_naiman_the_deputy_who_may_sign_may_return_it(city):
    case = _drafted(city, "naiman")
    assert apply(case, "return_draft", actor=city.deputy, comment="请补充处理结果。").state == "in_progress"


def test_the_handler_cannot_return_their_own_draft(city):
    case = _drafted(city)
    refused(case, NotPermitted, "return_draft", actor=city.handler, comment="我自己改。")


def test_without_unit_sign_off_there_is_nothing_to_return_and_no_button(client, city):
    case = _drafted(city, "yuncheng")
    refused(case, RuleViolation, "return_draft", actor=city.principal, comment="请修改。")
    client.force_login(city.principal)
    assert "/do/return_draft/" not in client.get(f"/desk/case/{case.pk}/").content.decode()


def test_a_signed_draft_is_not_returned(city):
    case = _drafted(city)
    apply(case, "sign_off", actor=city.principal, sealed=True)
    refused(case, IllegalTransition, "return_draft", actor=city.principal, comment="请修改。")


def test_the_draft_survives_a_send_back_with_the_reviewers_reason_above_it(client, city):
    case = _drafted(city)
    apply(case, "sign_off", actor=city.principal, sealed=True)
    apply(case, "submit", actor=city.handler)
    apply(case, "send_back", actor=city.reviewer, reason="答非所问：未说明修复时间。")
    assert state(case) == "sent_back"
    assert list(Reply.objects.filter(case=case).values_list("body", flat=True)) == [DRAFT]
    form = _draft_form(client, city.handler, case)
    assert DRAFT in form
    assert "审核员退回重办" in form and "答非所问：未说明修复时间。" in form


def test_the_reason_stays_on_top_when_the_redraft_comes_back_with_a_form_error(client, city):
    case = _drafted(city)
    apply(case, "sign_off", actor=city.principal, sealed=True)
    apply(case, "submit", actor=city.handler)
    apply(case, "send_back", actor=city.reviewer, reason="答非所问：未说明修复时间。")
    resp = act(client, city.handler, case, "draft", body="", handler_name="李工", handler_phone="0475-1234567")
    assert resp.status_code == 400
    page = html.unescape(resp.content.decode())
    top = page[page.index('class="box handed-back"'):]
    assert "答复经中心审核退回重办" in top and "答非所问：未说明修复时间。" in top
