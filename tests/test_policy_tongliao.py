"""通辽市 民盼通办（2023）: the document's whole path, with its own numbers, on real holiday weeks.

Calendar used (State Council schedule, seeded by the workdays migration):
- Spring Festival 2026: Fri 02-13 works, Sat 02-14 makeup working day, 02-15..02-23 holiday,
  Tue 02-24 back at work, Sat 02-28 makeup working day.
- National Day 2026: 10-01..10-07 holiday, Sat 10-10 makeup working day.
- National Day 2025: Sun 09-28 makeup working day, 10-01..10-08 holiday, Sat 10-11 makeup.
"""
import pytest

from minpan.cases.errors import IllegalTransition, NotPermitted, RuleViolation
from minpan.cases.models import Assignment, ExtensionState
from minpan.cases.transitions import apply
from tests.flow import at, dispatched, fresh, refused, registered

POLICY = "tongliao"
CONTACT = {"handler_name": "李工", "handler_phone": "0475-8212345"}


def received_before_spring_festival(city, **kw):
    # The unit receives the 承办单 on Friday 2026-02-13, the last weekday before the holiday.
    return dispatched(city, POLICY, now=at("2026-02-13 10:00"), **kw)


# ---- 第十条、第十一条: 5 个工作日 ------------------------------------------------------------

def test_answer_deadline_is_five_working_days_from_receipt_across_spring_festival(city):
    case = received_before_spring_festival(city)
    # receipt Fri 02-13 (not counted); 1 = Sat 02-14 (makeup), 02-15..02-23 holiday,
    # 2 = Tue 02-24, 3 = Wed 02-25, 4 = Thu 02-26, 5 = Fri 02-27 -> 24:00 of 2026-02-27
    assert case.clock_started_at == at("2026-02-13 10:00")
    assert case.due_at == at("2026-02-28 00:00")
    assert case.calendar_unverified is False


def test_claiming_does_not_restart_the_clock_which_runs_from_receipt(city):
    case = received_before_spring_festival(city)
    case = apply(case, "claim", actor=city.handler, now=at("2026-02-24 09:00"))
    assert case.state == "in_progress"
    assert case.clock_started_at == at("2026-02-13 10:00")
    assert case.due_at == at("2026-02-28 00:00")


def test_answer_deadline_across_national_day_2026_counts_the_makeup_saturday(city):
    case = dispatched(city, POLICY, now=at("2026-09-29 10:00"))
    # receipt Tue 09-29; 1 = Wed 09-30, 10-01..10-07 holiday, 2 = Thu 10-08, 3 = Fri 10-09,
    # 4 = Sat 10-10 (makeup), 5 = Mon 10-12 -> 24:00 of 2026-10-12
    assert case.due_at == at("2026-10-13 00:00")


def test_answer_deadline_across_national_day_2025_counts_the_makeup_sunday(city):
    case = dispatched(city, POLICY, now=at("2025-09-26 15:00"))
    # receipt Fri 09-26; Sat 09-27 off, 1 = Sun 09-28 (makeup), 2 = Mon 09-29, 3 = Tue 09-30,
    # 10-01..10-08 holiday, 4 = Thu 10-09, 5 = Fri 10-10 -> 24:00 of 2025-10-10
    assert case.due_at == at("2025-10-11 00:00")


# ---- 第十三条: 到期前一天催办提醒 -------------------------------------------------------------

def test_principal_is_reminded_on_the_working_day_before_the_deadline(city):
    case = received_before_spring_festival(city)
    # deadline day Fri 02-27; the working day before it is Thu 02-26, office opens 08:30
    assert case.remind_at == at("2026-02-26 08:30")


def test_reminder_falls_on_the_makeup_saturday_before_a_monday_deadline(city):
    case = dispatched(city, POLICY, now=at("2026-09-29 10:00"))
    # deadline day Mon 10-12; the working day before it is Sat 10-10 (makeup), not Fri 10-09
    assert case.remind_at == at("2026-10-10 08:30")


def test_reminder_stops_once_the_reply_is_approved(city):
    case = received_before_spring_festival(city)
    case = apply(case, "claim", actor=city.handler, now=at("2026-02-24 09:00"))
    case = apply(case, "draft", actor=city.handler, now=at("2026-02-24 10:00"), body="已修复。", **CONTACT)
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-02-24 11:00"), sealed=True)
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-24 11:30"))
    assert case.remind_at == at("2026-02-26 08:30")  # 仍未公开答复: still reminded
    case = apply(case, "approve", actor=city.reviewer, now=at("2026-02-24 15:00"))
    assert case.remind_at is None and case.due_at is None


# ---- 第十五条: 退办 当日、分管领导签字 -----------------------------------------------------------

def test_return_window_ends_at_midnight_of_the_day_of_receipt(city):
    case = received_before_spring_festival(city)
    assert case.return_due_at == at("2026-02-14 00:00")


def test_deputy_returns_the_case_on_the_day_of_receipt_and_the_center_redispatches(city):
    case = received_before_spring_festival(city)
    case = apply(case, "return", actor=city.deputy, now=at("2026-02-13 16:30"),
                 reason="路灯由东城街道管护，不属于本局职责。")
    assert case.state == "returned"
    assert case.lead_unit is None
    assert case.due_at is None and case.return_due_at is None and case.clock_started_at is None
    returned = Assignment.objects.get(case=case, unit=city.housing)
    assert returned.active is False
    assert returned.returned_at == at("2026-02-13 16:30")
    assert returned.return_signed_by == city.deputy
    assert "不属于本局职责" in returned.return_reason

    # 后续将按照单位职责重新进行派单: the center dispatches to another unit after the holiday
    case = apply(case, "dispatch", actor=city.operator, now=at("2026-02-24 09:00"), lead=city.education)
    assert case.state == "dispatched"
    assert case.lead_unit == city.education
    # new receipt Tue 02-24; 1 = 02-25, 2 = 02-26, 3 = 02-27, 4 = Sat 02-28 (makeup), 5 = Mon 03-02
    assert case.due_at == at("2026-03-03 00:00")
    assert case.return_due_at == at("2026-02-25 00:00")
    # the returning unit no longer holds it; the new unit does
    refused(case, NotPermitted, "claim", actor=city.handler, now=at("2026-02-24 10:00"))
    case = apply(case, "claim", actor=city.edu_handler, now=at("2026-02-24 10:00"))
    assert case.state == "in_progress"


def test_principal_may_also_sign_the_return(city):
    case = received_before_spring_festival(city)
    case = apply(case, "return", actor=city.principal, now=at("2026-02-13 11:00"), reason="非本局职责。")
    assert case.state == "returned"


def test_handler_cannot_return_without_the_deputy_signature(city):
    case = received_before_spring_festival(city)
    refused(case, NotPermitted, "return", actor=city.handler, now=at("2026-02-13 11:00"), reason="非本局职责。")


def test_return_states_its_reason(city):
    case = received_before_spring_festival(city)
    refused(case, RuleViolation, "return", actor=city.deputy, now=at("2026-02-13 11:00"), reason="  ")


def test_unit_cannot_return_after_the_day_of_receipt(city):
    case = received_before_spring_festival(city)
    # Sat 02-14 is a working day, but 当日 means the day of receipt only
    refused(case, RuleViolation, "return", actor=city.deputy, now=at("2026-02-14 09:00"), reason="非本局职责。")
    after = refused(case, RuleViolation, "return", actor=city.deputy, now=at("2026-02-14 00:00"), reason="非本局职责。")
    assert after.state == "dispatched"
    assert after.lead_unit == city.housing


def test_unit_cannot_return_after_claiming_it_on_a_later_day(city):
    case = received_before_spring_festival(city)
    case = apply(case, "claim", actor=city.handler, now=at("2026-02-24 09:00"))
    refused(case, RuleViolation, "return", actor=city.deputy, now=at("2026-02-24 09:30"), reason="非本局职责。")


# ---- 第十四条: 延办 经同意、最长不超过 3 个工作日 -------------------------------------------------

def claimed(city):
    case = received_before_spring_festival(city)
    return apply(case, "claim", actor=city.handler, now=at("2026-02-24 09:00"))


def test_approved_extension_of_three_working_days_moves_the_deadline_over_the_makeup_saturday(city):
    case = claimed(city)
    case = apply(case, "request_extension", actor=city.deputy, now=at("2026-02-26 10:00"),
                 days=3, reason="需现场勘查并协调供电公司。")
    assert case.extension_pending is True
    assert case.due_at == at("2026-02-28 00:00")  # 经同意方可: unchanged until approved
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-26 15:00"))
    # 5 + 3 = 8 working days after Fri 02-13: ... 5 = Fri 02-27, 6 = Sat 02-28 (makeup),
    # 7 = Mon 03-02, 8 = Tue 03-03 -> 24:00 of 2026-03-03
    assert case.due_at == at("2026-03-04 00:00")
    assert case.remind_at == at("2026-03-02 08:30")  # the working day before Tue 03-03
    assert case.extension_days == 3 and case.extension_count == 1
    assert case.extension_pending is False
    assert case.extensions.get().state == ExtensionState.APPROVED


def test_one_request_may_not_ask_for_more_than_three_working_days(city):
    case = claimed(city)
    refused(case, RuleViolation, "request_extension", actor=city.deputy, now=at("2026-02-26 10:00"),
            days=4, reason="情况复杂。")
    assert not fresh(case).extensions.exists()


def test_extensions_together_may_not_exceed_three_working_days(city):
    case = claimed(city)
    case = apply(case, "request_extension", actor=city.handler, now=at("2026-02-25 10:00"), days=2, reason="待勘查。")
    case = apply(case, "endorse_extension", actor=city.deputy, now=at("2026-02-25 10:30"))
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-25 11:00"))
    # 5 + 2 = 7 working days after 02-13 -> Mon 03-02 (Sat 02-28 is the 6th)
    assert case.due_at == at("2026-03-03 00:00")
    refused(case, RuleViolation, "request_extension", actor=city.handler, now=at("2026-02-27 10:00"),
            days=2, reason="仍需协调。")
    case = apply(case, "request_extension", actor=city.handler, now=at("2026-02-27 10:00"), days=1, reason="仍需协调。")
    case = apply(case, "endorse_extension", actor=city.principal, now=at("2026-02-27 10:30"))
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-27 11:00"))
    assert case.extension_days == 3
    assert case.due_at == at("2026-03-04 00:00")  # 8 working days -> Tue 03-03
    refused(case, RuleViolation, "request_extension", actor=city.handler, now=at("2026-03-02 10:00"),
            days=1, reason="还需一天。")


def test_extension_must_be_requested_before_the_deadline(city):
    case = claimed(city)
    # the deadline is 24:00 of Fri 02-27; at that instant and after, it is too late
    refused(case, RuleViolation, "request_extension", actor=city.deputy, now=at("2026-02-28 00:00"),
            days=1, reason="来不及。")
    refused(case, RuleViolation, "request_extension", actor=city.deputy, now=at("2026-02-28 09:00"),
            days=1, reason="来不及。")
    case = apply(case, "request_extension", actor=city.deputy, now=at("2026-02-27 23:59"), days=1, reason="最后一刻。")
    assert case.extension_pending is True


def test_only_the_center_approves_an_extension_and_a_refusal_keeps_the_deadline(city):
    case = claimed(city)
    case = apply(case, "request_extension", actor=city.deputy, now=at("2026-02-25 10:00"), days=3, reason="待勘查。")
    refused(case, NotPermitted, "approve_extension", actor=city.principal, now=at("2026-02-25 11:00"))
    refused(case, NotPermitted, "approve_extension", actor=city.operator, now=at("2026-02-25 11:00"))
    refused(case, RuleViolation, "request_extension", actor=city.deputy, now=at("2026-02-25 10:30"),
            days=1, reason="再申请一次。")  # one pending request at a time
    case = apply(case, "refuse_extension", actor=city.reviewer, now=at("2026-02-25 15:00"),
                 decision_note="五个工作日内可以办结。")
    assert case.due_at == at("2026-02-28 00:00")
    assert case.extension_days == 0 and case.extension_pending is False
    assert case.extensions.get().state == ExtensionState.REFUSED


# ---- 第十一条: 主要负责人审签 + 公章 -----------------------------------------------------------

def drafted(city):
    case = claimed(city)
    return apply(case, "draft", actor=city.handler, now=at("2026-02-24 14:00"), body="已安排维修，路灯已修复。", **CONTACT)


def test_reply_names_the_handler_and_a_contact_number(city):
    # 第十二条: 公布承办单位及经办人联系方式
    case = claimed(city)
    refused(case, RuleViolation, "draft", actor=city.handler, now=at("2026-02-24 14:00"), body="已修复。")
    refused(case, RuleViolation, "draft", actor=city.handler, now=at("2026-02-24 14:00"), body="已修复。",
            handler_name="李工")


def test_reply_must_be_signed_by_the_principal_before_it_is_submitted(city):
    case = drafted(city)
    refused(case, RuleViolation, "submit", actor=city.handler, now=at("2026-02-24 15:00"))


def test_deputy_cannot_sign_the_reply(city):
    case = drafted(city)
    refused(case, NotPermitted, "sign_off", actor=city.deputy, now=at("2026-02-24 15:00"), sealed=True)
    refused(case, NotPermitted, "sign_off", actor=city.handler, now=at("2026-02-24 15:00"), sealed=True)


def test_principal_signature_needs_the_unit_seal(city):
    case = drafted(city)
    refused(case, RuleViolation, "sign_off", actor=city.principal, now=at("2026-02-24 15:00"))
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-02-24 15:00"), sealed=True)
    assert case.state == "signed"
    reply = case.replies.get()
    assert reply.signed_by == city.principal and reply.sealed is True
    assert reply.signed_at == at("2026-02-24 15:00")


# ---- the whole path: send-back, redo, same-day publication, rating, archive -------------------

def test_whole_path_with_redo_keeps_the_clock_and_publishes_on_the_day_of_approval(city):
    case = drafted(city)
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-02-24 15:00"), sealed=True)
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-24 15:30"))
    assert case.state == "submitted"

    # 答非所问: the center sends it back; the clock keeps running
    refused(case, RuleViolation, "send_back", actor=city.reviewer, now=at("2026-02-25 09:00"), reason="")
    case = apply(case, "send_back", actor=city.reviewer, now=at("2026-02-25 09:00"), reason="未说明维修时间。")
    assert case.state == "sent_back"
    assert case.send_back_count == 1
    assert case.clock_started_at == at("2026-02-13 10:00")
    assert case.due_at == at("2026-02-28 00:00")

    # the redo is a new version that needs the principal's signature and seal again
    case = apply(case, "draft", actor=city.handler, now=at("2026-02-25 14:00"),
                 body="已于 2 月 25 日更换灯具，路灯恢复照明。", **CONTACT)
    assert case.state == "drafted"
    assert case.due_at == at("2026-02-28 00:00")
    refused(case, RuleViolation, "submit", actor=city.handler, now=at("2026-02-25 14:10"))
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-02-25 15:00"), sealed=True)
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-25 15:10"))
    assert [r.version for r in case.replies.order_by("version")] == [1, 2]
    assert case.replies.get(version=2).signed_by == city.principal

    case = apply(case, "approve", actor=city.reviewer, now=at("2026-02-26 10:00"))
    assert case.state == "approved"
    # 第十二条: 当日在网站上公开答复 -> by 24:00 of the approval day, Thu 02-26
    assert case.publish_due_at == at("2026-02-27 00:00")
    case = apply(case, "publish", actor=city.operator, now=at("2026-02-26 16:00"), mode="public")
    assert case.state == "published"
    # 第十二条: on the board it was left on, the center's answer naming the unit and the handler's contact
    assert case.events.get(action="publish").data["places"] == [case.channel]
    assert case.public_copy.unit_name == "市住建局" and case.public_copy.signed_by == "市民盼中心"
    assert case.publish_mode == "public" and case.answered_at == at("2026-02-26 16:00")
    assert case.publish_due_at is None

    refused(case, NotPermitted, "rate", actor=city.operator, now=at("2026-02-27 09:00"), rating="satisfied")
    case = apply(case, "rate", actor=None, now=at("2026-02-27 09:00"), rating="satisfied", comment="修得很快")
    assert case.rating == "satisfied"
    refused(case, RuleViolation, "rate", actor=None, now=at("2026-02-27 10:00"), rating="unsatisfied")

    case = apply(case, "archive", actor=city.operator, now=at("2026-02-27 10:00"))
    assert case.state == "archived"
    assert case.archived_at == at("2026-02-27 10:00")
    assert [e.action for e in case.events.order_by("seq")] == [
        "collect", "accept", "classify", "dispatch", "claim", "draft", "sign_off", "submit", "send_back",
        "draft", "sign_off", "submit", "approve", "publish", "rate", "archive",
    ]


def test_privacy_answer_goes_to_the_writer_with_a_note_for_the_public(city):
    # 第十八条: 涉及个人隐私的答复可通过电话、电子邮件答复本人，并在公开时对该留言进行说明
    case = drafted(city)
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-02-24 15:00"), sealed=True)
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-24 15:10"))
    case = apply(case, "approve", actor=city.reviewer, now=at("2026-02-24 16:00"))
    refused(case, RuleViolation, "publish", actor=city.operator, now=at("2026-02-24 17:00"), mode="private")
    case = apply(case, "publish", actor=city.operator, now=at("2026-02-24 17:00"), mode="private",
                 public_note="该留言涉及个人隐私，已通过电话答复留言人。")
    assert case.state == "published" and case.publish_mode == "private"
    assert case.public_note.startswith("该留言涉及个人隐私")
    case = apply(case, "rate", actor=None, now=at("2026-02-25 09:00"), rating="basically")
    case = apply(case, "archive", actor=city.operator, now=at("2026-02-25 10:00"))
    assert case.state == "archived"


def test_archiving_an_unpublished_case_is_an_illegal_transition(city):
    case = drafted(city)
    refused(case, IllegalTransition, "archive", actor=city.operator, now=at("2026-02-24 15:00"))


def test_a_form_received_on_a_holiday_may_be_returned_on_the_first_working_day(city):
    # 第十五条 当日: dispatched Mon 02-16 during Spring Festival; nobody can sign until Tue 02-24
    case = dispatched(city, "tongliao", now=at("2026-02-16 10:00"))
    assert case.return_due_at == at("2026-02-25 00:00")
    with pytest.raises(RuleViolation, match="期限"):
        apply(case, "return", actor=city.deputy, now=at("2026-02-25 09:00"), reason="不属本单位职责")
    case = apply(case, "return", actor=city.deputy, now=at("2026-02-24 17:00"), reason="不属本单位职责")
    assert case.state == "returned"


def test_the_center_calls_back_a_writer_unsatisfied_with_its_direct_answer(city):
    case = registered(city, "tongliao", msg_type="consult")
    apply(case, "direct_answer", actor=city.operator, body="请携带身份证到政务服务大厅 3 号窗口办理。")
    apply(case, "publish", actor=city.operator, mode="public")
    case = apply(case, "rate", actor=None, rating="unsatisfied", comment="窗口说要预约")
    assert case.callback_due
    with pytest.raises(RuleViolation, match="尚未回访"):
        apply(case, "archive", actor=city.operator)
    apply(case, "callback", actor=city.operator, note="已电话说明预约方式，留言人表示理解。")
    assert apply(case, "archive", actor=city.operator).state == "archived"


def test_a_handlers_extension_request_goes_up_through_the_units_leader(city):
    # 第十四条: 向网民留言交办单位逐级提出延期办结申请 — the unit's leader signs it before the center decides
    case = claimed(city)
    case = apply(case, "request_extension", actor=city.handler, now=at("2026-02-25 10:00"), days=2, reason="待勘查。")
    refused(case, RuleViolation, "approve_extension", actor=city.reviewer, now=at("2026-02-25 10:10"))
    refused(case, NotPermitted, "endorse_extension", actor=city.edu_principal, now=at("2026-02-25 10:20"))
    case = apply(case, "endorse_extension", actor=city.deputy, now=at("2026-02-25 10:30"))
    request = case.extensions.get()
    assert request.state == "pending" and request.endorsed_by == city.deputy
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-25 11:00"))
    assert case.extension_days == 2


def test_a_leaders_own_extension_request_goes_straight_to_the_center(city):
    case = claimed(city)
    case = apply(case, "request_extension", actor=city.deputy, now=at("2026-02-25 10:00"), days=2, reason="待勘查。")
    assert case.extensions.get().state == "pending"
    assert apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-25 11:00")).extension_days == 2


# ---- 第十八条: 情况特殊、难以办结 — explained to the writer after the center agrees ------------------

def test_hard_case_walk_over_spring_festival_ends_with_an_explanation_published_on_the_day(city):
    from minpan.cases import hard_cases
    from minpan.cases.models import PublicCopy
    from minpan.textmine.replies import check_latest_reply

    case = claimed(city)  # received Fri 02-13, claimed Tue 02-24 after the holiday; due 24:00 Fri 02-27
    case = apply(case, "ask_hard_case", actor=city.handler, now=at("2026-02-24 10:00"),
                 reason="该路段属待移交的开发商道路，须纳入老旧小区改造，短期内难以办结。")
    refused(case, NotPermitted, "agree_hard_case", actor=city.operator, now=at("2026-02-24 11:00"))
    case = apply(case, "agree_hard_case", actor=city.reviewer, now=at("2026-02-25 09:00"), reason="同意，请做好解释。")
    assert case.due_at == at("2026-02-28 00:00")  # the agreement does not move the deadline
    case = apply(case, "draft", actor=city.handler, now=at("2026-02-25 14:00"), **CONTACT,
                 body="您反映的路灯问题涉及道路产权移交，须纳入老旧小区改造统一实施，我们已当面向您说明，请您理解。")
    assert "no_result_or_basis" not in check_latest_reply(fresh(case)).codes
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-02-25 15:00"), sealed=True)
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-25 15:10"))
    case = apply(case, "approve", actor=city.reviewer, now=at("2026-02-26 10:00"))
    assert case.publish_due_at == at("2026-02-27 00:00")  # 第十二条: published that day
    case = apply(case, "publish", actor=city.operator, now=at("2026-02-26 16:00"), mode="public")
    assert PublicCopy.objects.get(case=case).reply == hard_cases.PUBLIC_TEXT
    assert [e.action for e in case.events.order_by("seq")] == [
        "collect", "accept", "classify", "dispatch", "claim", "ask_hard_case", "agree_hard_case",
        "draft", "sign_off", "submit", "approve", "publish",
    ]
