"""The answer's hand-offs: drafted → the leader(s) who sign it off at the policy's level; signed →
the handler; submitted → the center's reviewers; sent back → the handler, with the reason, which
also stands at the top of the case page; a draft returned by the leader → the handler; approved →
the operators who publish; the writer's 追问 → the operators. Nobody else, never the one who acted."""
import pytest

from minpan.cases.transitions import apply
from minpan.notify.models import Kind, Preference, Reach
from tests.flow import at, dispatched
from tests.notify.handoff import WRITER_NAME, Step, make_reachable, withheld

MONDAY = at("2026-03-02 10:00")
LATER = at("2026-03-03 10:00")


@pytest.fixture
def claimed(city):
    make_reachable(city)
    case = dispatched(city, "tongliao", now=MONDAY)
    return apply(case, "claim", actor=city.handler, now=MONDAY)


def draft(capture, city, case, who=None):
    return Step(capture, case, "draft", actor=who or city.handler, now=LATER,
                body="已安排维修，三日内修复。", handler_name="李工", handler_phone="0475-8123456")


def test_a_draft_goes_to_the_principal_who_must_sign_it_under_tongliao(city, claimed, django_capture_on_commit_callbacks):
    step = draft(django_capture_on_commit_callbacks, city, claimed)
    assert step.told() == {"principal": 1}  # 主要负责人审签: not the deputy, not the handler who drafted
    note = step.note_of("principal")
    assert note.kind == Kind.TO_SIGN and "加盖单位公章" in note.body and "第 1 稿" in note.body
    assert step.channels("principal") == {"email"}
    assert step.writer_messages == 0


def test_a_draft_goes_to_the_deputy_and_the_principal_under_naiman(city, django_capture_on_commit_callbacks):
    make_reachable(city)
    case = apply(dispatched(city, "naiman", now=MONDAY), "claim", actor=city.handler, now=MONDAY)
    step = draft(django_capture_on_commit_callbacks, city, case)
    assert step.told(Kind.TO_SIGN) == {"principal": 1, "deputy": 1}


def test_no_one_is_asked_to_sign_where_the_policy_has_no_sign_off(city, django_capture_on_commit_callbacks):
    make_reachable(city)
    case = apply(dispatched(city, "yuncheng", now=MONDAY), "claim", actor=city.handler, now=MONDAY)
    step = draft(django_capture_on_commit_callbacks, city, case)
    assert step.told() == {}


def test_the_signed_answer_goes_back_to_the_handler_and_the_submitted_one_to_the_reviewer(city, claimed, django_capture_on_commit_callbacks):
    draft(django_capture_on_commit_callbacks, city, claimed)
    signed = Step(django_capture_on_commit_callbacks, claimed, "sign_off", actor=city.principal, now=LATER, sealed=True)
    assert signed.told() == {"handler": 1}
    assert signed.note_of("handler").kind == Kind.SIGNED
    submitted = Step(django_capture_on_commit_callbacks, claimed, "submit", actor=city.handler, now=LATER)
    assert submitted.told() == {"reviewer": 1}
    assert submitted.note_of("reviewer").kind == Kind.TO_REVIEW and "市住建局" in submitted.note_of("reviewer").body
    assert submitted.writer_messages == 0


def test_a_sent_back_answer_goes_to_the_handler_with_the_reason_shown_atop_the_case(client, city, claimed, django_capture_on_commit_callbacks):
    draft(django_capture_on_commit_callbacks, city, claimed)
    apply(claimed, "sign_off", actor=city.principal, now=LATER, sealed=True)
    apply(claimed, "submit", actor=city.handler, now=LATER)
    step = Step(django_capture_on_commit_callbacks, claimed, "send_back", actor=city.reviewer, now=LATER, reason="答非所问，未说明修复时间")
    assert step.told() == {"handler": 1}
    note = step.note_of("handler")
    assert note.kind == Kind.SENT_BACK and "答非所问，未说明修复时间" in note.body
    client.force_login(city.handler)
    html = client.get(f"/desk/case/{claimed.pk}/").content.decode()
    top = html[:html.index('class="casegrid"')]
    assert "退回理由：答非所问，未说明修复时间" in top


def test_a_draft_the_leader_returns_goes_to_the_handler_with_the_comment(client, city, claimed, django_capture_on_commit_callbacks):
    draft(django_capture_on_commit_callbacks, city, claimed)
    step = Step(django_capture_on_commit_callbacks, claimed, "return_draft", actor=city.principal, now=LATER,
                comment="请写明维修责任单位")
    assert step.told() == {"handler": 1}
    assert step.note_of("handler").kind == Kind.DRAFT_RETURNED and "请写明维修责任单位" in step.note_of("handler").body
    client.force_login(city.handler)
    html = client.get(f"/desk/case/{claimed.pk}/").content.decode()
    assert "修改意见：请写明维修责任单位" in html[:html.index('class="casegrid"')]


def test_once_redrafted_the_reason_leaves_the_top_of_the_page(client, city, claimed, django_capture_on_commit_callbacks):
    draft(django_capture_on_commit_callbacks, city, claimed)
    apply(claimed, "return_draft", actor=city.principal, now=LATER, comment="请写明维修责任单位")
    draft(django_capture_on_commit_callbacks, city, claimed)
    client.force_login(city.handler)
    html = client.get(f"/desk/case/{claimed.pk}/").content.decode()
    assert "修改意见：" not in html[:html.index('class="casegrid"')]


def test_an_approved_answer_goes_to_the_operators_who_publish(city, claimed, django_capture_on_commit_callbacks):
    Preference.objects.create(user=city.operator, email=Reach.NONE, sms=Reach.NONE)
    draft(django_capture_on_commit_callbacks, city, claimed)
    apply(claimed, "sign_off", actor=city.principal, now=LATER, sealed=True)
    apply(claimed, "submit", actor=city.handler, now=LATER)
    step = Step(django_capture_on_commit_callbacks, claimed, "approve", actor=city.reviewer, now=LATER)
    assert step.told() == {"operator": 1}
    assert step.note_of("operator").kind == Kind.TO_PUBLISH
    assert step.channels("operator") == set()  # they chose the inbox alone


def test_the_signers_notice_of_a_withheld_writers_case_carries_no_name(city, django_capture_on_commit_callbacks):
    make_reachable(city)
    case = apply(withheld(city, now=MONDAY), "dispatch", actor=city.operator, now=MONDAY, lead=city.housing)
    apply(case, "claim", actor=city.handler, now=MONDAY)
    step = draft(django_capture_on_commit_callbacks, city, case)
    note = step.note_of("principal")
    assert "推诿" in note.body and WRITER_NAME not in note.title + note.body


def test_the_writers_follow_up_comes_back_to_the_operators(city, claimed, django_capture_on_commit_callbacks):
    draft(django_capture_on_commit_callbacks, city, claimed)
    apply(claimed, "sign_off", actor=city.principal, now=LATER, sealed=True)
    apply(claimed, "submit", actor=city.handler, now=LATER)
    apply(claimed, "approve", actor=city.reviewer, now=LATER)
    apply(claimed, "publish", actor=city.operator, now=LATER, mode="public")
    apply(claimed, "rate", now=LATER, rating="unsatisfied")
    step = Step(django_capture_on_commit_callbacks, claimed, "follow_up", now=at("2026-03-04 10:00"),
                text=f"路灯还是不亮，{WRITER_NAME}再次反映，请尽快处理。")
    assert step.told() == {"operator": 1}
    note = step.note_of("operator")
    assert note.kind == Kind.FOLLOW_UP and WRITER_NAME not in note.body  # the writer's words stay on the case
