"""Two hand-offs between the people working a case: a co-unit's 配合意见 reaches the lead unit's
handler, who writes the one answer (Naiman 第十三条: 由已确定的承办单位牵头…形成统一回复); an
internal note (内部批注) reaches the others who work the case now — never its author, never a unit
the case was taken from, never the writer."""
from minpan.cases.transitions import apply
from minpan.notify.models import Kind
from tests.flow import at, dispatched
from tests.notify.handoff import Step, make_reachable

MONDAY = at("2026-03-02 10:00")


def _with_co_unit(city):
    make_reachable(city)
    case = dispatched(city, "naiman", co=[city.education], now=MONDAY)
    return apply(case, "claim", actor=city.handler, now=MONDAY)


def test_the_co_units_input_goes_to_the_lead_handler(city, django_capture_on_commit_callbacks):
    case = _with_co_unit(city)
    step = Step(django_capture_on_commit_callbacks, case, "co_input", actor=city.edu_handler, now=MONDAY,
                text="经查，学校门口路段属我局管理范围，已安排修补。")
    assert step.told() == {"handler": 1}
    note = step.note_of("handler")
    assert note.kind == Kind.CO_INPUT_GIVEN
    assert "市教育局已就网民留言" in note.body and "由市住建局统一答复" in note.body
    assert note.case_id == case.pk
    assert step.writer_messages == 0


def test_a_note_reaches_the_others_working_the_case(city, django_capture_on_commit_callbacks):
    case = _with_co_unit(city)
    apply(case, "co_input", actor=city.edu_handler, now=MONDAY, text="已配合核查。")
    city.operator.first_name = "张"
    city.operator.last_name = "敏"  # Django's full name is "first last"
    city.operator.save()
    step = Step(django_capture_on_commit_callbacks, case, "note", actor=city.operator, now=MONDAY, note="已电话联系供电公司")
    # the lead handler and the co-unit's handler acted on it; the operator wrote it
    assert step.told() == {"handler": 1, "edu_handler": 1}
    note = step.note_of("handler")
    assert note.kind == Kind.NOTED and "市民盼中心张 敏" in note.body and "已电话联系供电公司。" in note.body
    assert "operator" not in note.body  # a person's name, never a login name
    assert step.writer_messages == 0


def test_a_unit_the_case_was_taken_from_hears_no_more_notes(city, django_capture_on_commit_callbacks):
    make_reachable(city)
    case = apply(dispatched(city, "tongliao", now=MONDAY), "claim", actor=city.handler, now=MONDAY)
    apply(case, "reassign", actor=city.operator, now=MONDAY, lead=city.education, reason="职责在教育局")
    step = Step(django_capture_on_commit_callbacks, case, "note", actor=city.operator, now=MONDAY, note="请教育局尽快认领")
    assert "handler" not in step.told()
    assert step.told() == {"edu_handler": 1}


def test_a_note_without_a_name_says_the_post(city, django_capture_on_commit_callbacks):
    case = _with_co_unit(city)
    step = Step(django_capture_on_commit_callbacks, case, "note", actor=city.handler, now=MONDAY, note="明日现场勘查")
    assert step.told() == {"operator": 1}
    assert "市住建局承办经办人在网民留言" in step.note_of("operator").body
