"""Xizang 第五条(二): 承办单位 … 提供正式答复材料，经政府督查室整理，报自治区人民政府秘书长审定后，
及时上传人民网公开答复. Two steps at the center, not one: the 督查室 (the center reviewer) prepares the
unit's answer (整理报审) or sends it back to the unit; the 秘书长 (the city leader role) approves it
(审定) or sends it back to the 督查室 with a reason. Elsewhere the reviewer approves, as before."""
import pytest

from minpan.cases.errors import NotPermitted, RuleViolation
from minpan.cases.transitions import apply
from minpan.notify.models import Kind
from tests.desk.pages import act
from tests.flow import at, dispatched, fresh, refused
from tests.notify.handoff import Step, make_reachable

# Spring Festival 2026: claimed on Thursday 12 February, the answer is due on Wednesday 4 March
CLAIMED = at("2026-02-12 09:00")
SUBMITTED = at("2026-02-13 11:00")
AFTER_THE_HOLIDAY = at("2026-02-24 10:00")


def submitted(city, policy="xizang"):
    case = apply(dispatched(city, policy, now=CLAIMED), "claim", actor=city.handler, now=CLAIMED)
    if policy == "xizang":
        apply(case, "contact_writer", actor=city.handler, now=CLAIMED, note="已电话联系留言人。")
    apply(case, "draft", actor=city.handler, now=SUBMITTED, body="经核实，路灯已于今日修复，并纳入月度巡检。",
          handler_name="李工", handler_phone="0891-6123456")
    if policy == "tongliao":
        apply(case, "sign_off", actor=city.principal, now=SUBMITTED, sealed=True)
    return apply(case, "submit", actor=city.handler, now=SUBMITTED)


def offers(client, user, case) -> str:
    client.force_login(user)
    return client.get(f"/desk/case/{case.pk}/").content.decode()


def test_the_secretary_general_approves_only_what_the_office_has_prepared(city):
    case = submitted(city)
    refused(case, NotPermitted, "approve", actor=city.reviewer, now=AFTER_THE_HOLIDAY)
    refused(case, RuleViolation, "approve", actor=city.leader, now=AFTER_THE_HOLIDAY)
    refused(case, NotPermitted, "prepare", actor=city.leader, now=AFTER_THE_HOLIDAY)

    case = apply(case, "prepare", actor=city.reviewer, now=AFTER_THE_HOLIDAY)
    assert case.state == "submitted" and case.prepared_at == AFTER_THE_HOLIDAY
    refused(case, RuleViolation, "prepare", actor=city.reviewer, now=AFTER_THE_HOLIDAY)
    refused(case, NotPermitted, "approve", actor=city.reviewer, now=AFTER_THE_HOLIDAY)

    case = apply(case, "approve", actor=city.leader, now=at("2026-02-24 15:00"))
    assert case.state == "approved"
    assert [e.action for e in case.events.order_by("seq")][-3:] == ["submit", "prepare", "approve"]


def test_the_secretary_general_sends_it_back_to_the_office_with_a_reason(city):
    case = apply(submitted(city), "prepare", actor=city.reviewer, now=AFTER_THE_HOLIDAY)
    # handed up: the office waits for the 审定 before it can send the answer back to the unit
    refused(case, RuleViolation, "send_back", actor=city.reviewer, now=AFTER_THE_HOLIDAY, reason="答非所问。")
    refused(case, RuleViolation, "return_prepared", actor=city.leader, now=AFTER_THE_HOLIDAY, reason=" ")
    refused(case, NotPermitted, "return_prepared", actor=city.reviewer, now=AFTER_THE_HOLIDAY, reason="自行退回。")

    case = apply(case, "return_prepared", actor=city.leader, now=at("2026-02-24 14:00"), reason="请写明巡检频次。")
    assert case.state == "submitted" and case.prepared_at is None
    assert case.events.order_by("-seq").first().data["reason"] == "请写明巡检频次。"
    refused(case, RuleViolation, "approve", actor=city.leader, now=at("2026-02-24 15:00"))
    # the office may now send it back to the unit, whose new answer is prepared afresh
    case = apply(case, "send_back", actor=city.reviewer, now=at("2026-02-24 15:00"), reason="请补充巡检安排。")
    case = apply(case, "draft", actor=city.handler, now=at("2026-02-25 09:00"), body="路灯已修复，每月巡检一次。")
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-25 10:00"))
    assert case.prepared_at is None
    refused(case, RuleViolation, "approve", actor=city.leader, now=at("2026-02-25 11:00"))


def test_the_leader_is_told_it_is_their_turn_and_the_office_hears_the_outcome(city, django_capture_on_commit_callbacks):
    make_reachable(city)
    case = submitted(city)
    step = Step(django_capture_on_commit_callbacks, case, "prepare", actor=city.reviewer, now=AFTER_THE_HOLIDAY)
    assert step.told(Kind.TO_APPROVE) == {"leader": 1}
    assert "秘书长审定" in step.note_of("leader").body

    step = Step(django_capture_on_commit_callbacks, case, "return_prepared", actor=city.leader, now=at("2026-02-24 14:00"),
                reason="请写明巡检频次")
    assert step.told(Kind.PREPARED_RETURNED) == {"reviewer": 1}
    assert "请写明巡检频次。" in step.note_of("reviewer").body

    apply(case, "prepare", actor=city.reviewer, now=at("2026-02-24 14:30"))
    step = Step(django_capture_on_commit_callbacks, case, "approve", actor=city.leader, now=at("2026-02-24 15:00"))
    # the office that prepared it puts it online (第五条(三)): the reviewer hears it was approved
    assert step.told(Kind.TO_PUBLISH) == {"operator": 1, "reviewer": 1}


def test_each_page_offers_only_the_step_that_is_its_own_now(city, client):
    case = submitted(city)
    page = offers(client, city.reviewer, case)
    assert "/do/prepare/" in page and "/do/send_back/" in page and "/do/approve/" not in page
    assert "/do/approve/" not in offers(client, city.leader, case)

    resp = act(client, city.reviewer, case, "prepare")
    assert resp.status_code == 302
    page = offers(client, city.reviewer, case)
    assert "/do/prepare/" not in page and "/do/send_back/" not in page and "报秘书长审定" in page

    page = offers(client, city.leader, case)
    assert "/do/approve/" in page and "/do/return_prepared/" in page and "审定通过" in page
    # the leader finds it on their page, with the other matters waiting for them
    overview = client.get("/notify/leader/").content.decode()
    assert "待审定的答复" in overview and f"/desk/case/{case.pk}/" in overview

    resp = act(client, city.leader, case, "approve")
    assert resp.status_code == 302 and fresh(case).state == "approved"
    assert f"/desk/case/{case.pk}/" not in client.get("/notify/leader/").content.decode()


@pytest.mark.parametrize("policy", ["tongliao", "yuncheng"])
def test_elsewhere_the_reviewer_approves_and_nothing_is_prepared(city, client, policy):
    case = submitted(city, policy)
    page = offers(client, city.reviewer, case)
    assert "/do/approve/" in page and "/do/prepare/" not in page
    refused(case, RuleViolation, "prepare", actor=city.reviewer, now=AFTER_THE_HOLIDAY)
    refused(case, NotPermitted, "approve", actor=city.leader, now=AFTER_THE_HOLIDAY)
    assert apply(case, "approve", actor=city.reviewer, now=AFTER_THE_HOLIDAY).state == "approved"
