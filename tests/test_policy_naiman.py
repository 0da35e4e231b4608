"""奈曼旗 网民留言办理工作制度: the document's whole path, with its own numbers, on real holiday weeks.

The document runs 收集—转办—办理—回复 (第十一条) with 认领、承办、核查、答复和回访 by the unit
(第十条). It has no return (退办), no extension (第十七条: 须在 5 个工作日内办结) and no
reminder before the deadline.

Calendar used (State Council schedule, seeded by the workdays migration):
- Spring Festival 2025: Sun 01-26 makeup working day, 01-28..02-04 holiday, Sat 02-08 makeup.
- National Day 2025: Sun 09-28 makeup working day, 10-01..10-08 holiday, Sat 10-11 makeup.
- Spring Festival 2026: Sat 02-14 makeup, 02-15..02-23 holiday, Sat 02-28 makeup.
"""
from minpan.cases.errors import NotPermitted, RuleViolation
from minpan.cases.transitions import apply
from tests.flow import at, dispatched, fresh, refused

POLICY = "naiman"


def received_before_spring_festival(city, **kw):
    # The unit receives the 《网民留言回复情况表》 on Friday 2025-01-24.
    return dispatched(city, POLICY, now=at("2025-01-24 10:00"), **kw)


def claimed(city, **kw):
    case = received_before_spring_festival(city, **kw)
    return apply(case, "claim", actor=city.handler, now=at("2025-01-24 11:00"))


def drafted(city, **kw):
    case = claimed(city, **kw)
    return apply(case, "draft", actor=city.handler, now=at("2025-01-26 10:00"), body="经核实，路灯已于今日修复。")


# ---- 第十四条、第十七条: 5 个工作日 -----------------------------------------------------------

def test_answer_deadline_is_five_working_days_from_receipt_across_spring_festival_2025(city):
    case = received_before_spring_festival(city)
    # receipt Fri 01-24; Sat 01-25 off, 1 = Sun 01-26 (makeup), 2 = Mon 01-27,
    # 01-28..02-04 holiday, 3 = Wed 02-05, 4 = Thu 02-06, 5 = Fri 02-07 -> 24:00 of 2025-02-07
    assert case.clock_started_at == at("2025-01-24 10:00")
    assert case.due_at == at("2025-02-08 00:00")
    assert case.calendar_unverified is False


def test_answer_deadline_counts_the_makeup_saturday_after_spring_festival_2025(city):
    case = dispatched(city, POLICY, now=at("2025-02-06 16:00"))
    # receipt Thu 02-06; 1 = Fri 02-07, 2 = Sat 02-08 (makeup), 3 = Mon 02-10, 4 = Tue 02-11,
    # 5 = Wed 02-12 -> 24:00 of 2025-02-12
    assert case.due_at == at("2025-02-13 00:00")


def test_answer_deadline_across_national_day_2025(city):
    case = dispatched(city, POLICY, now=at("2025-09-26 15:00"))
    # receipt Fri 09-26; 1 = Sun 09-28 (makeup), 2 = Mon 09-29, 3 = Tue 09-30,
    # 10-01..10-08 holiday, 4 = Thu 10-09, 5 = Fri 10-10 -> 24:00 of 2025-10-10
    assert case.due_at == at("2025-10-11 00:00")


def test_answer_deadline_across_spring_festival_2026(city):
    case = dispatched(city, POLICY, now=at("2026-02-13 10:00"))
    # receipt Fri 02-13; 1 = Sat 02-14 (makeup), 02-15..02-23 holiday, 2 = 02-24, 3 = 02-25,
    # 4 = 02-26, 5 = Fri 02-27 -> 24:00 of 2026-02-27
    assert case.due_at == at("2026-02-28 00:00")


def test_claiming_does_not_restart_the_clock(city):
    case = received_before_spring_festival(city)
    case = apply(case, "claim", actor=city.handler, now=at("2025-02-05 09:00"))
    assert case.clock_started_at == at("2025-01-24 10:00")
    assert case.due_at == at("2025-02-08 00:00")


def test_document_sets_no_reminder_before_the_deadline(city):
    case = received_before_spring_festival(city)
    assert case.remind_at is None
    case = apply(case, "claim", actor=city.handler, now=at("2025-01-24 11:00"))
    assert case.remind_at is None


# ---- no return, no extension -------------------------------------------------------------------

def test_unit_cannot_return_a_case_because_the_document_has_no_return(city):
    case = received_before_spring_festival(city)
    assert case.return_due_at is None
    # even on the day of receipt, signed by the deputy, with a reason
    refused(case, RuleViolation, "return", actor=city.deputy, now=at("2025-01-24 11:00"), reason="非本局职责。")
    refused(case, RuleViolation, "return", actor=city.principal, now=at("2025-01-24 11:00"),
            reason="非本局职责。", basis="三定方案")
    case = apply(case, "claim", actor=city.handler, now=at("2025-01-24 11:00"))
    after = refused(case, RuleViolation, "return", actor=city.handler, now=at("2025-01-24 11:30"), reason="非本局职责。")
    assert after.state == "in_progress"
    assert after.assignments.filter(active=True, unit=city.housing).exists()


def test_unit_cannot_ask_for_an_extension_because_the_answer_is_due_in_five_working_days(city):
    case = claimed(city)
    refused(case, RuleViolation, "request_extension", actor=city.deputy, now=at("2025-01-27 10:00"),
            days=2, reason="情况复杂。")
    refused(case, RuleViolation, "request_extension", actor=city.principal, now=at("2025-01-27 10:00"),
            days=1, reason="情况复杂。", promised_date="2025-02-10", basis="需现场核查")
    after = fresh(case)
    assert after.extension_pending is False and after.extension_days == 0
    assert not after.extensions.exists()
    assert after.due_at == at("2025-02-08 00:00")


# ---- 第十四条: 主要负责人或分管领导审签后加盖公章 ---------------------------------------------------

def test_deputy_signs_the_reply_with_the_unit_seal(city):
    case = drafted(city)
    case = apply(case, "sign_off", actor=city.deputy, now=at("2025-01-26 11:00"), sealed=True)
    assert case.state == "signed"
    reply = case.replies.get()
    assert reply.signed_by == city.deputy and reply.sealed is True


def test_principal_may_sign_the_reply_instead_of_the_deputy(city):
    case = drafted(city)
    case = apply(case, "sign_off", actor=city.principal, now=at("2025-01-26 11:00"), sealed=True)
    assert case.state == "signed"
    assert case.replies.get().signed_by == city.principal


def test_signature_without_the_unit_seal_is_refused(city):
    case = drafted(city)
    refused(case, RuleViolation, "sign_off", actor=city.deputy, now=at("2025-01-26 11:00"))
    refused(case, RuleViolation, "sign_off", actor=city.principal, now=at("2025-01-26 11:00"), sealed=False)


def test_handler_cannot_sign_the_reply(city):
    case = drafted(city)
    refused(case, NotPermitted, "sign_off", actor=city.handler, now=at("2025-01-26 11:00"), sealed=True)


def test_unsigned_reply_cannot_be_submitted(city):
    case = drafted(city)
    refused(case, RuleViolation, "submit", actor=city.handler, now=at("2025-01-26 11:00"))


# ---- the whole path: redo, publication in the unit's name, rating, callback, archive -----------

def published(city, **kw):
    case = drafted(city, **kw)
    case = apply(case, "sign_off", actor=city.deputy, now=at("2025-01-26 11:00"), sealed=True)
    case = apply(case, "submit", actor=city.handler, now=at("2025-01-26 11:30"))
    case = apply(case, "approve", actor=city.reviewer, now=at("2025-01-27 09:00"))
    return apply(case, "publish", actor=city.operator, now=at("2025-01-27 10:00"), mode="public")


def test_whole_path_with_redo_keeps_the_clock_and_ends_after_the_unit_calls_back(city):
    case = drafted(city)
    case = apply(case, "sign_off", actor=city.deputy, now=at("2025-01-26 11:00"), sealed=True)
    case = apply(case, "submit", actor=city.handler, now=at("2025-01-26 11:30"))

    # 第十条(三): 留言答复在公开前要进行审核 — a perfunctory answer goes back; the clock keeps running
    case = apply(case, "send_back", actor=city.reviewer, now=at("2025-01-27 09:00"), reason="未说明修复时间和责任人。")
    assert case.state == "sent_back"
    assert case.clock_started_at == at("2025-01-24 10:00")
    assert case.due_at == at("2025-02-08 00:00")

    case = apply(case, "draft", actor=city.handler, now=at("2025-02-05 10:00"),
                 body="路灯已于 1 月 26 日由东城街道更换灯具修复，责任人张某。")
    assert case.due_at == at("2025-02-08 00:00")
    refused(case, RuleViolation, "submit", actor=city.handler, now=at("2025-02-05 10:30"))
    case = apply(case, "sign_off", actor=city.principal, now=at("2025-02-05 11:00"), sealed=True)
    case = apply(case, "submit", actor=city.handler, now=at("2025-02-05 11:30"))
    case = apply(case, "approve", actor=city.reviewer, now=at("2025-02-05 15:00"))
    assert case.due_at is None
    assert case.publish_due_at is None  # no same-day rule in this document

    # 第十五条: published in the unit's name, on the portal and the new-media accounts
    case = apply(case, "publish", actor=city.operator, now=at("2025-02-05 16:00"), mode="public",
                 places=["portal", "new_media"])
    assert case.state == "published" and case.publish_mode == "public"
    assert case.events.get(action="publish").data["places"] == ["portal", "new_media"]
    # 并在帐号公布承办单位及回复日期
    assert (case.public_copy.signed_by, case.public_copy.unit_name) == ("市住建局", "市住建局")
    assert case.answered_at == at("2025-02-05 16:00")
    assert case.callback_due is True  # 第十条: the unit calls the writer back

    case = apply(case, "rate", actor=None, now=at("2025-02-06 09:00"), rating="satisfied")
    assert case.rating == "satisfied"

    refused(case, RuleViolation, "archive", actor=city.operator, now=at("2025-02-06 10:00"))
    refused(case, NotPermitted, "callback", actor=city.operator, now=at("2025-02-06 10:00"), note="已回访。")
    refused(case, NotPermitted, "callback", actor=city.edu_handler, now=at("2025-02-06 10:00"), note="已回访。")
    refused(case, RuleViolation, "callback", actor=city.handler, now=at("2025-02-06 10:00"), note=" ")
    case = apply(case, "callback", actor=city.handler, now=at("2025-02-06 10:30"), note="电话回访，留言人表示满意。")
    assert case.state == "published"
    assert case.callback_due is False and case.callback_at == at("2025-02-06 10:30")
    assert case.replies.get(version=2).callback_note == "电话回访，留言人表示满意。"

    case = apply(case, "archive", actor=city.operator, now=at("2025-02-06 11:00"))
    assert case.state == "archived"
    assert [e.action for e in case.events.order_by("seq")] == [
        "collect", "accept", "classify", "dispatch", "claim", "draft", "sign_off", "submit", "send_back",
        "draft", "sign_off", "submit", "approve", "publish", "rate", "callback", "archive",
    ]


def test_callback_after_the_answer_is_drafted_lets_the_case_be_archived_after_publication(city):
    case = drafted(city)
    case = apply(case, "callback", actor=city.handler, now=at("2025-01-26 10:30"), note="已电话告知留言人办理结果。")
    assert case.state == "drafted"
    case = apply(case, "sign_off", actor=city.deputy, now=at("2025-01-26 11:00"), sealed=True)
    case = apply(case, "submit", actor=city.handler, now=at("2025-01-26 11:30"))
    case = apply(case, "approve", actor=city.reviewer, now=at("2025-01-27 09:00"))
    case = apply(case, "publish", actor=city.operator, now=at("2025-01-27 10:00"), mode="public")
    assert case.callback_due is False
    case = apply(case, "archive", actor=city.operator, now=at("2025-01-27 11:00"))
    assert case.state == "archived"


def test_contact_before_the_answer_is_drafted_is_not_the_callback(city):
    case = claimed(city)
    case = apply(case, "callback", actor=city.handler, now=at("2025-01-24 15:00"), note="已电话联系留言人核实情况。")
    case = apply(case, "draft", actor=city.handler, now=at("2025-01-26 10:00"), body="路灯已修复。")
    case = apply(case, "sign_off", actor=city.deputy, now=at("2025-01-26 11:00"), sealed=True)
    case = apply(case, "submit", actor=city.handler, now=at("2025-01-26 11:30"))
    case = apply(case, "approve", actor=city.reviewer, now=at("2025-01-27 09:00"))
    case = apply(case, "publish", actor=city.operator, now=at("2025-01-27 10:00"), mode="public")
    assert case.callback_due is True
    refused(case, RuleViolation, "archive", actor=city.operator, now=at("2025-01-27 11:00"))


def test_writer_who_left_no_contact_cannot_be_called_back_so_the_case_archives(city):
    case = published(city, citizen={})
    case = apply(case, "archive", actor=city.operator, now=at("2025-01-27 11:00"))
    assert case.state == "archived"


def test_private_answer_needs_a_public_note_and_still_a_callback(city):
    case = drafted(city)
    case = apply(case, "sign_off", actor=city.deputy, now=at("2025-01-26 11:00"), sealed=True)
    case = apply(case, "submit", actor=city.handler, now=at("2025-01-26 11:30"))
    case = apply(case, "approve", actor=city.reviewer, now=at("2025-01-27 09:00"))
    refused(case, RuleViolation, "publish", actor=city.operator, now=at("2025-01-27 10:00"), mode="private")
    case = apply(case, "publish", actor=city.operator, now=at("2025-01-27 10:00"), mode="private",
                 public_note="该留言涉及个人信息，已直接答复留言人。")
    assert case.publish_mode == "private" and case.public_note
    refused(case, RuleViolation, "archive", actor=city.operator, now=at("2025-01-27 11:00"))
    case = apply(case, "callback", actor=city.handler, now=at("2025-01-27 14:00"), note="已回访。")
    case = apply(case, "archive", actor=city.operator, now=at("2025-01-27 15:00"))
    assert case.state == "archived"


def test_writer_who_refused_publication_is_answered_privately(city):
    case = drafted(city, may_publish=False)
    case = apply(case, "sign_off", actor=city.deputy, now=at("2025-01-26 11:00"), sealed=True)
    case = apply(case, "submit", actor=city.handler, now=at("2025-01-26 11:30"))
    case = apply(case, "approve", actor=city.reviewer, now=at("2025-01-27 09:00"))
    refused(case, RuleViolation, "publish", actor=city.operator, now=at("2025-01-27 10:00"), mode="public")
