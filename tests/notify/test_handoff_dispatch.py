"""Dispatched: the lead unit's handlers are told the case is theirs, each co-unit what is asked of
it (交办意见); a recall tells the unit it was taken from, a reassignment the new lead and the old
unit; the center's 催办 reaches the lead unit's handlers and principal. Nobody else hears of it."""
import pytest

from minpan.cases.transitions import apply
from minpan.notify.models import Kind, Preference, Reach
from tests.flow import at, registered
from tests.notify.handoff import WRITER_NAME, Step, make_reachable, withheld

MONDAY = at("2026-03-02 10:00")


@pytest.fixture
def case(city):
    make_reachable(city)
    return registered(city, "tongliao", now=MONDAY)


def test_dispatch_tells_the_lead_units_handler_and_the_co_unit_what_is_asked_of_it(city, case, django_capture_on_commit_callbacks):
    step = Step(django_capture_on_commit_callbacks, case, "dispatch", actor=city.operator, now=MONDAY,
                lead=city.housing, co=[city.education], instructions="请现场核实并答复", co_instructions="请提供学校周边规划")
    assert step.told(Kind.DISPATCHED) == {"handler": 1}
    assert step.told(Kind.CO_REQUESTED) == {"edu_handler": 1}
    assert step.told() == {"handler": 1, "edu_handler": 1}  # not the operator who dispatched, no other unit
    lead, co = step.note_of("handler"), step.note_of("edu_handler")
    assert "请现场核实并答复" in lead.body and "市教育局" in lead.body and "2026年03月09日 24:00" in lead.body
    assert "请提供学校周边规划" in co.body and "市住建局牵头" in co.body
    assert lead.case_id == case.pk and lead.read_at is None
    assert step.writer_messages == 0


def test_a_dispatch_without_instructions_says_only_what_is_due(city, case, django_capture_on_commit_callbacks):
    step = Step(django_capture_on_commit_callbacks, case, "dispatch", actor=city.operator, now=MONDAY, lead=city.housing)
    assert step.told() == {"handler": 1}
    assert "交办意见" not in step.note_of("handler").body


def test_the_handlers_notice_comes_by_email_and_not_by_sms_unless_they_chose_it(city, case, django_capture_on_commit_callbacks):
    Preference.objects.create(user=city.edu_handler, email=Reach.NONE, sms=Reach.ALL)
    step = Step(django_capture_on_commit_callbacks, case, "dispatch", actor=city.operator, now=MONDAY,
                lead=city.housing, co=[city.education])
    assert step.channels("handler") == {"email"}  # the default: e-mail always, SMS for the ladder only
    assert step.channels("edu_handler") == {"sms"}


def test_a_unit_without_a_handler_hears_through_its_leaders(city, case, django_capture_on_commit_callbacks):
    step = Step(django_capture_on_commit_callbacks, case, "dispatch", actor=city.operator, now=MONDAY, lead=city.district)
    assert step.told(Kind.DISPATCHED) == {"district_handler": 1}  # the district's own handler, not the street's


def test_a_withheld_writer_is_not_named_in_the_units_notice(city, django_capture_on_commit_callbacks):
    make_reachable(city)
    case = withheld(city, now=MONDAY)
    step = Step(django_capture_on_commit_callbacks, case, "dispatch", actor=city.operator, now=MONDAY, lead=city.housing)
    note = step.note_of("handler")
    assert "推诿" in note.body
    assert WRITER_NAME not in note.title + note.body


def test_a_recall_tells_the_unit_it_was_taken_from(city, case, django_capture_on_commit_callbacks):
    apply(case, "dispatch", actor=city.operator, now=MONDAY, lead=city.housing)
    step = Step(django_capture_on_commit_callbacks, case, "recall", actor=city.operator, now=at("2026-03-02 11:00"),
                reason="交办单位选错")
    assert step.told() == {"handler": 1}
    note = step.note_of("handler")
    assert note.kind == Kind.RECALLED and "撤回" in note.title and "交办单位选错" in note.body


def test_a_reassignment_tells_the_new_lead_and_the_old_unit(city, case, django_capture_on_commit_callbacks):
    apply(case, "dispatch", actor=city.operator, now=MONDAY, lead=city.housing)
    apply(case, "claim", actor=city.handler, now=MONDAY)
    step = Step(django_capture_on_commit_callbacks, case, "reassign", actor=city.operator, now=at("2026-03-02 11:00"),
                lead=city.education, reason="属教育局职责", instructions="请会同学校核实")
    assert step.told(Kind.DISPATCHED) == {"edu_handler": 1}
    assert step.told(Kind.RECALLED) == {"handler": 1}
    assert step.told() == {"edu_handler": 1, "handler": 1}
    assert "请会同学校核实" in step.note_of("edu_handler").body
    assert "改派" in step.note_of("handler").title


def test_the_centers_urge_reaches_the_lead_units_handler_and_principal_by_sms_too(city, case, django_capture_on_commit_callbacks):
    apply(case, "dispatch", actor=city.operator, now=MONDAY, lead=city.housing)
    step = Step(django_capture_on_commit_callbacks, case, "center_urge", actor=city.operator, now=at("2026-03-05 10:00"),
                note="群众反映强烈，请今日回复")
    assert step.told(Kind.CENTER_URGED) == {"handler": 1, "principal": 1}
    assert step.told() == {"handler": 1, "principal": 1}
    assert "群众反映强烈" in step.note_of("principal").body
    assert step.channels("principal") == {"email", "sms"}  # 催办 is worth a text message by default
