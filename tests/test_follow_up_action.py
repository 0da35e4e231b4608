"""追问: after rating the answer 不满意 the writer may follow up once, with a short text; it goes
back to the center to be answered by a callback."""
import pytest

from minpan.cases.errors import IllegalTransition, NotPermitted, RuleViolation
from minpan.cases.transitions import apply
from tests.flow import at, dispatched, fresh, refused

FOLLOW_UP = "路灯修好两天又不亮了，请再派人看看线路。"


def published(city, policy="tongliao"):
    case = dispatched(city, policy, now=at("2026-03-02 09:00"))
    apply(case, "claim", actor=city.handler, now=at("2026-03-02 10:00"))
    apply(case, "draft", actor=city.handler, now=at("2026-03-03 10:00"), body="已安排维修，三日内修复。", handler_name="李工", handler_phone="0475-8123456")
    apply(case, "sign_off", actor=city.principal, now=at("2026-03-03 11:00"), sealed=True)
    apply(case, "submit", actor=city.handler, now=at("2026-03-03 12:00"))
    apply(case, "approve", actor=city.reviewer, now=at("2026-03-03 14:00"))
    return apply(case, "publish", actor=city.operator, now=at("2026-03-03 15:00"), mode="public")


def rated(city, rating="unsatisfied"):
    case = published(city)
    return apply(case, "rate", now=at("2026-03-04 09:00"), rating=rating, comment="还是不亮")


def test_writer_follows_up_an_answer_rated_unsatisfied(city):
    case = rated(city)
    apply(case, "follow_up", now=at("2026-03-04 10:00"), text=f"  {FOLLOW_UP}  ")
    case = fresh(case)
    assert (case.state, case.follow_up, case.follow_up_at) == ("published", FOLLOW_UP, at("2026-03-04 10:00"))
    assert case.callback_due is True
    event = case.events.order_by("-seq").first()
    assert (event.action, event.role, event.actor_id) == ("follow_up", "citizen", None)


def test_the_event_records_that_a_follow_up_came_not_its_text(city):
    case = rated(city)
    apply(case, "follow_up", now=at("2026-03-04 10:00"), text=FOLLOW_UP)
    event = fresh(case).events.order_by("-seq").first()
    assert event.data == {"length": len(FOLLOW_UP)} and event.note == ""
    assert "路灯" not in str(event.data)


@pytest.mark.parametrize("rating", ["satisfied", "basically"])
def test_no_follow_up_after_a_rating_other_than_unsatisfied(city, rating):
    case = rated(city, rating)
    refused(case, RuleViolation, "follow_up", text=FOLLOW_UP)


def test_no_follow_up_before_rating(city):
    refused(published(city), RuleViolation, "follow_up", text=FOLLOW_UP)


def test_only_one_follow_up(city):
    case = rated(city)
    apply(case, "follow_up", now=at("2026-03-04 10:00"), text=FOLLOW_UP)
    after = refused(case, RuleViolation, "follow_up", text="第二次追问：还是没有人来修路灯。")
    assert after.follow_up == FOLLOW_UP


def test_a_callback_answers_it_and_a_second_is_still_refused(city):
    case = rated(city)
    apply(case, "follow_up", now=at("2026-03-04 10:00"), text=FOLLOW_UP)
    apply(case, "callback", actor=city.handler, now=at("2026-03-05 10:00"), note="已电话说明线路改造安排")
    assert fresh(case).callback_due is False
    refused(case, RuleViolation, "follow_up", text=FOLLOW_UP)


@pytest.mark.parametrize("text", ["", "   ", "太短了", "字" * 9, "字" * 1001])
def test_follow_up_length_is_10_to_1000_characters(city, text):
    refused(rated(city), RuleViolation, "follow_up", text=text)


@pytest.mark.parametrize("text", ["字" * 10, "字" * 1000])
def test_follow_up_of_10_and_of_1000_characters_is_taken(city, text):
    case = rated(city)
    apply(case, "follow_up", text=text)
    assert fresh(case).follow_up == text


def test_only_the_writer_follows_up(city):
    refused(rated(city), NotPermitted, "follow_up", actor=city.operator, text=FOLLOW_UP)


def test_no_follow_up_before_the_answer_is_published(city):
    case = dispatched(city, "tongliao", now=at("2026-03-02 09:00"))
    with pytest.raises(IllegalTransition):
        apply(case, "follow_up", text=FOLLOW_UP)
