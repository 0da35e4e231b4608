"""The other three presets' ladders, on National Day and Spring Festival 2026."""
from minpan.cases.transitions import apply
from minpan.notify.models import Letter, Notification
from tests.flow import at, dispatched
from tests.notify.helpers import steps, sweep_through


def test_naiman_sends_no_reminder_and_drafts_a_criticism_when_the_deadline_passes(city):
    # 第十七、十八条. Dispatched Mon 09-28: 09-29 (1), 09-30 (2), 10-08 (3), 10-09 (4), Sat 10-10 makeup (5)
    case = dispatched(city, "naiman", now=at("2026-09-28 10:00"))
    assert case.due_at == at("2026-10-11 00:00")
    sweep_through("2026-09-28", "2026-10-14")
    # the deadline passes on Saturday night; the draft comes when the office opens on Monday
    assert steps(case) == [("criticise", "2026-10-12 08:31")]
    assert Letter.objects.get(case=case).state == "draft"


def test_xizang_counts_from_the_claim_and_supervises_when_overdue(city):
    # 第五条(四). Dispatched Fri 02-06, claimed Mon 02-09: 02-10 (1) … 02-13 (4), Sat 02-14 (5),
    # 02-24 (6), 02-25 (7), 02-26 (8), 02-27 (9), Sat 02-28 (10) → reminder Fri 02-27, 督办 Mon 03-02
    case = dispatched(city, "xizang", now=at("2026-02-06 10:00"))
    sweep_through("2026-02-06", "2026-02-08")
    assert steps(case) == []  # no clock before the claim
    apply(case, "claim", actor=city.handler, now=at("2026-02-09 09:00"))
    sweep_through("2026-02-09", "2026-03-03")
    assert steps(case) == [("remind", "2026-02-27 08:31"), ("supervise", "2026-03-02 08:31")]
    assert Notification.objects.filter(case=case, kind="supervise", recipient=city.supervisor).exists()


def test_chizhou_supervises_in_writing_then_flags_accountability(city):
    # 第九条(三)(四). Dispatched Mon 09-21: 7 working days: 09-22 (1) … 09-24 (3), [09-25..27 Mid-Autumn],
    # 09-28 (4), 09-29 (5), 09-30 (6), [10-01..07], 10-08 (7) → 督办通知 on 10-09;
    # 5 working days overdue: 10-09, 10-10, 10-12, 10-13, 10-14 → 问责 on 10-15
    case = dispatched(city, "chizhou", channel="mayor_mailbox", now=at("2026-09-21 10:00"))
    assert case.due_at == at("2026-10-09 00:00")
    sweep_through("2026-09-21", "2026-10-16")
    assert steps(case) == [
        ("remind", "2026-09-30 08:31"),
        ("supervise", "2026-10-09 08:31"),
        ("account", "2026-10-15 08:31"),
    ]
    assert Letter.objects.get(case=case, kind="supervise").title == "书面督办通知"


def test_a_leader_instructed_case_is_reminded_a_day_earlier_and_watched_on_site(city):
    case = dispatched(city, "chizhou", channel="mayor_mailbox", now=at("2026-09-21 10:00"))
    apply(case, "instruct", actor=city.leader, now=at("2026-09-21 15:00"), text="请住建局抓紧办理，督查室跟踪。")
    sweep_through("2026-09-21", "2026-10-09")
    assert steps(case)[:2] == [("remind", "2026-09-29 08:31"), ("supervise", "2026-10-09 08:31")]
    assert Notification.objects.filter(case=case, kind="remind", recipient=city.supervisor).exists()
    assert "实地督查" in Notification.objects.filter(case=case, kind="supervise").first().body
