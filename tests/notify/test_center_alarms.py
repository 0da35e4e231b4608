"""What waits on the center is surfaced to it; the website-wide inspection alarms."""
from minpan.cases.transitions import apply
from minpan.notify.models import Notification
from minpan.notify.sweep import sweep
from tests.flow import at, collect, dispatched, registered
from tests.notify.helpers import steps, sweep_through


def test_an_extension_request_left_undecided_for_a_working_day_is_surfaced_to_reviewers(city):
    case = dispatched(city, "tongliao", now=at("2026-09-28 09:00"))
    apply(case, "claim", actor=city.handler, now=at("2026-09-28 10:00"))
    apply(case, "request_extension", actor=city.handler, now=at("2026-09-30 14:00"), days=2, reason="需协调供电公司")
    # 逐级 (第十四条): the wait on the center begins once the unit's leader has signed it up
    apply(case, "endorse_extension", actor=city.deputy, now=at("2026-09-30 15:00"))
    # asked Wed 09-30; a whole working day after it is Thu 10-08 (the holiday in between does not count)
    sweep_through("2026-09-30", "2026-10-09")
    assert ("nudge", "2026-10-09 08:31") in steps(case)
    assert Notification.objects.get(case=case, kind="nudge_extension").recipient == city.reviewer


def test_a_decided_request_is_not_surfaced(city):
    case = dispatched(city, "tongliao", now=at("2026-09-28 09:00"))
    apply(case, "claim", actor=city.handler, now=at("2026-09-28 10:00"))
    apply(case, "request_extension", actor=city.handler, now=at("2026-09-29 15:00"), days=2, reason="需协调")
    apply(case, "endorse_extension", actor=city.deputy, now=at("2026-09-29 15:30"))
    apply(case, "approve_extension", actor=city.reviewer, now=at("2026-09-29 16:00"))
    sweep_through("2026-09-29", "2026-10-09")
    assert "nudge" not in [k for k, _ in steps(case)]


def test_a_returned_case_not_redispatched_is_surfaced_to_operators(city):
    case = dispatched(city, "tongliao", now=at("2026-03-02 09:00"))
    apply(case, "return", actor=city.deputy, now=at("2026-03-02 16:00"), reason="属教育局职责")
    sweep_through("2026-03-02", "2026-03-05")
    assert steps(case) == [("nudge", "2026-03-04 08:31")]
    assert Notification.objects.get(case=case, kind="nudge_return").recipient == city.operator


def test_a_valid_message_unanswered_for_sixty_days_raises_the_alarm_once(city):
    case = registered(city, "tongliao", now=at("2026-03-02 09:00"))
    sweep(at("2026-04-30 09:00"))
    assert Notification.objects.filter(case=case, kind="alarm_unanswered").count() == 0
    sweep(at("2026-05-06 09:00"))  # 60 days is Fri 05-01, a holiday: the alarm waits for Wed 05-06
    sweep(at("2026-05-07 09:00"))
    assert Notification.objects.filter(case=case, kind="alarm_unanswered", recipient=city.operator).count() == 1


def test_a_message_not_accepted_never_raises_the_alarm(city):
    case = collect("tongliao", now=at("2026-03-02 09:00"))
    apply(case, "not_accept", actor=city.operator, now=at("2026-03-02 10:00"), reason="legal_process",
          explanation="该事项已进入诉讼程序。", suggested_channel="请向人民法院了解进展。")
    sweep(at("2026-06-01 09:00"))
    assert not Notification.objects.filter(case=case).exists()


def test_no_reply_published_for_45_days_warns_the_center_once_a_day(city):
    registered(city, "tongliao", now=at("2026-03-02 09:00"))
    assert sweep(at("2026-04-15 09:00"))["no_reply_alarm"] == 0
    assert sweep(at("2026-04-17 09:00"))["no_reply_alarm"] == 1
    assert sweep(at("2026-04-17 15:00"))["no_reply_alarm"] == 0
    assert sweep(at("2026-04-18 09:00"))["no_reply_alarm"] == 1
    note = Notification.objects.filter(kind="alarm_no_reply", recipient=city.operator).order_by("created_at").first()
    assert "46 天" in note.title
