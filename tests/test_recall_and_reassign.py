"""撤回交办 and 改派: the center takes back a dispatch the unit has not claimed, or gives the case to
another lead unit with a reason. Either way the old assignment ends, as on dispatch and 退办."""
import time_machine

from minpan.cases.errors import IllegalTransition, NotPermitted, RuleViolation
from minpan.cases.models import Assignment, Event
from minpan.cases.transitions import apply
from tests.desk.pages import act, state
from tests.flow import at, dispatched, fresh, refused


def test_the_center_recalls_a_dispatch_before_it_is_claimed(client, city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        case = dispatched(city, "tongliao", co=[city.education])
    with time_machine.travel(at("2026-03-02 10:00"), tick=False):
        resp = act(client, city.operator, case, "recall", reason="交办单位选错，应为东城区。")
        assert resp.status_code == 302, resp.content.decode()[:2000]
    case = fresh(case)
    assert case.state == "registered" and case.lead_unit is None and case.due_at is None
    assert not Assignment.objects.filter(case=case, active=True).exists()
    assert set(Assignment.objects.filter(case=case).values_list("ended_at", flat=True)) == {at("2026-03-02 10:00")}
    ev = Event.objects.get(case=case, action="recall")
    assert ev.data["reason"] == "交办单位选错，应为东城区。" and ev.data["unit_name"] == "市住建局"
    case = apply(case, "dispatch", actor=city.operator, lead=city.district)
    assert case.state == "dispatched" and case.lead_unit == city.district


def test_a_claimed_case_is_not_recalled_but_reassigned(city):
    case = dispatched(city, "tongliao")
    apply(case, "claim", actor=city.handler)
    refused(case, IllegalTransition, "recall", actor=city.operator, reason="选错了。")


def test_a_recall_needs_a_reason_and_the_center(city):
    case = dispatched(city, "tongliao")
    refused(case, RuleViolation, "recall", actor=city.operator, reason="")
    refused(case, NotPermitted, "recall", actor=city.handler, reason="不想办。")


def test_the_center_reassigns_a_claimed_case_and_a_new_round_starts(client, city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        case = dispatched(city, "tongliao", co=[city.education])
        apply(case, "claim", actor=city.handler)
    with time_machine.travel(at("2026-03-04 09:00"), tick=False):
        resp = act(client, city.operator, case, "reassign", lead=city.district.pk, reason="属地管理，改由东城区办理。",
                   instructions="请会同东城街道现场核实。")
        assert resp.status_code == 302, resp.content.decode()[:2000]
    case = fresh(case)
    assert case.state == "dispatched" and case.lead_unit == city.district
    old = Assignment.objects.filter(case=case, active=False)
    assert {(a.unit_id, a.ended_at) for a in old} == {(city.housing.pk, at("2026-03-04 09:00")), (city.education.pk, at("2026-03-04 09:00"))}
    new = Assignment.objects.get(case=case, active=True)
    assert (new.unit, new.role, new.instructions) == (city.district, "lead", "请会同东城街道现场核实。")
    # a new clock from the new receipt: Wed 03-04 + 5 working days → Wed 03-11 24:00
    assert case.due_at == at("2026-03-12 00:00")
    ev = Event.objects.get(case=case, action="reassign")
    assert (ev.data["from_name"], ev.data["lead_name"], ev.data["reason"]) == ("市住建局", "东城区", "属地管理，改由东城区办理。")
    assert apply(case, "claim", actor=city.district_handler).state == "in_progress"


def test_the_old_unit_no_longer_acts_on_a_reassigned_case(city):
    case = dispatched(city, "tongliao")
    apply(case, "reassign", actor=city.operator, lead=city.education, reason="属教育局职责。")
    refused(case, NotPermitted, "claim", actor=city.handler)


def test_reassigning_to_the_same_unit_is_refused(city):
    case = dispatched(city, "tongliao")
    refused(case, RuleViolation, "reassign", actor=city.operator, lead=city.housing, reason="再派一次。")


def test_a_reassignment_needs_a_reason(city):
    case = dispatched(city, "tongliao")
    refused(case, RuleViolation, "reassign", actor=city.operator, lead=city.education, reason=" ")


def test_a_drafted_answer_is_not_reassigned(city):
    case = dispatched(city, "yuncheng")
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body="已修复。")
    refused(case, IllegalTransition, "reassign", actor=city.operator, lead=city.education, reason="改派。")


def test_the_page_offers_recall_only_before_the_claim(client, city):
    case = dispatched(city, "tongliao")
    client.force_login(city.operator)
    text = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "/do/recall/" in text and "/do/reassign/" in text
    apply(case, "claim", actor=city.handler)
    text = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "/do/recall/" not in text and "/do/reassign/" in text
    assert state(case) == "in_progress"
