"""Yuncheng 五(二): 对于网民反映的一些影响面广、涉事部门多、时间跨度长、协调难度大的问题，由市政府办公室
及时召开专题协调会议，明确牵头单位和责任单位职责，限期办理.

The center records the meeting on a case the units hold (date, place, who attended, the lead and
responsible units, the limit as a date, the minutes). The limit becomes the deadline in force —
the reminder, the overdue ladder and the queues read it; units it names that are not on the case
join as co-units, a new lead goes through the 改派 path; every unit named is told the limit.
National Day 2026: 10-01..10-07 holiday, Sat 10-10 a makeup working day."""
import pytest
import time_machine

from minpan.cases.errors import RuleViolation
from minpan.cases.models import Assignment, CoordinationMeeting
from minpan.cases.transitions import apply
from minpan.notify.models import Kind
from minpan.portal.own_case import timeline
from tests.desk.pages import act
from tests.flow import at, dispatched, fresh, refused
from tests.notify.handoff import Step
from tests.notify.helpers import steps, sweep_through

MEETING = {"held_on": "2026-09-29", "place": "市政府第三会议室", "attendees": "市政府办公室王主任；市住建局、东城区分管负责同志",
           "due_on": "2026-10-16", "minutes": "住建局牵头制定维修方案，东城区负责现场协调，10月16日前办结。"}


def _claimed(city, policy="yuncheng"):
    case = dispatched(city, policy, now=at("2026-09-28 09:00"))
    return apply(case, "claim", actor=city.handler, now=at("2026-09-28 10:00"))


def test_the_limit_the_meeting_set_is_the_deadline_and_the_ladder_follows_it(city):
    case = _claimed(city)
    assert case.due_at == at("2026-10-09 00:00")  # 3 working days from Mon 09-28: Thu 10-08 (after the holiday)
    case = apply(case, "coordinate", actor=city.operator, now=at("2026-09-30 10:00"), lead=city.housing,
                 units=[city.district], **MEETING)
    assert case.coordinated_due.isoformat() == "2026-10-16"
    assert case.due_at == at("2026-10-17 00:00")  # 24:00 of Fri 10-16
    assert case.remind_at == at("2026-10-15 08:30")  # the working day before
    # nothing overdue on the original deadline; the 催办通知书 comes after the meeting's limit
    sweep_through("2026-10-08", "2026-10-19")
    assert [k for k, _ in steps(case)] == ["remind", "urge"]
    assert steps(case)[-1] == ("urge", "2026-10-19 08:31")


def test_named_units_not_on_the_case_join_as_co_units_and_are_told_the_limit(city, django_capture_on_commit_callbacks):
    case = _claimed(city)
    step = Step(django_capture_on_commit_callbacks, case, "coordinate", actor=city.supervisor, now=at("2026-09-30 10:00"),
                lead=city.housing, units=[city.district], **MEETING)
    co = Assignment.objects.get(case=case, active=True, role="co")
    assert co.unit == city.district and "2026年10月16日" in co.instructions
    assert step.told(Kind.COORDINATED) == {"handler": 1, "principal": 1, "district_handler": 1}
    note = step.note_of("district_handler")
    assert "2026-10-16" in note.title and "责任单位" in note.body and "市住建局牵头" in note.body
    assert "本单位为牵头单位" in step.note_of("handler").body
    meeting = CoordinationMeeting.objects.get(case=case)
    assert meeting.lead == city.housing and list(meeting.units.all()) == [city.district]
    assert meeting.recorded_by == city.supervisor and meeting.place == "市政府第三会议室"
    # the writer sees that a meeting set the time limit (their deadline), not its minutes
    assert "召开专题协调会议，明确办理单位和办结时限" in [s.text for s in timeline(fresh(case))]


def test_a_new_lead_goes_through_the_reassignment_path(city, django_capture_on_commit_callbacks):
    case = _claimed(city)
    step = Step(django_capture_on_commit_callbacks, case, "coordinate", actor=city.operator, now=at("2026-09-30 10:00"),
                lead=city.education, units=[city.housing], **MEETING)
    case = fresh(case)
    assert case.lead_unit == city.education and case.due_at == at("2026-10-17 00:00")
    on_case = {(a.unit.code, a.role) for a in Assignment.objects.filter(case=case, active=True)}
    assert on_case == {("jiaoyu", "lead"), ("zhujian", "co")}
    assert step.told(Kind.COORDINATED)["edu_handler"] == 1 and step.told(Kind.COORDINATED)["handler"] == 1


def test_no_new_lead_once_the_answer_is_drafted_and_no_limit_in_the_past(city):
    case = _claimed(city)
    refused(case, RuleViolation, "coordinate", actor=city.operator, now=at("2026-09-30 10:00"), lead=city.housing,
            **{**MEETING, "due_on": "2026-09-29"})
    refused(case, RuleViolation, "coordinate", actor=city.operator, now=at("2026-09-30 10:00"), lead=city.housing,
            **{**MEETING, "minutes": ""})
    apply(case, "draft", actor=city.handler, now=at("2026-09-30 11:00"), body="正在协调。")
    refused(case, RuleViolation, "coordinate", actor=city.operator, now=at("2026-09-30 14:00"), lead=city.education, **MEETING)


def test_after_the_meeting_only_another_meeting_moves_the_limit(city):
    case = apply(_claimed(city), "request_extension", actor=city.handler, now=at("2026-09-29 10:00"), days=2,
                 reason="需协调。", basis="五(三)", promised_date="2026-10-10")
    case = apply(case, "coordinate", actor=city.operator, now=at("2026-09-30 10:00"), lead=city.housing, **MEETING)
    assert not case.extension_pending and case.extensions.get().state == "refused"  # the meeting's limit replaces it
    refused(case, RuleViolation, "approve_extension", actor=city.reviewer, now=at("2026-09-30 11:00"))
    refused(case, RuleViolation, "request_extension", actor=city.handler, now=at("2026-10-09 10:00"), days=2,
            reason="需协调。", basis="五(三)", promised_date="2026-10-20")
    case = apply(case, "coordinate", actor=city.operator, now=at("2026-10-12 10:00"), lead=city.housing,
                 **{**MEETING, "held_on": "2026-10-12", "due_on": "2026-10-23"})
    assert case.due_at == at("2026-10-24 00:00")


def test_the_center_records_it_on_the_case_page(city, client):
    case = _claimed(city)
    client.force_login(city.operator)
    with time_machine.travel(at("2026-09-30 10:00"), tick=False):
        assert "/do/coordinate/" in client.get(f"/desk/case/{case.pk}/").content.decode()
        resp = act(client, city.operator, case, "coordinate", lead=city.housing.pk, units=[city.district.pk], **MEETING)
        assert resp.status_code == 302, resp.content.decode()[:2000]
        page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "专题协调会议" in page and "市政府第三会议室" in page and "2026-10-16" in page
    client.force_login(city.handler)
    assert "/do/coordinate/" not in client.get(f"/desk/case/{case.pk}/").content.decode()


@pytest.mark.parametrize("policy", ["tongliao", "naiman", "xizang", "chizhou"])
def test_other_policies_neither_offer_nor_accept_it(city, client, policy):
    case = _claimed(city, policy)
    client.force_login(city.operator)
    assert "/do/coordinate/" not in client.get(f"/desk/case/{case.pk}/").content.decode()
    refused(case, RuleViolation, "coordinate", actor=city.operator, now=at("2026-09-30 10:00"), lead=city.housing, **MEETING)


def test_the_meeting_prints_as_a_record_for_the_units(city, client):
    case = apply(_claimed(city), "coordinate", actor=city.operator, now=at("2026-09-30 10:00"), lead=city.housing,
                 units=[city.district], **MEETING)
    client.force_login(city.district_handler)
    assert "/doc/meeting/" in client.get(f"/desk/case/{case.pk}/").content.decode()
    page = client.get(f"/desk/case/{case.pk}/doc/meeting/").content.decode()
    assert "专题协调会议纪要" in page and "市住建局牵头办理，东城区为责任单位，限 2026年10月16日 前办结" in page
    assert "住建局牵头制定维修方案" in page
    resp = client.get(f"/desk/case/{case.pk}/doc/meeting.docx")
    assert resp.status_code == 200 and resp.content[:2] == b"PK"
