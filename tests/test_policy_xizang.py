"""西藏自治区《人民网网友留言办理工作实施办法（试行）》(2017): the whole path under the xizang preset.

第五条(四): 10 个工作日内提供答复材料，办理时限从领办之日起计算；复杂的可延长，延长期限不得超过
20 个工作日；到期前一天催办提醒；逾期的提出延期办理书面申请。第五条(五): 当日书面退回并说明原因；
答非所问、敷衍塞责的退回重新办理。第五条(二)(三): 秘书长审定后上传公开，不宜公开的直接回复留言人；
办前联系、办后回访；主要领导批示的列为督办事项。第五条(六): 归档。
"""
import datetime as dt

import pytest
import time_machine

from minpan.cases.errors import IllegalTransition, NotPermitted, RuleViolation
from minpan.cases.models import Case, Event, ExtensionRequest
from minpan.cases.transitions import apply
from minpan.workdays.arith import SHANGHAI, deadline_day
from tests.flow import at, collect, dispatched, fresh

POLICY = "xizang"


def event_count(case) -> int:
    return Event.objects.filter(case=case).count()


def claimed(city, *, dispatch_at: str, claim_at: str, **kw) -> Case:
    case = dispatched(city, POLICY, now=at(dispatch_at), **kw)
    return apply(case, "claim", actor=city.handler, now=at(claim_at))


# 第五条(四): 延长办理期限的，及时向政府督查室报告工作进度
PROGRESS = "已现场核实，正在协调相关部门。"


def approved(city, case, *, now) -> Case:
    """第五条(二): 经政府督查室整理，报秘书长审定 — the reviewer prepares, the leader approves."""
    case = apply(case, "prepare", actor=city.reviewer, now=now)
    return apply(case, "approve", actor=city.leader, now=now)


def drafted(city, *, claim_at: str = "2026-02-12 09:00", draft_at: str = "2026-02-13 10:00", **kw) -> Case:
    case = claimed(city, dispatch_at=claim_at, claim_at=claim_at, **kw)
    # 第五条(二): 办前主动联系 the writer, before an answer can be submitted
    case = apply(case, "contact_writer", actor=city.handler, now=at(draft_at), note="办前电话联系留言人。")
    return apply(case, "draft", actor=city.handler, now=at(draft_at), body="经核实，路灯已于今日修复。")


# ---- the clock ---------------------------------------------------------------------------

def test_deadline_counts_from_the_day_the_unit_claims_it(city):
    case = dispatched(city, POLICY, now=at("2026-02-10 10:00"))
    assert case.state == "dispatched"
    assert case.clock_started_at is None
    assert case.due_at is None, "第五条(四): 办理时限从领办之日起计算，交办时尚未计时"

    case = apply(case, "claim", actor=city.handler, now=at("2026-02-12 09:00"))
    assert case.state == "in_progress"
    assert case.clock_started_at == at("2026-02-12 09:00")
    # Claimed Thu 2026-02-12 (not counted); 10 working days:
    #   02-13 Fri (1), 02-14 Sat makeup (2), 02-15..02-23 Spring Festival off,
    #   02-24 (3), 02-25 (4), 02-26 (5), 02-27 (6), 02-28 Sat makeup (7),
    #   03-02 (8), 03-03 (9), 03-04 Wed (10)  -> until 24:00 of 2026-03-04.
    assert deadline_day(case.due_at) == dt.date(2026, 3, 4)
    assert case.due_at == at("2026-03-05 00:00")
    # Counted from dispatch (Tue 02-10) it would have ended on 03-02: the claim day is what counts.
    assert deadline_day(case.due_at) != dt.date(2026, 3, 2)
    assert fresh(case).due_at == at("2026-03-05 00:00")


@pytest.mark.parametrize(
    "claim_at, expected",
    [
        # Fri 2025-01-24: 01-26 Sun makeup (1), 01-27 (2), 01-28..02-04 Spring Festival off,
        # 02-05 (3), 02-06 (4), 02-07 (5), 02-08 Sat makeup (6), 02-10 (7), 02-11 (8), 02-12 (9), 02-13 (10)
        ("2025-01-24 15:00", dt.date(2025, 2, 13)),
        # Fri 2025-09-26: 09-28 Sun makeup (1), 09-29 (2), 09-30 (3), 10-01..10-08 National Day off,
        # 10-09 (4), 10-10 (5), 10-11 Sat makeup (6), 10-13 (7), 10-14 (8), 10-15 (9), 10-16 (10)
        ("2025-09-26 15:00", dt.date(2025, 10, 16)),
        # Fri 2026-09-18: 09-20 Sun makeup (1), 09-21 (2), 09-22 (3), 09-23 (4), 09-24 (5),
        # 09-25 Fri Mid-Autumn off, 09-28 (6), 09-29 (7), 09-30 (8), 10-01..10-07 National Day off,
        # 10-08 (9), 10-09 (10)
        ("2026-09-18 15:00", dt.date(2026, 10, 9)),
    ],
)
def test_ten_working_day_deadline_skips_holiday_weeks_and_counts_makeup_days(city, claim_at, expected):
    day = claim_at[:10]
    case = claimed(city, dispatch_at=f"{day} 09:00", claim_at=claim_at)
    assert deadline_day(case.due_at) == expected
    assert case.due_at == dt.datetime.combine(expected + dt.timedelta(days=1), dt.time(0), tzinfo=SHANGHAI)
    assert not case.calendar_unverified


def test_reminder_goes_out_at_half_past_eight_on_the_working_day_before_the_deadline(city):
    # Claimed Tue 2026-02-03: 02-04 (1), 02-05 (2), 02-06 (3), 02-09 (4), 02-10 (5), 02-11 (6),
    # 02-12 (7), 02-13 (8), 02-14 Sat makeup (9), 02-15..02-23 off, 02-24 Tue (10).
    case = claimed(city, dispatch_at="2026-02-03 09:00", claim_at="2026-02-03 10:00")
    assert deadline_day(case.due_at) == dt.date(2026, 2, 24)
    # 第五条(四): 到期前一天仍未报送的催办提醒 -- the working day before 02-24 is the makeup Saturday 02-14.
    assert case.remind_at == dt.datetime(2026, 2, 14, 8, 30, tzinfo=SHANGHAI)
    assert case.remind_at.astimezone(SHANGHAI).time() == dt.time(8, 30)


def test_no_reminder_is_scheduled_before_the_unit_claims_the_case(city):
    case = dispatched(city, POLICY, now=at("2026-02-13 10:00"))
    assert case.remind_at is None


# ---- 退件 (return) -----------------------------------------------------------------------

def test_the_unit_may_return_it_in_writing_on_the_day_it_arrives(city):
    case = dispatched(city, POLICY, now=at("2026-02-13 10:00"))
    assert case.return_due_at == at("2026-02-14 00:00"), "第五条(五): 应在当日书面退回"

    case = apply(case, "return", actor=city.handler, now=at("2026-02-13 16:30"),
                 reason="路灯维护属城市管理部门职责，不属于本局职能范围。")
    assert case.state == "returned"
    assert case.lead_unit is None
    assert case.due_at is None and case.return_due_at is None
    lead = case.assignments.get(unit=city.housing)
    assert not lead.active
    assert lead.return_reason.startswith("路灯维护")
    assert lead.returned_at == at("2026-02-13 16:30")

    # The 督查室 dispatches it again; the new unit's clock starts when it claims.
    case = apply(case, "dispatch", actor=city.operator, now=at("2026-02-14 09:00"), lead=city.education)
    assert case.state == "dispatched"
    assert case.lead_unit == city.education
    assert case.due_at is None
    case = apply(case, "claim", actor=city.edu_handler, now=at("2026-02-14 10:00"))
    # Claimed Sat 2026-02-14 (makeup day): 02-24 (1) ... 02-28 Sat makeup (5), 03-02 (6) ... 03-06 (10)
    assert deadline_day(case.due_at) == dt.date(2026, 3, 6)
    with pytest.raises(NotPermitted):
        apply(case, "draft", actor=city.handler, now=at("2026-02-24 09:00"), body="……")


def test_a_return_may_be_made_after_claiming_as_long_as_it_is_the_same_day(city):
    case = claimed(city, dispatch_at="2026-02-13 09:00", claim_at="2026-02-13 09:30")
    case = apply(case, "return", actor=city.handler, now=at("2026-02-13 23:59"), reason="不属于本局职能。")
    assert case.state == "returned"
    assert case.clock_started_at is None


def test_a_return_the_next_day_is_refused_and_nothing_changes(city):
    case = dispatched(city, POLICY, now=at("2026-02-13 10:00"))
    events_before = event_count(case)
    with pytest.raises(RuleViolation, match="当日"):
        apply(case, "return", actor=city.handler, now=at("2026-02-14 09:00"), reason="不属于本局职能。")
    case = fresh(case)
    assert case.state == "dispatched"
    assert case.lead_unit == city.housing
    assert event_count(case) == events_before
    assert case.assignments.get(unit=city.housing).active


def test_a_return_must_give_the_reason(city):
    case = dispatched(city, POLICY, now=at("2026-02-13 10:00"))
    with pytest.raises(RuleViolation, match="退办原因"):
        apply(case, "return", actor=city.handler, now=at("2026-02-13 11:00"), reason="  ")
    assert fresh(case).state == "dispatched"


# ---- 延期 (extension) --------------------------------------------------------------------

def test_complex_case_is_extended_and_the_deadline_moves_by_the_approved_days(city):
    case = claimed(city, dispatch_at="2026-02-12 09:00", claim_at="2026-02-12 09:00")
    assert deadline_day(case.due_at) == dt.date(2026, 3, 4)

    case = apply(case, "request_extension", actor=city.handler, progress=PROGRESS, now=at("2026-02-26 10:00"),
                 days=5, reason="涉及多个部门，需现场勘查。")
    assert case.extension_pending
    assert deadline_day(case.due_at) == dt.date(2026, 3, 4), "申请待批时期限不变"
    with pytest.raises(NotPermitted):
        apply(case, "approve_extension", actor=city.principal, now=at("2026-02-26 11:00"))

    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-26 11:00"))
    assert not case.extension_pending
    assert case.extension_days == 5
    # 10 + 5 = 15 working days from 02-12: 03-04 (10), 03-05 (11), 03-06 (12), 03-09 (13), 03-10 (14), 03-11 (15)
    assert deadline_day(case.due_at) == dt.date(2026, 3, 11)
    assert ExtensionRequest.objects.get(case=case).state == "approved"


def test_extensions_may_add_up_to_twenty_working_days_and_no_more(city):
    case = claimed(city, dispatch_at="2026-02-12 09:00", claim_at="2026-02-12 09:00")
    with pytest.raises(RuleViolation, match="20|最多还能延长"):
        apply(case, "request_extension", actor=city.handler, progress=PROGRESS, now=at("2026-02-26 10:00"), days=21, reason="情况复杂。")
    assert not fresh(case).extension_pending

    case = apply(case, "request_extension", actor=city.handler, progress=PROGRESS, now=at("2026-02-26 10:00"), days=12, reason="情况复杂。")
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-26 11:00"))
    assert case.extension_days == 12

    with pytest.raises(RuleViolation, match="最多还能延长 8 个工作日"):
        apply(case, "request_extension", actor=city.handler, progress=PROGRESS, now=at("2026-03-10 10:00"), days=9, reason="仍需协调。")
    case = apply(case, "request_extension", actor=city.handler, progress=PROGRESS, now=at("2026-03-10 10:00"), days=8, reason="仍需协调。")
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-03-10 11:00"))
    assert case.extension_days == 20
    # 10 + 20 = 30 working days from Thu 02-12: 03-04 (10), 03-05..03-06 (12), 03-09..03-13 (17),
    # 03-16..03-20 (22), 03-23..03-27 (27), 03-30 (28), 03-31 (29), 04-01 Wed (30)
    assert deadline_day(case.due_at) == dt.date(2026, 4, 1)

    events_before = event_count(case)
    with pytest.raises(RuleViolation, match="最多还能延长 0 个工作日"):
        apply(case, "request_extension", actor=city.handler, progress=PROGRESS, now=at("2026-03-20 10:00"), days=1, reason="再延一天。")
    assert event_count(case) == events_before
    assert deadline_day(fresh(case).due_at) == dt.date(2026, 4, 1)


def test_a_written_extension_may_still_be_asked_after_the_deadline_passed(city):
    # 第五条(四): 逾期不能提供答复材料的，要向政府督查室提出延期办理书面申请
    case = claimed(city, dispatch_at="2026-02-12 09:00", claim_at="2026-02-12 09:00")
    assert case.due_at == at("2026-03-05 00:00")
    case = apply(case, "request_extension", actor=city.handler, progress=PROGRESS, now=at("2026-03-05 09:00"),
                 days=5, reason="逾期：需等待检测报告。", writer_note="需要等待专业检测报告，我们正在抓紧办理。")
    assert case.extension_pending
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-03-05 10:00"))
    # 10 + 5 from 02-12: 03-05 (11), 03-06 (12), 03-09 (13), 03-10 (14), 03-11 (15)
    assert deadline_day(case.due_at) == dt.date(2026, 3, 11)


def test_a_refused_extension_leaves_the_deadline_where_it_was(city):
    case = claimed(city, dispatch_at="2026-02-12 09:00", claim_at="2026-02-12 09:00")
    case = apply(case, "request_extension", actor=city.handler, progress=PROGRESS, now=at("2026-02-26 10:00"), days=5, reason="情况复杂。")
    with pytest.raises(RuleViolation, match="理由"):
        apply(case, "refuse_extension", actor=city.reviewer, now=at("2026-02-26 11:00"), decision_note="")
    case = apply(case, "refuse_extension", actor=city.reviewer, now=at("2026-02-26 11:00"), decision_note="事实清楚，应按期办结。")
    assert not case.extension_pending
    assert case.extension_days == 0
    assert deadline_day(case.due_at) == dt.date(2026, 3, 4)


# ---- the answer -------------------------------------------------------------------------

def test_there_is_no_unit_sign_off_the_reply_goes_straight_to_review(city):
    case = drafted(city)
    assert case.state == "drafted"
    events_before = event_count(case)
    with pytest.raises(RuleViolation, match="不设承办单位审签"):
        apply(case, "sign_off", actor=city.principal, now=at("2026-02-13 11:00"))
    assert fresh(case).state == "drafted"
    assert event_count(case) == events_before

    case = apply(case, "submit", actor=city.handler, now=at("2026-02-13 11:00"))
    assert case.state == "submitted"
    case = approved(city, case, now=at("2026-02-13 15:00"))
    assert case.state == "approved"


def test_only_the_secretary_general_approves_the_answer(city):
    # 第五条(二): 报自治区人民政府秘书长审定 — not the unit, not the 受理员, not the 督查室 itself
    case = apply(drafted(city), "submit", actor=city.handler, now=at("2026-02-13 11:00"))
    case = apply(case, "prepare", actor=city.reviewer, now=at("2026-02-13 12:00"))
    for someone in (city.principal, city.operator, city.reviewer):
        with pytest.raises(NotPermitted):
            apply(case, "approve", actor=someone, now=at("2026-02-13 12:00"))
    assert apply(case, "approve", actor=city.leader, now=at("2026-02-13 15:00")).state == "approved"


def test_a_perfunctory_answer_is_sent_back_for_redo_and_the_clock_keeps_running(city):
    case = apply(drafted(city), "submit", actor=city.handler, now=at("2026-02-13 11:00"))
    due = case.due_at
    assert deadline_day(due) == dt.date(2026, 3, 4)

    with pytest.raises(RuleViolation):
        apply(case, "send_back", actor=city.reviewer, now=at("2026-02-24 09:00"), reason="")
    case = apply(case, "send_back", actor=city.reviewer, now=at("2026-02-24 09:00"),
                 reason="答非所问：未说明修复时间。")
    assert case.state == "sent_back"
    assert case.send_back_count == 1
    assert case.due_at == due
    assert case.clock_started_at == at("2026-02-12 09:00")

    case = apply(case, "draft", actor=city.handler, now=at("2026-02-25 10:00"), body="路灯已于 2 月 25 日修复，并加强巡查。")
    assert case.replies.count() == 2
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-25 10:30"))
    assert case.due_at == due
    case = approved(city, case, now=at("2026-02-25 15:00"))
    assert case.state == "approved"


def test_an_answer_unfit_for_publication_goes_to_the_writer_alone_with_a_public_note(city):
    case = apply(drafted(city), "submit", actor=city.handler, now=at("2026-02-13 11:00"))
    case = approved(city, case, now=at("2026-02-13 15:00"))
    with pytest.raises(RuleViolation, match="公开说明"):
        apply(case, "publish", actor=city.operator, now=at("2026-02-13 16:00"), mode="private")
    assert fresh(case).state == "approved"

    case = apply(case, "publish", actor=city.operator, now=at("2026-02-13 16:00"), mode="private",
                 public_note="该留言涉及个人信息，已直接答复留言人。")
    assert case.state == "published"
    assert case.publish_mode == "private"
    assert case.public_note == "该留言涉及个人信息，已直接答复留言人。"
    assert case.answered_at == at("2026-02-13 16:00")


def test_an_answer_fit_for_publication_is_published_online(city):
    case = apply(drafted(city), "submit", actor=city.handler, now=at("2026-02-13 11:00"))
    case = approved(city, case, now=at("2026-02-13 15:00"))
    case = apply(case, "publish", actor=city.operator, now=at("2026-02-13 16:00"), mode="public")
    assert case.publish_mode == "public"
    assert case.due_at is None and case.remind_at is None


def test_a_writer_who_refused_publication_is_answered_privately(city):
    case = apply(drafted(city, may_publish=False), "submit", actor=city.handler, now=at("2026-02-13 11:00"))
    case = approved(city, case, now=at("2026-02-13 15:00"))
    with pytest.raises(RuleViolation, match="不同意公开"):
        apply(case, "publish", actor=city.operator, now=at("2026-02-13 16:00"), mode="public")


# ---- supervision, follow-up, archive ----------------------------------------------------

def test_a_leader_instruction_makes_it_a_supervised_case(city):
    case = claimed(city, dispatch_at="2026-02-12 09:00", claim_at="2026-02-12 09:00")
    assert not case.supervised
    with pytest.raises(NotPermitted):
        apply(case, "instruct", actor=city.handler, now=at("2026-02-13 09:00"), text="请抓紧办理。")
    with pytest.raises(RuleViolation, match="批示内容"):
        apply(case, "instruct", actor=city.leader, now=at("2026-02-13 09:00"), text="")

    case = apply(case, "instruct", actor=city.leader, now=at("2026-02-13 09:00"),
                 text="请住建局春节前解决，结果报我。", leader_name="主席")
    assert case.supervised
    assert case.state == "in_progress", "批示不改变办理状态"
    ev = case.events.order_by("-seq").first()
    assert ev.action == "instruct" and ev.actor == city.leader
    assert ev.data["text"] == "请住建局春节前解决，结果报我。"
    assert fresh(case).supervised


def test_a_case_is_not_archived_before_the_unit_calls_the_writer_back(city):
    case = apply(drafted(city), "submit", actor=city.handler, now=at("2026-02-13 11:00"))
    case = approved(city, case, now=at("2026-02-13 15:00"))
    case = apply(case, "publish", actor=city.operator, now=at("2026-02-13 16:00"), mode="public")
    assert case.callback_due, "第五条(二): 办后回访联系"
    with pytest.raises(RuleViolation, match="回访"):
        apply(case, "archive", actor=city.operator, now=at("2026-02-14 09:00"))
    case = apply(case, "callback", actor=city.handler, now=at("2026-02-14 10:00"), note="电话回访，留言人表示满意。")
    assert not case.callback_due
    case = apply(case, "archive", actor=city.operator, now=at("2026-02-14 11:00"))
    assert case.state == "archived"


def test_xizang_message_walks_from_the_chairman_board_to_the_archive(city):
    case = collect(POLICY, now=at("2026-02-10 09:00"))
    assert case.channel == "people_daily_chairman"
    case = apply(case, "accept", actor=city.operator, now=at("2026-02-10 09:30"))
    with pytest.raises(RuleViolation, match="不在本制度范围"):
        apply(case, "classify", actor=city.operator, now=at("2026-02-10 09:40"), msg_type="report", domain="urban")
    case = apply(case, "classify", actor=city.operator, now=at("2026-02-10 09:40"), msg_type="help", domain="urban")
    case = apply(case, "dispatch", actor=city.operator, now=at("2026-02-10 10:00"), lead=city.housing)
    assert case.due_at is None
    case = apply(case, "claim", actor=city.handler, now=at("2026-02-12 09:00"))
    assert deadline_day(case.due_at) == dt.date(2026, 3, 4)
    case = apply(case, "instruct", actor=city.leader, now=at("2026-02-12 15:00"), text="请抓紧解决。")
    # 办前主动联系 the writer
    case = apply(case, "contact_writer", actor=city.handler, now=at("2026-02-13 09:00"), note="办前电话联系留言人，了解具体位置。")
    # 第五条(四): 延长办理期限的，及时向政府督查室报告工作进度
    with pytest.raises(RuleViolation, match="工作进度"):
        apply(case, "request_extension", actor=city.handler, now=at("2026-02-27 09:00"), days=3, reason="需更换线缆，等待材料。")
    case = apply(case, "request_extension", actor=city.handler, progress=PROGRESS, now=at("2026-02-27 09:00"), days=3,
                 reason="需更换线缆，等待材料。")
    assert case.events.order_by("-seq").first().data["progress"] == PROGRESS
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-27 10:00"))
    # 10 + 3 from 02-12: 03-04 (10), 03-05 (11), 03-06 (12), 03-09 (13)
    assert deadline_day(case.due_at) == dt.date(2026, 3, 9)
    case = apply(case, "draft", actor=city.handler, now=at("2026-03-03 09:00"), body="已修复。")
    case = apply(case, "submit", actor=city.handler, now=at("2026-03-03 10:00"))
    case = apply(case, "send_back", actor=city.reviewer, now=at("2026-03-03 15:00"), reason="敷衍塞责：未说明后续维护安排。")
    assert deadline_day(case.due_at) == dt.date(2026, 3, 9)
    case = apply(case, "draft", actor=city.handler, now=at("2026-03-04 09:00"), body="已于 3 月 3 日修复，并纳入月度巡检。")
    case = apply(case, "submit", actor=city.handler, now=at("2026-03-04 10:00"))
    # 第五条(二): 经政府督查室整理，报秘书长审定 — the 秘书长 sends it back once, then approves
    with pytest.raises(RuleViolation, match="整理后报秘书长审定"):
        apply(case, "approve", actor=city.leader, now=at("2026-03-04 11:00"))
    case = apply(case, "prepare", actor=city.reviewer, now=at("2026-03-04 11:00"))
    case = apply(case, "return_prepared", actor=city.leader, now=at("2026-03-04 14:00"), reason="请写明巡检频次。")
    assert case.state == "submitted" and case.prepared_at is None
    case = apply(case, "prepare", actor=city.reviewer, now=at("2026-03-04 14:30"))
    case = apply(case, "approve", actor=city.leader, now=at("2026-03-04 15:00"))
    case = apply(case, "publish", actor=city.reviewer, now=at("2026-03-04 16:00"), mode="public")
    # 第五条(二): 上传人民网公开答复 — the government's answer on the 主席板块
    assert case.events.get(action="publish").data["places"] == ["people_daily_chairman"]
    assert case.public_copy.unit_name == "" and case.public_copy.signed_by == "市民盼中心"
    case = apply(case, "rate", actor=None, now=at("2026-03-05 12:00"), rating="satisfied", comment="很及时")
    with pytest.raises(RuleViolation, match="评价过"):
        apply(case, "rate", actor=None, now=at("2026-03-05 12:30"), rating="unsatisfied")
    case = apply(case, "callback", actor=city.handler, now=at("2026-03-06 09:00"), note="办后回访，路灯正常。")
    case = apply(case, "archive", actor=city.operator, now=at("2026-03-06 10:00"))

    case = fresh(case)
    assert case.state == "archived"
    assert case.supervised
    assert case.rating == "satisfied"
    assert case.archived_at == at("2026-03-06 10:00")
    assert case.due_at is None
    with pytest.raises(IllegalTransition):
        apply(case, "instruct", actor=city.leader, now=at("2026-03-07 10:00"), text="……")
    assert [e.action for e in case.events.all()] == [
        "collect", "accept", "classify", "dispatch", "claim", "instruct", "contact_writer",
        "request_extension", "approve_extension", "draft", "submit", "send_back", "draft", "submit",
        "prepare", "return_prepared", "prepare", "approve", "publish", "rate", "callback", "archive",
    ]


def test_time_can_also_be_set_with_time_machine(city):
    with time_machine.travel(at("2026-02-12 09:00"), tick=False):
        case = dispatched(city, POLICY)
        case = apply(case, "claim", actor=city.handler)
    assert deadline_day(case.due_at) == dt.date(2026, 3, 4)


def test_the_callback_is_recorded_on_the_reply_and_in_the_case_history(city):
    case = apply(drafted(city), "submit", actor=city.handler, now=at("2026-02-13 11:00"))
    case = approved(city, case, now=at("2026-02-13 15:00"))
    case = apply(case, "publish", actor=city.operator, now=at("2026-02-13 16:00"), mode="public")
    with pytest.raises(RuleViolation, match="回访情况"):
        apply(case, "callback", actor=city.handler, now=at("2026-02-14 10:00"), note="  ")
    with pytest.raises(NotPermitted):
        apply(case, "callback", actor=city.edu_handler, now=at("2026-02-14 10:00"), note="电话回访。")
    case = apply(case, "callback", actor=city.handler, now=at("2026-02-14 10:00"), note="电话回访，留言人表示满意。")
    assert case.callback_at == at("2026-02-14 10:00")
    assert case.replies.order_by("-version").first().callback_note == "电话回访，留言人表示满意。"
    assert case.events.order_by("-seq").first().note == "电话回访，留言人表示满意。"


def test_contacting_the_writer_before_handling_is_not_the_callback_after_it(city):
    # 第五条(二): 办前主动联系、办后回访联系 -- two contacts; the first does not stand for the second.
    case = claimed(city, dispatch_at="2026-02-12 09:00", claim_at="2026-02-12 09:00")
    case = apply(case, "contact_writer", actor=city.handler, now=at("2026-02-12 10:00"), note="办前联系，约定现场查看时间。")
    case = apply(case, "draft", actor=city.handler, now=at("2026-02-13 10:00"), body="路灯已修复。")
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-13 11:00"))
    case = approved(city, case, now=at("2026-02-13 15:00"))
    case = apply(case, "publish", actor=city.operator, now=at("2026-02-13 16:00"), mode="public")
    assert case.callback_due
    with pytest.raises(RuleViolation, match="回访"):
        apply(case, "archive", actor=city.operator, now=at("2026-02-14 09:00"))
    case = apply(case, "callback", actor=city.handler, now=at("2026-02-14 10:00"), note="办后回访，路灯正常。")
    assert apply(case, "archive", actor=city.operator, now=at("2026-02-14 11:00")).state == "archived"


def test_a_consultation_answered_by_the_center_is_archived_without_a_unit_callback(city):
    case = collect(POLICY, now=at("2026-02-13 09:00"))
    case = apply(case, "accept", actor=city.operator, now=at("2026-02-13 09:10"))
    case = apply(case, "classify", actor=city.operator, now=at("2026-02-13 09:20"), msg_type="consult", domain="urban")
    case = apply(case, "direct_answer", actor=city.operator, now=at("2026-02-13 09:30"), body="可登录政务服务网办理。")
    case = apply(case, "publish", actor=city.operator, now=at("2026-02-13 10:00"), mode="public")
    assert not case.callback_due, "no unit handled it, so no unit can call back"
    assert apply(case, "archive", actor=city.operator, now=at("2026-02-13 11:00")).state == "archived"


def test_no_reminder_once_the_answer_material_is_sent(city):
    # 第五条(四): 到期前一天仍未报送答复材料的进行催办提醒 — once submitted there is nothing to remind of
    case = dispatched(city, "xizang", now=at("2026-03-02 10:00"))
    apply(case, "claim", actor=city.handler, now=at("2026-03-02 11:00"))
    apply(case, "contact_writer", actor=city.handler, now=at("2026-03-02 15:00"), note="已电话联系留言人。")
    case = apply(case, "draft", actor=city.handler, now=at("2026-03-03 09:00"), body="已核实处理。")
    assert case.remind_at is not None
    case = apply(case, "submit", actor=city.handler, now=at("2026-03-03 10:00"))
    assert case.remind_at is None
