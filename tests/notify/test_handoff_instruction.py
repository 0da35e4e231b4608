"""领导批示: the lead unit's principal is told (the operators, while no unit holds the case), and once
the answer is published the result goes back to the leader who instructed (Xizang 第五条(三))."""
import pytest

from minpan.cases.transitions import apply
from minpan.notify.models import Kind
from tests.flow import at, dispatched, registered
from tests.notify.handoff import WRITER_NAME, Step, make_reachable, withheld

MONDAY = at("2026-03-02 10:00")


@pytest.fixture
def case(city):
    make_reachable(city)
    case = apply(dispatched(city, "xizang", now=MONDAY), "claim", actor=city.handler, now=MONDAY)
    # 第五条(二): 办前主动联系, before any answer is submitted
    return apply(case, "contact_writer", actor=city.handler, now=MONDAY, note="已电话联系留言人。")


def test_an_instruction_goes_to_the_lead_units_principal(city, case, django_capture_on_commit_callbacks):
    step = Step(django_capture_on_commit_callbacks, case, "instruct", actor=city.leader, now=at("2026-03-03 09:00"),
                text="请住建局抓紧解决，结果报我。", leader_name="张市长")
    assert step.told() == {"principal": 1}  # not the handler, no other unit, not the leader
    note = step.note_of("principal")
    assert note.kind == Kind.INSTRUCTED and "张市长" in note.body and "请住建局抓紧解决" in note.body
    assert step.channels("principal") == {"email"}
    assert step.writer_messages == 0


def test_an_instruction_before_dispatch_goes_to_the_operators(city, django_capture_on_commit_callbacks):
    make_reachable(city)
    case = registered(city, "xizang", now=MONDAY)
    step = Step(django_capture_on_commit_callbacks, case, "instruct", actor=city.leader, now=MONDAY, text="请尽快交办。")
    assert step.told() == {"operator": 1}


def test_the_result_goes_back_to_the_instructing_leader_once_published(city, case, django_capture_on_commit_callbacks):
    apply(case, "instruct", actor=city.leader, now=at("2026-03-03 09:00"), text="请抓紧解决。", leader_name="张市长")
    apply(case, "draft", actor=city.handler, now=at("2026-03-04 10:00"), body="已修复。")
    apply(case, "submit", actor=city.handler, now=at("2026-03-04 10:00"))
    # 第五条(二): prepared by the 督查室, approved by the 秘书长 (the leader role): not yet the result
    apply(case, "prepare", actor=city.reviewer, now=at("2026-03-04 10:30"))
    not_yet = Step(django_capture_on_commit_callbacks, case, "approve", actor=city.leader, now=at("2026-03-04 11:00"))
    assert not_yet.told(Kind.INSTRUCTION_DONE) == {}
    step = Step(django_capture_on_commit_callbacks, case, "publish", actor=city.operator, now=at("2026-03-04 15:00"), mode="public")
    assert step.told(Kind.INSTRUCTION_DONE) == {"leader": 1}
    assert "supervisor" not in step.told()
    assert "2026-03-04 15:00" in step.note_of("leader").body and "市住建局" in step.note_of("leader").body


def test_a_published_case_nobody_instructed_tells_no_leader(city, case, django_capture_on_commit_callbacks):
    apply(case, "draft", actor=city.handler, now=at("2026-03-04 10:00"), body="已修复。")
    apply(case, "submit", actor=city.handler, now=at("2026-03-04 10:00"))
    apply(case, "prepare", actor=city.reviewer, now=at("2026-03-04 10:30"))
    apply(case, "approve", actor=city.leader, now=at("2026-03-04 11:00"))
    step = Step(django_capture_on_commit_callbacks, case, "publish", actor=city.operator, now=at("2026-03-04 15:00"), mode="public")
    assert step.told(Kind.INSTRUCTION_DONE) == {}


def test_the_principals_notice_of_a_withheld_writers_case_carries_no_name(city, django_capture_on_commit_callbacks):
    make_reachable(city)
    case = apply(withheld(city, now=MONDAY), "dispatch", actor=city.operator, now=MONDAY, lead=city.housing)
    step = Step(django_capture_on_commit_callbacks, case, "instruct", actor=city.leader, now=MONDAY, text="严查推诿。")
    note = step.note_of("principal")
    assert "推诿" in note.body and WRITER_NAME not in note.title + note.body
