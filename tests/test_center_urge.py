"""中心催办: the center urges the unit by hand. It counts as a prompt like the sweep's 催办
(Yuncheng 五(三): 催办 by phone or SMS before the deadline; 五(四): after two 催办 and 3 working
days overdue without a reason, a written criticism)."""
from minpan.cases.errors import IllegalTransition, NotPermitted
from minpan.cases.models import Event
from minpan.cases.transitions import apply
from minpan.policies.presets import PRESETS
from tests.desk.pages import act
from tests.flow import at, dispatched, fresh, refused


def test_the_operator_urges_the_unit_and_it_counts_as_a_prompt(client, city):
    case = dispatched(city, "yuncheng")
    resp = act(client, city.operator, case, "center_urge", text="已电话催办，经办人称明日答复。")
    assert resp.status_code == 302, resp.content.decode()[:2000]
    case = fresh(case)
    assert case.state == "dispatched" and case.prompts == 1
    ev = Event.objects.get(case=case, action="center_urge")
    assert ev.note == "已电话催办，经办人称明日答复。" and ev.data["prompts"] == 1


def test_two_urges_by_hand_are_the_two_the_criticism_waits_for(city):
    step = next(s for s in PRESETS["yuncheng"].escalation.steps if s.kind == "criticise")
    assert step.min_prompts == 2
    case = dispatched(city, "yuncheng", now=at("2026-03-02 09:00"))
    apply(case, "center_urge", actor=city.operator, now=at("2026-03-03 09:00"))
    case = apply(case, "center_urge", actor=city.supervisor, now=at("2026-03-04 09:00"), note="短信催办。")
    assert case.prompts == step.min_prompts


def test_the_text_is_optional(city):
    case = dispatched(city, "tongliao")
    assert apply(case, "center_urge", actor=city.operator).prompts == 1


def test_a_unit_cannot_urge(city):
    case = dispatched(city, "tongliao")
    refused(case, NotPermitted, "center_urge", actor=city.handler)


def test_no_urge_once_the_answer_is_with_the_center(city):
    case = dispatched(city, "yuncheng")
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body="已修复。")
    apply(case, "submit", actor=city.handler)
    refused(case, IllegalTransition, "center_urge", actor=city.operator)


def test_no_urge_before_dispatch(city):
    from tests.flow import registered

    case = registered(city, "tongliao")
    refused(case, IllegalTransition, "center_urge", actor=city.operator)
