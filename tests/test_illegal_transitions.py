"""Every move the table does not allow is refused, naming the case, its state and the action."""
import pytest

from minpan.cases.errors import IllegalTransition, NotPermitted
from minpan.cases.models import Case, Event
from minpan.cases.states import Action, State
from minpan.cases.transitions import TABLE, apply
from tests.flow import dispatched, registered


def test_every_action_outside_its_source_states_is_refused(city):
    case = registered(city, "tongliao")
    events_before = Event.objects.filter(case=case).count()
    refused = 0
    for state in State:
        # Placing the case in each state directly is test set-up only; the point is what apply() refuses.
        Case.objects.filter(pk=case.pk).update(state=state)
        for action, move in TABLE.items():
            if state in move.sources:
                continue
            with pytest.raises(IllegalTransition) as err:
                apply(case, action, actor=city.operator)
            message = str(err.value)
            assert case.reg_no in message
            assert f"“{state.label}”" in message
            assert f"“{action.label}”" in message
            assert Case.objects.get(pk=case.pk).state == state
            refused += 1
    assert refused > 200
    assert Event.objects.filter(case=case).count() == events_before


def test_an_operator_cannot_claim_for_a_unit(city):
    case = dispatched(city, "tongliao")
    with pytest.raises(NotPermitted, match="牵头单位"):
        apply(case, Action.CLAIM, actor=city.operator)
    assert Case.objects.get(pk=case.pk).state == State.DISPATCHED


def test_a_handler_of_another_unit_cannot_claim(city):
    case = dispatched(city, "tongliao")
    with pytest.raises(NotPermitted):
        apply(case, Action.CLAIM, actor=city.edu_handler)
    assert Case.objects.get(pk=case.pk).state == State.DISPATCHED


def test_a_unit_handler_cannot_approve_its_own_reply(city):
    case = dispatched(city, "yuncheng")
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body="已处理。")
    apply(case, "submit", actor=city.handler)
    with pytest.raises(NotPermitted, match="审核员"):
        apply(case, Action.APPROVE, actor=city.handler)
    assert Case.objects.get(pk=case.pk).state == State.SUBMITTED


def test_staff_cannot_rate_in_the_citizens_place(city):
    case = registered(city, "tongliao")
    Case.objects.filter(pk=case.pk).update(state=State.PUBLISHED)
    with pytest.raises(NotPermitted, match="留言人"):
        apply(case, Action.RATE, actor=city.operator, rating="satisfied")


def test_an_anonymous_request_changes_nothing(city):
    case = registered(city, "tongliao")
    with pytest.raises(NotPermitted, match="登录"):
        apply(case, Action.DISPATCH, actor=None, lead=city.housing)
    assert Case.objects.get(pk=case.pk).state == State.REGISTERED


def test_an_inactive_user_cannot_act(city):
    case = registered(city, "tongliao")
    city.operator.is_active = False
    city.operator.save()
    with pytest.raises(NotPermitted):
        apply(case, Action.DISPATCH, actor=city.operator, lead=city.housing)
