"""Tongliao 第十八条: 对情况特殊、难以办结的网民留言，承办单位可在征得网民留言交办单位同意后，向网民做好解释工作.

The lead unit asks the center (交办单位, the center reviewer) with its reason; the center agrees or
refuses with its own, and the unit is told either way. Only after agreement may the answer be an
explanation rather than a result: the reply check does not flag the missing result and the case
page says it is an agreed hard case; the writer reads the explanation as the answer, the public
copy only that the matter is being explained. Before agreement it is flagged as ever."""
import time

import pytest

from minpan.cases import hard_cases
from minpan.cases.errors import RuleViolation
from minpan.cases.models import Event, PublicCopy
from minpan.cases.transitions import apply
from minpan.notify.models import Kind
from minpan.portal.views import SESSION_CASE
from minpan.textmine.replies import check_latest_reply
from tests.desk.pages import act
from tests.flow import at, dispatched, fresh, refused
from tests.notify.handoff import Step

MONDAY = at("2026-03-02 10:00")
CONTACT = {"handler_name": "李工", "handler_phone": "0475-8212345"}
REASON = "该路段产权尚未移交，维修须待老旧小区改造统一实施，短期内难以办结。"
EXPLANATION = ("您反映的幸福小区路灯问题，涉及小区道路产权移交，须纳入老旧小区改造统一实施，"
               "我们已向您电话说明有关情况和后续安排，请您理解。")


def _claimed(city, policy="tongliao"):
    return apply(dispatched(city, policy, now=MONDAY), "claim", actor=city.handler, now=MONDAY)


def _explained_and_submitted(city, case):
    apply(case, "draft", actor=city.handler, now=at("2026-03-03 09:00"), body=EXPLANATION, **CONTACT)
    apply(case, "sign_off", actor=city.principal, now=at("2026-03-03 10:00"), sealed=True)
    return apply(case, "submit", actor=city.handler, now=at("2026-03-03 11:00"))


def test_an_explanation_is_flagged_without_a_result_until_the_center_agrees(city):
    case = _claimed(city)
    apply(case, "draft", actor=city.handler, now=at("2026-03-03 09:00"), body=EXPLANATION, **CONTACT)
    assert "no_result_or_basis" in check_latest_reply(fresh(case)).codes
    apply(case, "ask_hard_case", actor=city.handler, now=at("2026-03-03 09:30"), reason=REASON)
    assert "no_result_or_basis" in check_latest_reply(fresh(case)).codes  # asked is not agreed
    apply(case, "agree_hard_case", actor=city.reviewer, now=at("2026-03-03 10:00"), reason="同意做好解释。")
    assert hard_cases.status(fresh(case)) == "agreed"
    assert "no_result_or_basis" not in check_latest_reply(fresh(case)).codes
    apply(case, "sign_off", actor=city.principal, now=at("2026-03-03 10:30"), sealed=True)
    apply(case, "submit", actor=city.handler, now=at("2026-03-03 11:00"))
    assert "no_result_or_basis" not in Event.objects.get(case=case, action="submit").data["reply_flags"]


def test_without_agreement_the_submitted_explanation_is_flagged_as_now(city):
    case = _explained_and_submitted(city, _claimed(city))
    assert "no_result_or_basis" in Event.objects.get(case=case, action="submit").data["reply_flags"]


def test_the_public_reads_that_it_is_explained_and_the_writer_reads_the_explanation(city, client):
    case = _claimed(city)
    apply(case, "ask_hard_case", actor=city.handler, now=at("2026-03-02 15:00"), reason=REASON)
    apply(case, "agree_hard_case", actor=city.reviewer, now=at("2026-03-02 16:00"))
    case = _explained_and_submitted(city, case)
    apply(case, "approve", actor=city.reviewer, now=at("2026-03-03 15:00"))
    apply(case, "publish", actor=city.operator, now=at("2026-03-03 16:00"), mode="public")
    copy = PublicCopy.objects.get(case=case)
    assert copy.reply == hard_cases.PUBLIC_TEXT
    assert "产权尚未移交" not in copy.reply and "电话说明" not in copy.reply  # no internal reason, no explanation
    page = _writers_page(client, case)
    assert "解释说明" in page and "纳入老旧小区改造统一实施" in page and REASON not in page


def _writers_page(client, case) -> str:
    # the writer's session after the tracking code and password (portal.views.query)
    session = client.session
    session[SESSION_CASE] = {"id": case.pk, "at": time.time()}
    session.save()
    resp = client.get("/status/")
    assert resp.status_code == 200
    return resp.content.decode()


def test_the_center_refuses_with_a_reason_and_the_unit_is_told(city, django_capture_on_commit_callbacks):
    case = _claimed(city)
    asked = Step(django_capture_on_commit_callbacks, case, "ask_hard_case", actor=city.handler, now=at("2026-03-02 15:00"), reason=REASON)
    assert asked.told(Kind.HARD_CASE_ASKED) == {"reviewer": 1}
    assert "产权尚未移交" in asked.note_of("reviewer").body
    refused(case, RuleViolation, "refuse_hard_case", actor=city.reviewer, now=at("2026-03-02 16:00"), reason="")
    step = Step(django_capture_on_commit_callbacks, case, "refuse_hard_case", actor=city.reviewer, now=at("2026-03-02 16:00"),
                reason="可先行维修单灯，请答复办理结果")
    assert step.told(Kind.HARD_CASE_DECIDED) == {"handler": 1}
    note = step.note_of("handler")
    assert "不同意" in note.title and "可先行维修单灯" in note.body and "办理结果" in note.body
    assert hard_cases.status(fresh(case)) == "refused"
    # refused: it may be asked again, with a better reason, and agreed
    apply(case, "ask_hard_case", actor=city.deputy, now=at("2026-03-03 09:00"), reason=REASON + "已与供电公司核实。")
    step = Step(django_capture_on_commit_callbacks, case, "agree_hard_case", actor=city.reviewer, now=at("2026-03-03 10:00"))
    assert step.told(Kind.HARD_CASE_DECIDED) == {"deputy": 1, "handler": 1}
    assert "已同意" in step.note_of("deputy").title


def test_asking_needs_a_reason_and_is_not_asked_twice(city):
    case = _claimed(city)
    refused(case, RuleViolation, "ask_hard_case", actor=city.handler, now=MONDAY, reason=" ")
    refused(case, RuleViolation, "agree_hard_case", actor=city.reviewer, now=MONDAY)  # nothing asked
    apply(case, "ask_hard_case", actor=city.handler, now=MONDAY, reason=REASON)
    refused(case, RuleViolation, "ask_hard_case", actor=city.handler, now=MONDAY, reason=REASON)


def test_a_new_lead_unit_starts_without_the_agreement(city):
    case = _claimed(city)
    apply(case, "ask_hard_case", actor=city.handler, now=MONDAY, reason=REASON)
    apply(case, "agree_hard_case", actor=city.reviewer, now=at("2026-03-02 11:00"))
    apply(case, "reassign", actor=city.operator, now=at("2026-03-02 14:00"), lead=city.education, reason="属教育局职责。")
    assert hard_cases.status(fresh(case)) is None


def test_the_reviewer_sees_an_agreed_hard_case_beside_the_reply_check(city, client):
    case = _claimed(city)
    apply(case, "ask_hard_case", actor=city.handler, now=MONDAY, reason=REASON)
    apply(case, "agree_hard_case", actor=city.reviewer, now=at("2026-03-02 11:00"))
    case = _explained_and_submitted(city, case)
    client.force_login(city.reviewer)
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    check = page[page.index('id="reply-check"'):]
    assert "交办单位已同意" in check and "不要求写明办理结果" in check and "无办理结果或依据" not in check


def test_the_case_page_offers_each_step_to_whom_it_belongs(city, client):
    case = _claimed(city)
    client.force_login(city.handler)
    assert "/do/ask_hard_case/" in client.get(f"/desk/case/{case.pk}/").content.decode()
    resp = act(client, city.handler, case, "ask_hard_case", reason=REASON)
    assert resp.status_code == 302, resp.content.decode()[:1500]
    assert "/do/ask_hard_case/" not in client.get(f"/desk/case/{case.pk}/").content.decode()
    client.force_login(city.reviewer)
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "/do/agree_hard_case/" in page and "/do/refuse_hard_case/" in page
    assert act(client, city.reviewer, case, "agree_hard_case", reason="同意。").status_code == 302
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "交办单位已同意" in page and "/do/agree_hard_case/" not in page


@pytest.mark.parametrize("policy", ["naiman", "yuncheng", "xizang", "chizhou"])
def test_other_policies_neither_offer_nor_accept_it(city, client, policy):
    case = _claimed(city, policy)
    client.force_login(city.handler)
    assert "/do/ask_hard_case/" not in client.get(f"/desk/case/{case.pk}/").content.decode()
    refused(case, RuleViolation, "ask_hard_case", actor=city.handler, now=MONDAY, reason=REASON)
