"""运城市集中受理网民留言工作实施方案（运政办发〔2020〕20号）: the whole path, with its own numbers.

The document has sections, not articles: 五(三) = 五、运行机制（三）跟踪督办、限时办结.
- 3 个工作日内办结 from receipt of the 转办卡;
- 《延长办理卡》 before the deadline, with the promised time, basis and reason (no upper limit);
- return within 1 working day counted from the day after receipt, with reason and basis;
- a reminder by phone or SMS before the deadline; no unit sign-off.

Calendar used (State Council schedule, seeded by the workdays migration):
- Spring Festival 2026: Sat 02-14 makeup, 02-15..02-23 holiday, Sat 02-28 makeup.
- National Day 2026: 10-01..10-07 holiday, Sat 10-10 makeup.
- Spring Festival 2025: Sun 01-26 makeup, 01-28..02-04 holiday, Sat 02-08 makeup.
"""
import pytest

from minpan.cases.errors import NotPermitted, RuleViolation
from minpan.cases.models import Assignment, ExtensionState
from minpan.cases.transitions import apply
from tests.flow import at, dispatched, fresh, refused, registered

POLICY = "yuncheng"
BASIS = "《运城市城市照明设施管理办法》第十二条：路灯维修由属地街道负责。"


def received_before_spring_festival(city, **kw):
    # The unit receives the 转办卡 on Friday 2026-02-13.
    return dispatched(city, POLICY, now=at("2026-02-13 10:00"), **kw)


def claimed(city):
    case = received_before_spring_festival(city)
    return apply(case, "claim", actor=city.handler, now=at("2026-02-13 11:00"))


# ---- 五(三): 3 个工作日内办结 -------------------------------------------------------------------

def test_answer_deadline_is_three_working_days_from_receipt_across_spring_festival(city):
    case = received_before_spring_festival(city)
    # receipt Fri 02-13; 1 = Sat 02-14 (makeup), 02-15..02-23 holiday, 2 = Tue 02-24,
    # 3 = Wed 02-25 -> 24:00 of 2026-02-25
    assert case.clock_started_at == at("2026-02-13 10:00")
    assert case.due_at == at("2026-02-26 00:00")
    assert case.calendar_unverified is False


def test_answer_deadline_across_national_day_2026_falls_on_the_makeup_saturday(city):
    case = dispatched(city, POLICY, now=at("2026-09-30 10:00"))
    # receipt Wed 09-30; 10-01..10-07 holiday, 1 = Thu 10-08, 2 = Fri 10-09,
    # 3 = Sat 10-10 (makeup) -> 24:00 of 2026-10-10
    assert case.due_at == at("2026-10-11 00:00")


def test_answer_deadline_across_spring_festival_2025_counts_the_makeup_sunday(city):
    case = dispatched(city, POLICY, now=at("2025-01-24 10:00"))
    # receipt Fri 01-24; Sat 01-25 off, 1 = Sun 01-26 (makeup), 2 = Mon 01-27,
    # 01-28..02-04 holiday, 3 = Wed 02-05 -> 24:00 of 2025-02-05
    assert case.due_at == at("2025-02-06 00:00")


def test_claiming_does_not_restart_the_clock(city):
    case = received_before_spring_festival(city)
    case = apply(case, "claim", actor=city.handler, now=at("2026-02-24 09:00"))
    assert case.clock_started_at == at("2026-02-13 10:00")
    assert case.due_at == at("2026-02-26 00:00")


# ---- 五(三): 办理时限届满前催办 ----------------------------------------------------------------

def test_handler_is_reminded_on_the_working_day_before_the_deadline(city):
    case = received_before_spring_festival(city)
    # deadline day Wed 02-25; the working day before it is Tue 02-24
    assert case.remind_at == at("2026-02-24 08:30")


def test_reminder_before_a_makeup_saturday_deadline_comes_on_friday(city):
    case = dispatched(city, POLICY, now=at("2026-09-30 10:00"))
    # deadline day Sat 10-10 (makeup); the working day before it is Fri 10-09
    assert case.remind_at == at("2026-10-09 08:30")


def test_reminder_before_a_deadline_just_after_the_holiday_comes_before_the_holiday(city):
    case = dispatched(city, POLICY, now=at("2025-01-24 10:00"))
    # deadline day Wed 02-05; 01-28..02-04 is the holiday, so the working day before is Mon 01-27
    assert case.remind_at == at("2025-01-27 08:30")


# ---- 五(三): 次日起 1 个工作日内退回，说明理由和依据 ----------------------------------------------

def test_return_window_is_the_first_working_day_after_receipt(city):
    case = received_before_spring_festival(city)
    # receipt Fri 02-13; the day after, Sat 02-14, is a makeup working day -> window ends 24:00 of 02-14
    assert case.return_due_at == at("2026-02-15 00:00")


def test_return_window_runs_past_the_national_day_holiday(city):
    case = dispatched(city, POLICY, now=at("2026-09-30 10:00"))
    # receipt Wed 09-30; 10-01..10-07 holiday; 1 working day = Thu 10-08 -> 24:00 of 10-08
    assert case.return_due_at == at("2026-10-09 00:00")
    case = apply(case, "return", actor=city.handler, now=at("2026-10-08 17:00"),
                 reason="此事属教育系统管辖。", basis=BASIS)
    assert case.state == "returned"


def test_handler_returns_the_case_with_reason_and_basis_and_the_center_redispatches(city):
    case = received_before_spring_festival(city)
    case = apply(case, "claim", actor=city.handler, now=at("2026-02-13 11:00"))
    case = apply(case, "return", actor=city.handler, now=at("2026-02-14 11:00"),
                 reason="路灯维修不属于本局职责。", basis=BASIS)
    assert case.state == "returned"
    assert case.lead_unit is None and case.due_at is None and case.clock_started_at is None
    returned = Assignment.objects.get(case=case, unit=city.housing)
    assert returned.active is False
    assert returned.returned_at == at("2026-02-14 11:00")
    assert returned.return_reason == "路灯维修不属于本局职责。"
    assert returned.return_basis == BASIS
    assert returned.return_signed_by is None  # the document asks no leader's signature

    case = apply(case, "dispatch", actor=city.operator, now=at("2026-02-24 09:00"), lead=city.education)
    assert case.state == "dispatched" and case.lead_unit == city.education
    # new receipt Tue 02-24; 1 = 02-25, 2 = 02-26, 3 = Fri 02-27 -> 24:00 of 2026-02-27
    assert case.due_at == at("2026-02-28 00:00")
    # return window: the day after, Wed 02-25
    assert case.return_due_at == at("2026-02-26 00:00")
    refused(case, NotPermitted, "claim", actor=city.handler, now=at("2026-02-24 10:00"))
    case = apply(case, "claim", actor=city.edu_handler, now=at("2026-02-24 10:00"))
    assert case.state == "in_progress"


def test_return_on_the_day_of_receipt_is_inside_the_window(city):
    case = received_before_spring_festival(city)
    case = apply(case, "return", actor=city.deputy, now=at("2026-02-13 15:00"), reason="非本局职责。", basis=BASIS)
    assert case.state == "returned"


def test_return_needs_both_reason_and_basis(city):
    case = received_before_spring_festival(city)
    refused(case, RuleViolation, "return", actor=city.handler, now=at("2026-02-14 09:00"), reason="非本局职责。")
    refused(case, RuleViolation, "return", actor=city.handler, now=at("2026-02-14 09:00"),
            reason="非本局职责。", basis="  ")
    refused(case, RuleViolation, "return", actor=city.handler, now=at("2026-02-14 09:00"), reason="", basis=BASIS)
    assert not Assignment.objects.filter(case=case, returned_at__isnull=False).exists()


def test_unit_cannot_return_after_the_first_working_day_after_receipt(city):
    case = received_before_spring_festival(city)
    # the window closed at 24:00 of Sat 02-14; the holiday does not reopen it
    refused(case, RuleViolation, "return", actor=city.handler, now=at("2026-02-15 00:00"),
            reason="非本局职责。", basis=BASIS)
    after = refused(case, RuleViolation, "return", actor=city.handler, now=at("2026-02-24 09:00"),
                    reason="非本局职责。", basis=BASIS)
    assert after.state == "dispatched"
    assert after.assignments.filter(active=True, unit=city.housing).exists()


def test_unit_cannot_return_on_monday_when_the_makeup_sunday_was_the_window(city):
    case = dispatched(city, POLICY, now=at("2025-01-24 10:00"))
    # receipt Fri 01-24; the first working day after it is Sun 01-26 (makeup)
    assert case.return_due_at == at("2025-01-27 00:00")
    refused(case, RuleViolation, "return", actor=city.handler, now=at("2025-01-27 09:00"),
            reason="非本局职责。", basis=BASIS)


# ---- 五(三): 《延长办理卡》 ------------------------------------------------------------------

def test_approved_extension_card_moves_the_deadline_by_its_working_days(city):
    case = claimed(city)
    case = apply(case, "request_extension", actor=city.handler, now=at("2026-02-25 10:00"),
                 days=3, promised_date="2026-02-28", basis=BASIS, reason="需协调供电公司更换线路。")
    assert case.extension_pending is True
    assert case.due_at == at("2026-02-26 00:00")
    req = case.extensions.get()
    assert req.promised_date.isoformat() == "2026-02-28" and req.basis == BASIS
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-25 14:00"))
    # 3 + 3 = 6 working days after Fri 02-13: 02-14, 02-24, 02-25, 02-26, 02-27,
    # 6 = Sat 02-28 (makeup) -> 24:00 of 2026-02-28
    assert case.due_at == at("2026-03-01 00:00")
    assert case.remind_at == at("2026-02-27 08:30")
    assert case.extension_days == 3 and case.extension_pending is False
    assert case.extensions.get().state == ExtensionState.APPROVED


def test_extension_card_needs_a_promised_date_and_a_basis(city):
    case = claimed(city)
    refused(case, RuleViolation, "request_extension", actor=city.handler, now=at("2026-02-24 10:00"),
            days=2, basis=BASIS, reason="需协调。")
    refused(case, RuleViolation, "request_extension", actor=city.handler, now=at("2026-02-24 10:00"),
            days=2, promised_date="2026-02-27", reason="需协调。")
    refused(case, RuleViolation, "request_extension", actor=city.handler, now=at("2026-02-24 10:00"),
            days=2, promised_date="2026-02-27", basis=BASIS, reason="")
    refused(case, RuleViolation, "request_extension", actor=city.handler, now=at("2026-02-24 10:00"),
            days=2, promised_date="2026-02-13", basis=BASIS, reason="需协调。")
    assert not fresh(case).extensions.exists()


def test_extension_card_after_the_deadline_is_refused(city):
    case = claimed(city)
    # the deadline is 24:00 of Wed 02-25
    refused(case, RuleViolation, "request_extension", actor=city.handler, now=at("2026-02-26 00:00"),
            days=2, promised_date="2026-02-28", basis=BASIS, reason="来不及。")
    refused(case, RuleViolation, "request_extension", actor=city.handler, now=at("2026-02-26 09:00"),
            days=2, promised_date="2026-02-28", basis=BASIS, reason="来不及。")


def test_document_sets_no_upper_limit_on_extensions(city):
    case = dispatched(city, POLICY, now=at("2026-09-30 10:00"))
    case = apply(case, "claim", actor=city.handler, now=at("2026-10-08 09:00"))
    case = apply(case, "request_extension", actor=city.handler, now=at("2026-10-09 10:00"),
                 days=10, promised_date="2026-10-23", basis=BASIS, reason="涉及多个部门，需召开协调会。")
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-10-09 15:00"))
    # 3 + 10 = 13 working days after Wed 09-30: 10-08, 10-09, Sat 10-10 (makeup), 10-12..10-16,
    # 10-19..10-23 -> 13th = Fri 10-23 -> 24:00 of 2026-10-23
    assert case.due_at == at("2026-10-24 00:00")
    case = apply(case, "request_extension", actor=city.handler, now=at("2026-10-22 10:00"),
                 days=5, promised_date="2026-10-30", basis=BASIS, reason="协调会改期。")
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-10-22 15:00"))
    # 18 working days: 10-26..10-30 -> 24:00 of Fri 2026-10-30
    assert case.due_at == at("2026-10-31 00:00")
    assert case.extension_days == 15 and case.extension_count == 2


def test_only_the_mayor_mailbox_reviewer_decides_an_extension(city):
    case = claimed(city)
    case = apply(case, "request_extension", actor=city.handler, now=at("2026-02-24 10:00"),
                 days=1, promised_date="2026-02-26", basis=BASIS, reason="需协调。")
    refused(case, NotPermitted, "approve_extension", actor=city.principal, now=at("2026-02-24 11:00"))
    case = apply(case, "refuse_extension", actor=city.reviewer, now=at("2026-02-24 11:00"), decision_note="可按期办结。")
    assert case.due_at == at("2026-02-26 00:00") and case.extension_days == 0


# ---- no unit sign-off; the whole path ----------------------------------------------------------

def test_document_has_no_unit_sign_off_so_the_handler_submits_the_draft(city):
    case = claimed(city)
    case = apply(case, "draft", actor=city.handler, now=at("2026-02-14 10:00"), body="路灯已修复。")
    refused(case, RuleViolation, "sign_off", actor=city.principal, now=at("2026-02-14 11:00"), sealed=True)
    refused(case, RuleViolation, "sign_off", actor=city.deputy, now=at("2026-02-14 11:00"))
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-14 11:00"))
    assert case.state == "submitted"
    assert case.replies.get().signed_by is None


def test_whole_path_with_redo_keeps_the_clock_then_fast_reply_in_the_mayor_mailbox(city):
    case = claimed(city)
    case = apply(case, "draft", actor=city.handler, now=at("2026-02-14 10:00"), body="已转街道处理。")
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-14 10:30"))
    # 推诿敷衍 is not an answer: sent back for redo, the clock keeps running
    case = apply(case, "send_back", actor=city.reviewer, now=at("2026-02-24 09:00"), reason="未说明办理结果。")
    assert case.state == "sent_back"
    assert case.clock_started_at == at("2026-02-13 10:00")
    assert case.due_at == at("2026-02-26 00:00")
    assert case.remind_at == at("2026-02-24 08:30")
    # 五(三): 办理时限届满前通过电话或网络短信等方式进行催办 — the mailbox's text message, recorded
    case = apply(case, "phone_remind", actor=city.operator, now=at("2026-02-24 10:00"), by="sms", callee="市住建局 信息员",
                 note="短信提醒：2 月 25 日到期，请按时报送。")
    assert case.prompts == 1 and case.phoned_for == case.due_at

    case = apply(case, "draft", actor=city.handler, now=at("2026-02-24 15:00"), body="路灯已于 2 月 24 日修复。")
    assert case.due_at == at("2026-02-26 00:00")
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-24 15:10"))
    case = apply(case, "approve", actor=city.reviewer, now=at("2026-02-25 09:00"))
    assert case.state == "approved" and case.due_at is None and case.remind_at is None
    assert case.publish_due_at is None

    case = apply(case, "publish", actor=city.operator, now=at("2026-02-25 09:30"), mode="public")
    assert case.state == "published" and case.publish_mode == "public"
    # 三、五(五): the 市长信箱 answers where the message was left, in its own name, not naming the unit
    assert case.events.get(action="publish").data["places"] == [case.channel]
    assert case.public_copy.unit_name == "" and case.public_copy.signed_by == "市民盼中心"
    assert case.callback_due is False  # the mailbox answers; units do not call back here
    case = apply(case, "rate", actor=None, now=at("2026-02-26 08:00"), rating="basically")
    assert case.rating == "basically"
    case = apply(case, "archive", actor=city.operator, now=at("2026-02-26 09:00"))
    assert case.state == "archived"
    assert [e.action for e in case.events.order_by("seq")] == [
        "collect", "accept", "classify", "dispatch", "claim", "draft", "submit", "send_back", "phone_remind",
        "draft", "submit", "approve", "publish", "rate", "archive",
    ]


def test_private_reply_needs_a_public_note(city):
    case = claimed(city)
    case = apply(case, "draft", actor=city.handler, now=at("2026-02-14 10:00"), body="已电话答复。")
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-14 10:30"))
    case = apply(case, "approve", actor=city.reviewer, now=at("2026-02-14 11:00"))
    refused(case, RuleViolation, "publish", actor=city.operator, now=at("2026-02-14 11:30"), mode="private")
    case = apply(case, "publish", actor=city.operator, now=at("2026-02-14 11:30"), mode="private",
                 public_note="涉及留言人个人信息，已直接答复。")
    assert case.publish_mode == "private"
    case = apply(case, "rate", actor=None, now=at("2026-02-24 08:00"), rating="satisfied")
    case = apply(case, "archive", actor=city.operator, now=at("2026-02-24 09:00"))
    assert case.state == "archived"


def test_mailbox_answers_a_consultation_directly_without_dispatch(city):
    # 五(二): 对咨询类事项，依据相关规定直接回复
    case = registered(city, POLICY, now=at("2026-02-13 10:00"), msg_type="consult")
    case = apply(case, "direct_answer", actor=city.operator, now=at("2026-02-13 11:00"),
                 body="办理居住证请携带身份证到所在街道便民服务中心。")
    assert case.state == "approved" and case.lead_unit is None and case.due_at is None
    case = apply(case, "publish", actor=city.operator, now=at("2026-02-13 11:30"), mode="public")
    case = apply(case, "archive", actor=city.operator, now=at("2026-02-13 12:00"))
    assert case.state == "archived"


def test_complaint_cannot_be_answered_directly_by_the_mailbox(city):
    case = registered(city, POLICY, now=at("2026-02-13 10:00"), msg_type="complaint")
    refused(case, RuleViolation, "direct_answer", actor=city.operator, now=at("2026-02-13 11:00"), body="已知悉。")


def test_a_promised_date_beyond_the_extended_deadline_is_refused(city):
    case = dispatched(city, POLICY, now=at("2026-02-13 10:00"))
    apply(case, "claim", actor=city.handler, now=at("2026-02-13 11:00"))
    # due 02-25 24:00; one more working day ends 02-26 24:00, so 03-20 cannot be promised
    with pytest.raises(RuleViolation, match="晚于延期后的期限（2026年02月26日 24:00）"):
        apply(case, "request_extension", actor=city.handler, now=at("2026-02-24 10:00"),
              days=1, reason="需现场核查", basis=BASIS, promised_date="2026-03-20")
    apply(case, "request_extension", actor=city.handler, now=at("2026-02-24 10:00"),
          days=1, reason="需现场核查", basis=BASIS, promised_date="2026-02-26")


# ---- 五(二): 专题协调会议，明确牵头单位和责任单位职责，限期办理 ------------------------------------------

def test_coordination_meeting_walk_sets_a_limit_past_national_day_and_brings_in_the_district(city):
    # received Mon 09-28: 3 working days -> Thu 10-08 (10-01..10-07 holiday)
    case = dispatched(city, POLICY, now=at("2026-09-28 09:00"))
    case = apply(case, "claim", actor=city.handler, now=at("2026-09-28 10:00"))
    assert case.due_at == at("2026-10-09 00:00")
    case = apply(case, "coordinate", actor=city.operator, now=at("2026-09-30 16:00"), lead=city.housing, units=[city.district],
                 held_on="2026-09-30", place="市政府第三会议室", attendees="市政府办公室、市住建局、东城区",
                 due_on="2026-10-12", minutes="住建局牵头，东城区负责现场协调，10月12日前办结。")
    assert case.due_at == at("2026-10-13 00:00")
    assert case.remind_at == at("2026-10-10 08:30")  # the working day before Mon 10-12 is the makeup Saturday
    assert Assignment.objects.get(case=case, active=True, role="co").unit == city.district
    refused(case, RuleViolation, "request_extension", actor=city.handler, now=at("2026-10-09 10:00"), days=1,
            reason="待协调。", basis=BASIS, promised_date="2026-10-13")
    case = apply(case, "co_input", actor=city.district_handler, now=at("2026-10-09 15:00"), text="东城区已安排街道现场协调。")
    case = apply(case, "draft", actor=city.handler, now=at("2026-10-10 10:00"), body="经协调，路灯已于 10 月 10 日修复。")
    case = apply(case, "submit", actor=city.handler, now=at("2026-10-10 11:00"))
    case = apply(case, "approve", actor=city.reviewer, now=at("2026-10-12 09:00"))
    case = apply(case, "publish", actor=city.operator, now=at("2026-10-12 10:00"), mode="public")
    assert [e.action for e in case.events.order_by("seq")] == [
        "collect", "accept", "classify", "dispatch", "claim", "coordinate", "co_input", "draft", "submit", "approve", "publish",
    ]
