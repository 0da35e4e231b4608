"""Yuncheng 五(三)(四) over National Day 2026: reminder before the deadline, 《催办通知书》 when it passes
without a reported reason, and after two prompts and 3 working days overdue a draft criticism for a leader."""
from minpan.cases.models import Event
from minpan.cases.transitions import apply
from minpan.notify.models import Letter, Notification
from tests.flow import at, dispatched
from tests.notify.helpers import steps, sweep_through


def test_reminder_notice_and_criticism_draft_across_national_day(city):
    # dispatched Mon 09-28: 09-29 (1), 09-30 (2), holiday 10-01..10-07, Thu 10-08 (3) → due 10-08 24:00
    case = dispatched(city, "yuncheng", now=at("2026-09-28 10:00"))
    assert case.due_at == at("2026-10-09 00:00")
    sweep_through("2026-09-28", "2026-10-16")
    # reminder: the working day before 10-08 is 09-30; 催办通知书 on Fri 10-09;
    # 3 working days overdue: 10-09 (1), Sat 10-10 makeup (2), Mon 10-12 (3) → draft on Tue 10-13
    assert steps(case) == [
        ("remind", "2026-09-30 08:31"),
        ("urge", "2026-10-09 08:31"),
        ("criticise", "2026-10-13 08:31"),
    ]
    assert Notification.objects.get(case=case, kind="remind").recipient == city.handler
    notice = Letter.objects.get(case=case, kind="urge")
    assert (notice.title, notice.state) == ("催办通知书", "issued")
    draft = Letter.objects.get(case=case, kind="criticise")
    assert draft.state == "draft" and "通报批评" in draft.title
    assert Notification.objects.filter(case=case, kind="criticise", recipient=city.leader).exists()


def test_a_unit_that_reported_its_reason_gets_no_notice_and_no_criticism(city):
    case = dispatched(city, "yuncheng", now=at("2026-09-28 10:00"))
    apply(case, "claim", actor=city.handler, now=at("2026-09-28 11:00"))
    apply(case, "explain_delay", actor=city.handler, now=at("2026-10-08 16:00"), reason="涉及多部门联合执法，节后方能现场处理")
    sweep_through("2026-09-28", "2026-10-16")
    assert steps(case) == [
        ("remind", "2026-09-30 08:31"),
        ("urge", "2026-10-09 08:31"),
        ("criticise", "2026-10-13 08:31"),
    ]
    skipped = Event.objects.filter(case=case, action__in=["urge", "criticise"]).values_list("data", flat=True)
    assert all(d["skipped"] == "承办单位已报告逾期理由" for d in skipped)
    assert not Letter.objects.filter(case=case).exists()
    assert not Notification.objects.filter(case=case, kind__in=["urge", "criticise"]).exists()


def test_an_approved_extension_brings_a_new_reminder_for_the_new_deadline(city):
    case = dispatched(city, "yuncheng", now=at("2026-09-28 10:00"))
    apply(case, "claim", actor=city.handler, now=at("2026-09-28 11:00"))
    sweep_through("2026-09-28", "2026-09-30")
    apply(case, "request_extension", actor=city.handler, now=at("2026-09-30 10:00"), days=2,
          reason="需协调供电公司", basis="《城市照明管理规定》第十条", promised_date="2026-10-10")
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-09-30 11:00"))
    # new deadline: 10-08 (3), 10-09 (4), Sat 10-10 makeup (5) → reminder on Fri 10-09
    assert case.due_at == at("2026-10-11 00:00")
    sweep_through("2026-09-30", "2026-10-10")
    assert steps(case) == [("remind", "2026-09-30 08:31"), ("remind", "2026-10-09 08:31")]
