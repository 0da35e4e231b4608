"""A send-back for a fault the document names starts its ladder at once, as lateness does:
Tongliao 第十九条 (答非所问、敷衍塞责、推诿扯皮、重答轻办 → “三单一函”: a 催办单), Naiman 第十八条
(敷衍应付 → 通报批评, drafted for a leader), Yuncheng 五(四) (推诿扯皮、敷衍塞责 → with a city
leader's approval, to the 督查室 for 问责), Chizhou 第九条(四) (办理质量不高、效果不好 → 书面督办通知).
Xizang 第五条(五) sends it back, no more. A fault the policy does not name is refused."""
import pytest

from minpan.cases.errors import RuleViolation
from minpan.cases.models import Event
from minpan.cases.transitions import apply
from minpan.notify.models import Kind, Letter, Notification
from minpan.policies.presets import PRESETS
from tests.desk.pages import act
from tests.flow import at, dispatched

MONDAY = at("2026-03-02 10:00")


def _submitted(city, policy):
    case = apply(dispatched(city, policy, now=MONDAY), "claim", actor=city.handler, now=MONDAY)
    p = PRESETS[policy]
    if p.follow_up.contact_before_handling:
        apply(case, "contact_writer", actor=city.handler, now=MONDAY, note="已电话联系留言人。")
    apply(case, "draft", actor=city.handler, now=MONDAY, body="已收悉。", handler_name="李工", handler_phone="0475-6123456")
    if p.sign_off.level_for(case.channel):
        apply(case, "sign_off", actor=city.principal, now=MONDAY, sealed=True)
    if p.follow_up.callback_before_submit:
        apply(case, "callback", actor=city.handler, now=MONDAY, note="已电话告知。")
    return apply(case, "submit", actor=city.handler, now=MONDAY)


@pytest.mark.parametrize("policy, fault, kind, letter, state, told", [
    ("tongliao", "off_topic", "urge", "催办单", "issued", {"principal", "handler"}),
    ("naiman", "perfunctory", "criticise", "通报批评（草稿）", "draft", {"supervisor", "leader"}),
    ("yuncheng", "buck_passing", "transfer", "问责移交函", "draft", {"supervisor", "leader"}),
    ("chizhou", "poor_result", "supervise", "书面督办通知", "issued", {"principal", "handler", "supervisor"}),
])
def test_a_named_fault_issues_the_policys_step_at_once(city, django_capture_on_commit_callbacks, policy, fault, kind, letter, state, told):
    case = _submitted(city, policy)
    with django_capture_on_commit_callbacks(execute=True):
        apply(case, "send_back", actor=city.reviewer, now=at("2026-03-03 10:00"), reason="答复未回应诉求。", fault=fault)
    issued = Letter.objects.get(case=case, kind=kind)
    assert issued.title == letter and issued.state == state
    assert "经审核认定为" in issued.body and "退回重新办理" in issued.body
    notes = Notification.objects.filter(case=case, kind=Kind.QUALITY_FAULT)
    assert {n.recipient.get_username() for n in notes} == told
    assert Event.objects.get(case=case, action="send_back").data["fault"] == fault


def test_xizang_only_sends_it_back(city, django_capture_on_commit_callbacks):
    case = _submitted(city, "xizang")
    with django_capture_on_commit_callbacks(execute=True):
        apply(case, "send_back", actor=city.reviewer, now=at("2026-03-03 10:00"), reason="敷衍塞责。", fault="perfunctory")
    assert not Letter.objects.filter(case=case).exists()
    assert not Notification.objects.filter(case=case, kind=Kind.QUALITY_FAULT).exists()


def test_a_fault_the_policy_does_not_name_is_refused(city):
    case = _submitted(city, "naiman")
    with pytest.raises(RuleViolation, match="不是本制度所列"):
        apply(case, "send_back", actor=city.reviewer, reason="推诿。", fault="buck_passing")


def test_a_plain_send_back_issues_nothing(city, django_capture_on_commit_callbacks):
    case = _submitted(city, "tongliao")
    with django_capture_on_commit_callbacks(execute=True):
        apply(case, "send_back", actor=city.reviewer, reason="请补充维修时间。")
    assert not Letter.objects.filter(case=case).exists()


def test_the_reviewer_chooses_the_fault_on_the_case_page(city, client, django_capture_on_commit_callbacks):
    case = _submitted(city, "tongliao")
    client.force_login(city.reviewer)
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "答非所问" in page and "重答轻办" in page and "并向承办单位发出《催办单》" in page
    with django_capture_on_commit_callbacks(execute=True):
        resp = act(client, city.reviewer, case, "send_back", reason="未回应诉求。", fault="perfunctory")
    assert resp.status_code == 302
    assert Letter.objects.filter(case=case, kind="urge").exists()
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "答复质量问题" in page and "敷衍塞责" in page
