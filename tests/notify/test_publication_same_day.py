"""Tongliao 第十二条: 运维中心以承办单位的回复意见当日在网站上公开答复. Whoever publishes is told at the
approval that it must be online that day; an answer still unpublished when the office opens on the
next working day is the center's lapse, taken up once (发布逾期督办) and told to the 受理员 and the
督查. Policies without the same-day rule leave it alone."""
from minpan.cases.models import Event
from minpan.cases.transitions import apply
from minpan.notify.models import Kind, Notification
from minpan.notify.sweep import sweep
from minpan.policies.presets import PRESETS
from tests.flow import at, dispatched, fresh
from tests.notify.handoff import Step, make_reachable
from tests.notify.helpers import sweep_through


def _approved(city, policy, when):
    case = apply(dispatched(city, policy, now=at(when)), "claim", actor=city.handler, now=at(when))
    apply(case, "draft", actor=city.handler, now=at(when), body="经核实，已安排维修，三日内修复。",
          handler_name="李工", handler_phone="0475-6123456")
    if PRESETS[policy].sign_off.level_for(case.channel):
        apply(case, "sign_off", actor=city.principal, now=at(when), sealed=True)
    apply(case, "submit", actor=city.handler, now=at(when))
    return apply(case, "approve", actor=city.reviewer, now=at(when))


def test_the_publisher_is_told_it_must_be_online_that_day(city, django_capture_on_commit_callbacks):
    make_reachable(city)
    case = apply(dispatched(city, "tongliao", now=at("2026-09-25 09:00")), "claim", actor=city.handler, now=at("2026-09-25 09:00"))
    apply(case, "draft", actor=city.handler, now=at("2026-09-25 09:30"), body="经核实，已安排维修，三日内修复。",
          handler_name="李工", handler_phone="0475-6123456")
    apply(case, "sign_off", actor=city.principal, now=at("2026-09-25 10:00"), sealed=True)
    apply(case, "submit", actor=city.handler, now=at("2026-09-25 10:30"))
    step = Step(django_capture_on_commit_callbacks, case, "approve", actor=city.reviewer, now=at("2026-09-25 11:00"))
    assert "须当日公开答复，即 2026年09月25日 24:00 前" in step.note_of("operator").body


def test_unpublished_on_friday_is_taken_up_when_the_office_opens_on_the_makeup_sunday(city):
    # 2026: Sunday 20 September is worked in place of the National Day holiday
    case = _approved(city, "tongliao", "2026-09-18 11:00")
    assert fresh(case).publish_step_at == at("2026-09-20 08:30")
    sweep_through("2026-09-18", "2026-09-19")
    assert not Event.objects.filter(case=case, action="publish_late").exists()
    sweep(at("2026-09-20 08:31"))
    sweep(at("2026-09-21 08:31"))  # once, not every day
    [event] = Event.objects.filter(case=case, action="publish_late")
    assert event.data["publish_due"] == "2026年09月18日 24:00"
    told = Notification.objects.filter(case=case, kind=Kind.PUBLISH_LATE)
    assert {n.recipient.get_username() for n in told} == {"operator", "supervisor"}
    assert "按规定应于 2026年09月18日 24:00 前在网站公开答复" in told[0].body
    assert fresh(case).state == "approved"  # publishing stays the 受理员's act
    assert apply(case, "publish", actor=city.operator, now=at("2026-09-20 09:00"), mode="public").state == "published"


def test_published_the_same_day_raises_nothing(city):
    case = _approved(city, "tongliao", "2026-09-25 11:00")
    apply(case, "publish", actor=city.operator, now=at("2026-09-25 16:00"), mode="public")
    sweep_through("2026-09-25", "2026-09-29")
    assert not Event.objects.filter(case=case, action="publish_late").exists()
    assert fresh(case).publish_step_at is None


def test_a_policy_without_the_same_day_rule_leaves_it_alone(city):
    case = _approved(city, "yuncheng", "2026-09-25 11:00")
    assert fresh(case).publish_step_at is None
    sweep_through("2026-09-25", "2026-09-29")
    assert not Event.objects.filter(case=case, action="publish_late").exists()
