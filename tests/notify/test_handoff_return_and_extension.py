"""退办 goes to the center's operators, who dispatch again; an extension request to whoever the
policy has approve it (the center's reviewers), and the decision back to the one who asked."""
import pytest

from minpan.cases.transitions import apply
from minpan.notify.models import Kind, Preference, Reach
from tests.flow import at, dispatched
from tests.notify.handoff import WRITER_NAME, Step, make_reachable, withheld

MONDAY = at("2026-03-02 10:00")


@pytest.fixture
def case(city):
    make_reachable(city)
    return dispatched(city, "tongliao", now=MONDAY)


def test_a_return_goes_to_the_operators_with_the_unit_and_its_reason(city, case, django_capture_on_commit_callbacks):
    step = Step(django_capture_on_commit_callbacks, case, "return", actor=city.deputy, now=at("2026-03-02 15:00"),
                reason="该路段属东城区管养")
    assert step.told() == {"operator": 1}  # not the reviewer, no unit, not the deputy who returned it
    note = step.note_of("operator")
    assert note.kind == Kind.RETURNED and "市住建局" in note.title and "该路段属东城区管养" in note.body
    assert step.channels("operator") == {"email"}
    assert step.writer_messages == 0


def test_an_extension_request_goes_to_the_reviewer_and_the_decision_to_the_requester(city, case, django_capture_on_commit_callbacks):
    apply(case, "claim", actor=city.handler, now=MONDAY)
    asked = Step(django_capture_on_commit_callbacks, case, "request_extension", actor=city.handler, now=at("2026-03-04 10:00"),
                 days=3, reason="需协调供电公司更换线路")
    # 逐级 (Tongliao 第十四条): the handler's request goes to the unit's leaders first, who sign it up to the center
    assert asked.told() == {"principal": 1, "deputy": 1}
    asked = Step(django_capture_on_commit_callbacks, case, "endorse_extension", actor=city.deputy, now=at("2026-03-04 11:00"))
    assert asked.told() == {"reviewer": 1}
    note = asked.note_of("reviewer")
    assert note.kind == Kind.EXTENSION_ASKED and "3 个工作日" in note.title and "需协调供电公司更换线路" in note.body
    assert asked.writer_messages == 0
    decided = Step(django_capture_on_commit_callbacks, case, "approve_extension", actor=city.reviewer, now=at("2026-03-04 14:00"))
    assert decided.told() == {"handler": 1}
    note = decided.note_of("handler")
    assert note.kind == Kind.EXTENSION_DECIDED and "已同意" in note.title and "2026年03月12日 24:00" in note.body


def test_a_leader_who_will_not_sign_it_up_tells_the_handler_why(city, case, django_capture_on_commit_callbacks):
    apply(case, "claim", actor=city.handler, now=MONDAY)
    apply(case, "request_extension", actor=city.handler, now=at("2026-03-04 10:00"), days=3, reason="需协调供电公司更换线路")
    step = Step(django_capture_on_commit_callbacks, case, "endorse_extension", actor=city.principal, now=at("2026-03-04 11:00"),
                agree="no", reason="本周内可以办结")
    assert step.told() == {"handler": 1}
    note = step.note_of("handler")
    assert note.kind == Kind.EXTENSION_DECIDED and "单位领导不同意上报" in note.body and "本周内可以办结" in note.body
    assert case.extensions.get().state == "refused" and not case.__class__.objects.get(pk=case.pk).extension_pending


def test_a_refusal_goes_to_the_leader_who_asked_with_the_reason(city, case, django_capture_on_commit_callbacks):
    apply(case, "claim", actor=city.handler, now=MONDAY)
    apply(case, "request_extension", actor=city.deputy, now=at("2026-03-04 10:00"), days=2, reason="需现场勘查")
    Preference.objects.create(user=city.deputy, email=Reach.ALL, sms=Reach.ALL)
    step = Step(django_capture_on_commit_callbacks, case, "refuse_extension", actor=city.reviewer, now=at("2026-03-04 14:00"),
                decision_note="可在期限内办结")
    assert step.told() == {"deputy": 1}  # who asked, not the handler
    note = step.note_of("deputy")
    assert "不同意" in note.title and "可在期限内办结" in note.body
    assert step.channels("deputy") == {"email", "sms"}
    assert step.writer_messages == 0


def test_the_reviewers_notice_of_a_withheld_writers_case_names_the_unit_not_the_writer(city, django_capture_on_commit_callbacks):
    make_reachable(city)
    case = apply(withheld(city, now=MONDAY), "dispatch", actor=city.operator, now=MONDAY, lead=city.housing)
    step = Step(django_capture_on_commit_callbacks, case, "return", actor=city.principal, now=at("2026-03-02 15:00"),
                reason="应由纪检部门处理")
    note = step.note_of("operator")
    assert "市住建局" in note.title and WRITER_NAME not in note.title + note.body
