"""Tongliao 第十三条 (reminder the day before, to the principal) and 第十九、二十条 (提醒 → 催办 → 督办 → 移交)
on the Spring Festival 2026 week."""
from minpan.notify.models import Letter, Notification
from tests.flow import at, dispatched
from tests.notify.helpers import steps, sweep_through


def test_reminder_fires_on_the_makeup_saturday_before_spring_festival(city):
    # dispatched Tue 02-10: 02-11 (1), 02-12 (2), 02-13 (3), Sat 02-14 makeup (4), Tue 02-24 (5)
    case = dispatched(city, "tongliao", now=at("2026-02-10 10:00"))
    assert case.due_at == at("2026-02-25 00:00")
    sweep_through("2026-02-10", "2026-02-24")
    assert steps(case) == [("remind", "2026-02-14 08:31")]
    note = Notification.objects.get(case=case, kind="remind")
    assert note.recipient == city.principal
    assert "2026年02月24日 24:00" in note.body


def test_the_ladder_climbs_on_working_days_and_rests_over_the_holiday(city):
    # Each step goes out when the office opens on the working day after its threshold.
    # dispatched Wed 02-04: due Wed 02-11 → 催办 Thu 02-12;
    # 3 working days overdue = 02-12, 02-13, Sat 02-14 → 督办 on Tue 02-24, after the holiday;
    # 10 working days: 02-24 (4), 02-25 (5), 02-26 (6), 02-27 (7), Sat 02-28 makeup (8), 03-02 (9), 03-03 (10)
    # → 移交 on 03-04
    case = dispatched(city, "tongliao", now=at("2026-02-04 10:00"))
    sweep_through("2026-02-04", "2026-03-06")
    assert steps(case) == [
        ("remind", "2026-02-10 08:31"),
        ("urge", "2026-02-12 08:31"),
        ("supervise", "2026-02-24 08:31"),
        ("transfer", "2026-03-04 08:31"),
    ]
    letters = {letter.kind: letter for letter in Letter.objects.filter(case=case)}
    assert letters["supervise"].state == "issued" and letters["supervise"].title == "督办通知"
    assert letters["transfer"].state == "draft" and "纪检监察机关" in letters["transfer"].body
    assert letters["supervise"].number.startswith("督办〔2026〕")
    assert set(Notification.objects.filter(case=case, kind="transfer").values_list("recipient__username", flat=True)) == {"supervisor", "leader"}


def test_an_answer_submitted_in_time_stops_the_ladder(city):
    from minpan.cases.transitions import apply

    case = dispatched(city, "tongliao", now=at("2026-02-04 10:00"))
    apply(case, "claim", actor=city.handler, now=at("2026-02-04 11:00"))
    apply(case, "draft", actor=city.handler, now=at("2026-02-09 10:00"), body="已修复。", handler_name="李工", handler_phone="0475-1")
    apply(case, "sign_off", actor=city.principal, now=at("2026-02-09 11:00"), sealed=True)
    apply(case, "submit", actor=city.handler, now=at("2026-02-09 12:00"))
    sweep_through("2026-02-04", "2026-03-06")
    # 第十三条 reminds until the answer is published, so the reminder still comes; nothing after the deadline
    assert steps(case) == [("remind", "2026-02-10 08:31")]
