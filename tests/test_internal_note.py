"""内部批注: the people working a case leave notes for each other on its timeline. The state does
not move, and the writer never reads them."""
import time_machine

from minpan.cases.errors import NotPermitted, RuleViolation
from minpan.cases.models import Event
from minpan.cases.states import Action
from minpan.cases.transitions import apply
from minpan.portal.own_case import PUBLIC_STEPS, timeline
from tests.desk.pages import act, state
from tests.flow import at, collect, dispatched, refused


def _in_progress(city):
    case = dispatched(city, "tongliao", co=[city.education])
    return apply(case, "claim", actor=city.handler)


def test_the_center_the_lead_unit_and_a_co_unit_write_notes_and_the_state_stays(client, city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        case = _in_progress(city)
        for user, text in ((city.operator, "已电话联系供电公司。"), (city.handler, "3 月 4 日现场勘查。"),
                           (city.edu_handler, "涉及学校门口一段，由我局协调。")):
            resp = act(client, user, case, "note", text=text)
            assert resp.status_code == 302, resp.content.decode()[:2000]
    assert state(case) == "in_progress"
    notes = Event.objects.filter(case=case, action=Action.NOTE).order_by("seq")
    assert [(e.unit.name, e.note) for e in notes] == [
        ("市民盼中心", "已电话联系供电公司。"), ("市住建局", "3 月 4 日现场勘查。"), ("市教育局", "涉及学校门口一段，由我局协调。"),
    ]
    assert all(e.state_before == e.state_after == "in_progress" for e in notes)


def test_notes_are_on_the_staff_timeline(client, city):
    case = _in_progress(city)
    apply(case, "note", actor=city.reviewer, note="请注意答复口径与上月一致。")
    client.force_login(city.handler)
    text = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "内部批注" in text and "请注意答复口径与上月一致。" in text


def test_the_writer_never_reads_a_note(city):
    case = _in_progress(city)
    apply(case, "note", actor=city.handler, note="留言人情绪激动，回访时注意方式。")
    assert Action.NOTE not in PUBLIC_STEPS
    assert all("情绪激动" not in (s.text + s.detail) for s in timeline(case))


def test_a_unit_not_on_the_case_cannot_write_one(city):
    case = _in_progress(city)
    refused(case, NotPermitted, "note", actor=city.district_handler, note="路过。")


def test_an_empty_note_is_refused(city):
    case = _in_progress(city)
    refused(case, RuleViolation, "note", actor=city.operator, note="  ")


def test_the_center_notes_a_message_still_in_review(city):
    case = collect("tongliao")
    apply(case, "note", actor=city.operator, note="疑似重复，待查。")
    assert state(case) == "received"
