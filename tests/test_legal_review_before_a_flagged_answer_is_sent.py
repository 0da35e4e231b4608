"""Chizhou 第九条(五) 结果审核: 各承办单位要加强对办理结果的审核，确保办理结果符合法律法规和政策要求，
必要时要进行法制审核. "When needed": the center flags the case (as it dispatches, or later while a unit
holds it) or the unit's leader does; the answer of a flagged case is then not submitted until a leader
of the unit records its 法制审核 (who reviewed, the conclusion, a note). Offered only where it applies;
on the staff timeline, never on the writer's."""
import pytest

from minpan.cases.errors import IllegalTransition, NotPermitted, RuleViolation
from minpan.cases.models import Event
from minpan.cases.transitions import apply
from minpan.notify.models import Notification
from minpan.portal.own_case import timeline
from tests.desk.pages import act
from tests.flow import at, fresh, registered

POLICY = "chizhou"
MONDAY = at("2026-03-02 10:00")
HANDLER = {"handler_name": "李工", "handler_phone": "0566-2345678"}
CHANNEL = "mayor_mailbox"  # 第九条(五): signed by the unit's 分管 leader


def _dispatched(city, policy=POLICY, **kw):
    case = registered(city, policy, now=MONDAY, channel=CHANNEL if policy == POLICY else None)
    return apply(case, "dispatch", actor=city.operator, now=MONDAY, lead=city.housing, **kw)


def _ready_to_submit(city, case):
    """Claimed, drafted, signed by the deputy and called back (第九条(五)(七)): all but the review."""
    apply(case, "claim", actor=city.handler, now=MONDAY)
    apply(case, "draft", actor=city.handler, now=at("2026-03-03 09:00"), body="经核实，依据《城市照明管理规定》已修复路灯。", **HANDLER)
    apply(case, "sign_off", actor=city.deputy, now=at("2026-03-03 10:00"))
    return apply(case, "callback", actor=city.handler, now=at("2026-03-03 11:00"), note="电话告知办理结果。")


def test_the_center_flags_it_on_dispatch_and_the_answer_waits_for_the_review(city, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = _dispatched(city, legal_review=True)
    # the unit's leaders, who will record it, are told
    told = set(Notification.objects.filter(case=case, kind="legal_review").values_list("recipient__username", flat=True))
    assert told == {"principal", "deputy"}
    case = _ready_to_submit(city, case)
    assert case.legal_review_needed
    with pytest.raises(RuleViolation, match="法制审核"):
        apply(case, "submit", actor=city.handler, now=at("2026-03-03 14:00"))
    apply(case, "legal_review", actor=city.deputy, now=at("2026-03-03 15:00"), reviewer="单位法律顾问 张律师",
          conclusion="passed", note="处理依据准确，答复口径符合政策。")
    assert apply(case, "submit", actor=city.handler, now=at("2026-03-03 16:00")).state == "submitted"
    review = Event.objects.get(case=case, action="legal_review")
    assert review.data["reviewer"] == "单位法律顾问 张律师" and review.data["conclusion"] == "passed"
    assert review.note == "处理依据准确，答复口径符合政策。" and review.unit == city.housing
    assert Event.objects.get(case=case, action="dispatch").data["legal_review"] is True


def test_a_review_asking_for_changes_does_not_let_the_answer_go(city):
    case = _ready_to_submit(city, _dispatched(city, legal_review=True))
    apply(case, "legal_review", actor=city.principal, now=at("2026-03-03 15:00"), reviewer="法制科 王科长",
          conclusion="revise", note="未引用处罚依据。")
    with pytest.raises(RuleViolation, match="法制审核"):
        apply(case, "submit", actor=city.handler, now=at("2026-03-03 16:00"))


def test_a_redrafted_answer_is_reviewed_again(city):
    case = _ready_to_submit(city, _dispatched(city, legal_review=True))
    apply(case, "legal_review", actor=city.deputy, now=at("2026-03-03 15:00"), reviewer="法律顾问", conclusion="passed", note="无误。")
    apply(case, "submit", actor=city.handler, now=at("2026-03-03 16:00"))
    apply(case, "send_back", actor=city.reviewer, now=at("2026-03-04 09:00"), reason="未说明维护安排。")
    apply(case, "draft", actor=city.handler, now=at("2026-03-04 10:00"), body="已修复，并纳入月度巡检，依据同前。", **HANDLER)
    apply(case, "sign_off", actor=city.deputy, now=at("2026-03-04 10:30"))
    apply(case, "callback", actor=city.handler, now=at("2026-03-04 11:00"), note="再次电话告知。")
    with pytest.raises(RuleViolation, match="法制审核"):
        apply(case, "submit", actor=city.handler, now=at("2026-03-04 11:30"))


def test_the_units_leader_flags_it_while_the_unit_works_on_it_and_the_handler_cannot(city):
    case = apply(_dispatched(city), "claim", actor=city.handler, now=MONDAY)
    with pytest.raises(NotPermitted):
        apply(case, "flag_legal_review", actor=city.handler, now=MONDAY, reason="涉及处罚。")
    with pytest.raises(RuleViolation, match="原因"):
        apply(case, "flag_legal_review", actor=city.principal, now=MONDAY)
    apply(case, "flag_legal_review", actor=city.principal, now=MONDAY, reason="涉及行政处罚。")
    assert fresh(case).legal_review_needed
    assert Event.objects.get(case=case, action="flag_legal_review").data == {"legal_review": True, "reason": "涉及行政处罚。"}
    with pytest.raises(RuleViolation, match="已标记"):
        apply(case, "flag_legal_review", actor=city.operator, now=MONDAY, reason="再次标记")


def test_the_handler_does_not_record_the_review(city):
    case = _ready_to_submit(city, _dispatched(city, legal_review=True))
    with pytest.raises(NotPermitted):
        apply(case, "legal_review", actor=city.handler, now=at("2026-03-03 15:00"), reviewer="我", conclusion="passed", note="好。")


def test_an_unflagged_answer_goes_without_review(city):
    case = _ready_to_submit(city, _dispatched(city))
    with pytest.raises(RuleViolation, match="未标记"):
        apply(case, "legal_review", actor=city.deputy, now=at("2026-03-03 15:00"), reviewer="法律顾问", conclusion="passed", note="无误。")
    assert apply(case, "submit", actor=city.handler, now=at("2026-03-03 16:00")).state == "submitted"


def test_the_page_offers_the_review_to_the_leader_and_not_the_submit_to_the_handler(city, client):
    case = _ready_to_submit(city, _dispatched(city))
    client.force_login(city.operator)
    assert "/do/flag_legal_review/" in client.get(f"/desk/case/{case.pk}/").content.decode()
    assert act(client, city.deputy, case, "flag_legal_review", reason="答复涉及征收补偿政策。").status_code == 302
    client.force_login(city.handler)
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "/do/submit/" not in page and "须法制审核" in page
    client.force_login(city.deputy)
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "/do/legal_review/" in page and "/do/flag_legal_review/" not in page
    resp = act(client, city.deputy, case, "legal_review", reviewer="市司法局 赵科长", conclusion="passed", review_note="符合《土地管理法》。")
    assert resp.status_code == 302, resp.content.decode()[:800]
    client.force_login(city.handler)
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "/do/submit/" in page and "/do/legal_review/" not in page
    assert "市司法局 赵科长" in page  # on the staff timeline
    steps = [step.text for step in timeline(fresh(case))]
    assert not any("法制" in text for text in steps), steps  # never on the writer's


def test_the_dispatch_form_offers_the_flag_only_where_the_policy_has_it(city, client):
    client.force_login(city.operator)
    chizhou = registered(city, POLICY, now=MONDAY)
    assert "dispatch-legal_review" in client.get(f"/desk/case/{chizhou.pk}/").content.decode()
    tongliao = registered(city, "tongliao", now=MONDAY)
    assert "dispatch-legal_review" not in client.get(f"/desk/case/{tongliao.pk}/").content.decode()


@pytest.mark.parametrize("policy", ["tongliao", "naiman", "yuncheng", "xizang"])
def test_other_policies_neither_offer_nor_accept_it(city, client, policy):
    case = apply(_dispatched(city, policy), "claim", actor=city.handler, now=MONDAY)
    client.force_login(city.operator)
    assert "/do/flag_legal_review/" not in client.get(f"/desk/case/{case.pk}/").content.decode()
    with pytest.raises(RuleViolation, match="未规定法制审核"):
        apply(case, "flag_legal_review", actor=city.operator, now=MONDAY, reason="涉及处罚。")
    with pytest.raises(RuleViolation, match="未规定法制审核"):
        registered_case = registered(city, policy, now=MONDAY)
        apply(registered_case, "dispatch", actor=city.operator, now=MONDAY, lead=city.housing, legal_review=True)


def test_it_is_not_flagged_once_the_answer_is_with_the_center(city):
    case = _ready_to_submit(city, _dispatched(city))
    case = apply(case, "submit", actor=city.handler, now=at("2026-03-03 16:00"))
    with pytest.raises(IllegalTransition):
        apply(case, "flag_legal_review", actor=city.operator, now=at("2026-03-03 17:00"), reason="涉及处罚。")
