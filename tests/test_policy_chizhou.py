"""《池州市网友留言、政务热线等办理工作办法》(池政办秘〔2020〕92号): the whole path under the chizhou preset.

第九条(三): 收到交办事项后原则上 7 个工作日内办结（注明经办人姓名、联系电话）；经承办单位分管负责同志
签批可申请延期 1 次；延期后单个办件办理时限不超过 15 个工作日（含退回重办件）。
第九条(五): 省级交办的事项由主要负责同志审签；市长信箱、市长热线交办事项由分管负责同志审核。
第九条(六): 不符合要求的退回重新办理。第九条(七): 办结后回访诉求人并在反馈时注明，未回访的予以退回，
诉求人未留联系方式的除外；市政府办公室对已办结事项不定期开展“回头看”。办法未设承办单位退办。
第九条(二): 一事一报，呈请市政府领导批示；第九条(四): 临近到期电话催办并做好记录，领导批示的实地督查；
第九条(五): 必要时要进行法制审核。
"""
import datetime as dt

import pytest

from minpan.cases import lookback
from minpan.cases.errors import NotPermitted, RuleViolation
from minpan.cases.models import Case, Event, ExtensionRequest
from minpan.cases.transitions import apply
from minpan.workdays.arith import SHANGHAI, deadline_day
from tests.flow import at, collect, dispatched, fresh

POLICY = "chizhou"
# 第九条(五): 省级交办 (第一条、第五条: what reaches the city through the provincial platform) → 主要负责同志审签
PROVINCE_CHANNELS = ("governor_mailbox", "gov_supervision", "people_daily", "governor_hotline")
# 第九条(五): 市长信箱、市长热线 → 分管负责同志审核
CITY_CHANNELS = ("mayor_mailbox", "mayor_hotline")
HANDLER = {"handler_name": "李工", "handler_phone": "0566-2345678"}


def event_count(case) -> int:
    return Event.objects.filter(case=case).count()


def received(city, *, when: str = "2026-02-13 10:00", **kw) -> Case:
    """Dispatched to 市住建局, which receives it at `when`, and claimed at once."""
    case = dispatched(city, POLICY, now=at(when), **kw)
    return apply(case, "claim", actor=city.handler, now=at(when))


def drafted(city, *, when: str = "2026-02-13 10:00", draft_at: str = "2026-02-24 09:00", **kw) -> Case:
    case = received(city, when=when, **kw)
    return apply(case, "draft", actor=city.handler, now=at(draft_at), body="经核实，路灯已修复。", **HANDLER)


def signed_and_called_back(city, **kw) -> Case:
    case = drafted(city, **kw)
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-02-24 10:00"))
    return apply(case, "callback", actor=city.handler, now=at("2026-02-24 11:00"), note="电话告知办理结果，诉求人认可。")


# ---- the clock ---------------------------------------------------------------------------

def test_deadline_is_seven_working_days_from_the_day_the_unit_receives_it(city):
    case = dispatched(city, POLICY, now=at("2026-02-13 10:00"))
    assert case.state == "dispatched"
    assert case.clock_started_at == at("2026-02-13 10:00"), "第九条(三): 收到交办事项后计时"
    # Received Fri 2026-02-13 (not counted): 02-14 Sat makeup (1), 02-15..02-23 Spring Festival off,
    # 02-24 (2), 02-25 (3), 02-26 (4), 02-27 (5), 02-28 Sat makeup (6), 03-02 Mon (7)
    assert deadline_day(case.due_at) == dt.date(2026, 3, 2)
    assert case.due_at == at("2026-03-03 00:00")

    case = apply(case, "claim", actor=city.handler, now=at("2026-02-14 09:00"))
    assert case.due_at == at("2026-03-03 00:00"), "claiming later does not move the clock"


@pytest.mark.parametrize(
    "received_at, expected",
    [
        # Mon 2025-01-27: 01-28..02-04 Spring Festival off, 02-05 (1), 02-06 (2), 02-07 (3),
        # 02-08 Sat makeup (4), 02-10 (5), 02-11 (6), 02-12 (7)
        ("2025-01-27 16:00", dt.date(2025, 2, 12)),
        # Tue 2025-09-30: 10-01..10-08 National Day off, 10-09 (1), 10-10 (2), 10-11 Sat makeup (3),
        # 10-13 (4), 10-14 (5), 10-15 (6), 10-16 (7)
        ("2025-09-30 16:00", dt.date(2025, 10, 16)),
        # Fri 2026-09-18: 09-20 Sun makeup (1), 09-21 (2), 09-22 (3), 09-23 (4), 09-24 (5),
        # 09-25 Mid-Autumn off, 09-28 (6), 09-29 (7)
        ("2026-09-18 16:00", dt.date(2026, 9, 29)),
        # Wed 2026-09-30: 10-01..10-07 National Day off, 10-08 (1), 10-09 (2), 10-10 Sat makeup (3),
        # 10-12 (4), 10-13 (5), 10-14 (6), 10-15 (7)
        ("2026-09-30 16:00", dt.date(2026, 10, 15)),
    ],
)
def test_seven_working_days_skip_holiday_weeks_and_count_makeup_days(city, received_at, expected):
    case = dispatched(city, POLICY, now=at(received_at))
    assert deadline_day(case.due_at) == expected
    assert not case.calendar_unverified


def test_the_phone_reminder_is_due_the_working_day_before_the_deadline(city):
    # 第九条(四): 临近到期尚未办结的，通过电话等方式催办 -- deadline Mon 03-02, so Sat 02-28 (makeup) 08:30
    case = dispatched(city, POLICY, now=at("2026-02-13 10:00"))
    assert case.remind_at == dt.datetime(2026, 2, 28, 8, 30, tzinfo=SHANGHAI)


# ---- no 退办 -------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["handler", "principal", "deputy"])
def test_a_unit_cannot_return_a_case_it_was_given(city, who):
    case = dispatched(city, POLICY, now=at("2026-02-13 10:00"))
    assert case.return_due_at is None
    events_before = event_count(case)
    with pytest.raises(RuleViolation, match="未设退办程序") as err:
        apply(case, "return", actor=getattr(city, who), now=at("2026-02-13 10:30"), reason="不属于本局职责。")
    assert "池州" in str(err.value)
    case = fresh(case)
    assert case.state == "dispatched"
    assert case.lead_unit == city.housing
    assert event_count(case) == events_before


def test_a_claimed_case_cannot_be_returned_either(city):
    case = received(city)
    with pytest.raises(RuleViolation, match="未设退办程序"):
        apply(case, "return", actor=city.deputy, now=at("2026-02-13 11:00"), reason="不属于本局职责。")
    assert fresh(case).state == "in_progress"


# ---- 延期 (extension) --------------------------------------------------------------------

def test_only_the_units_deputy_leader_may_ask_for_an_extension(city):
    case = received(city)
    events_before = event_count(case)
    with pytest.raises(NotPermitted, match="分管负责同志"):
        apply(case, "request_extension", actor=city.handler, now=at("2026-02-24 10:00"), days=3, reason="需协调供电公司。")
    assert not fresh(case).extension_pending
    assert event_count(case) == events_before
    with pytest.raises(NotPermitted):
        apply(case, "request_extension", actor=city.edu_principal, now=at("2026-02-24 10:00"), days=3, reason="……")

    case = apply(case, "request_extension", actor=city.deputy, now=at("2026-02-24 10:00"), days=3, reason="需协调供电公司。")
    assert case.extension_pending
    req = ExtensionRequest.objects.get(case=case)
    assert req.requested_by == city.deputy and req.days == 3
    with pytest.raises(NotPermitted):
        apply(case, "approve_extension", actor=city.deputy, now=at("2026-02-24 11:00"))
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-24 11:00"))
    # 7 + 3 = 10 working days from 02-13: 03-02 (7), 03-03 (8), 03-04 (9), 03-05 (10)
    assert deadline_day(case.due_at) == dt.date(2026, 3, 5)


def test_extension_may_bring_the_handling_time_to_fifteen_working_days_and_no_further(city):
    case = received(city)
    with pytest.raises(RuleViolation, match="最多还能延长 8 个工作日"):
        apply(case, "request_extension", actor=city.deputy, now=at("2026-02-24 10:00"), days=9, reason="情况复杂。")
    assert not fresh(case).extension_pending

    case = apply(case, "request_extension", actor=city.deputy, now=at("2026-02-24 10:00"), days=8, reason="情况复杂。")
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-24 11:00"))
    assert case.extension_days == 8 and case.extension_count == 1
    # 7 + 8 = 15 working days from Fri 02-13: 03-02 (7), 03-03 (8), 03-04 (9), 03-05 (10), 03-06 (11),
    # 03-09 (12), 03-10 (13), 03-11 (14), 03-12 Thu (15)
    assert deadline_day(case.due_at) == dt.date(2026, 3, 12)


def test_a_unit_may_extend_only_once(city):
    case = received(city)
    case = apply(case, "request_extension", actor=city.deputy, now=at("2026-02-24 10:00"), days=3, reason="情况复杂。")
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-24 11:00"))
    events_before = event_count(case)
    with pytest.raises(RuleViolation, match="只能延期 1 次"):
        apply(case, "request_extension", actor=city.principal, now=at("2026-03-03 10:00"), days=2, reason="仍未办结。")
    case = fresh(case)
    assert event_count(case) == events_before
    assert case.extension_days == 3
    assert deadline_day(case.due_at) == dt.date(2026, 3, 5)


def test_an_extension_must_be_asked_before_the_deadline(city):
    case = received(city)
    assert case.due_at == at("2026-03-03 00:00")
    with pytest.raises(RuleViolation, match="届满前"):
        apply(case, "request_extension", actor=city.deputy, now=at("2026-03-03 09:00"), days=3, reason="逾期了。")
    case = apply(case, "request_extension", actor=city.deputy, now=at("2026-03-02 23:00"), days=3, reason="最后一天申请。")
    assert case.extension_pending


# ---- 审签 by channel -----------------------------------------------------------------------

@pytest.mark.parametrize("channel", PROVINCE_CHANNELS)
def test_a_province_assigned_answer_is_signed_by_the_units_principal(city, channel):
    case = drafted(city, channel=channel)
    assert case.channel == channel
    with pytest.raises(NotPermitted, match="主要负责人"):
        apply(case, "sign_off", actor=city.deputy, now=at("2026-02-24 10:00"))
    with pytest.raises(NotPermitted):
        apply(case, "sign_off", actor=city.handler, now=at("2026-02-24 10:00"))
    assert fresh(case).state == "drafted"
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-02-24 10:00"))
    assert case.state == "signed"
    assert case.replies.get(version=1).signed_by == city.principal


@pytest.mark.parametrize("channel", CITY_CHANNELS)
def test_a_city_channel_answer_may_be_signed_by_the_deputy_leader(city, channel):
    case = drafted(city, channel=channel)
    case = apply(case, "sign_off", actor=city.deputy, now=at("2026-02-24 10:00"))
    assert case.state == "signed"
    assert case.replies.get(version=1).signed_by == city.deputy


def test_the_new_media_answer_names_no_signer_so_none_is_required(city):
    # 第九条(五) names the level for 省级交办 and for 市长信箱、市长热线 only; 政务“双微” (第一条) has none
    case = drafted(city, channel="new_media")
    case = apply(case, "callback", actor=city.handler, now=at("2026-02-24 09:30"), note="已告知办理结果。")
    assert apply(case, "submit", actor=city.handler, now=at("2026-02-24 10:00")).state == "submitted"


def test_the_principal_may_also_sign_a_city_channel_answer(city):
    case = drafted(city, channel="mayor_hotline")
    assert apply(case, "sign_off", actor=city.principal, now=at("2026-02-24 10:00")).state == "signed"


def test_an_unsigned_answer_is_not_submitted(city):
    case = drafted(city, channel="mayor_mailbox")
    case = apply(case, "callback", actor=city.handler, now=at("2026-02-24 09:30"), note="已告知办理结果。")
    with pytest.raises(RuleViolation, match="审签"):
        apply(case, "submit", actor=city.handler, now=at("2026-02-24 10:00"))
    assert fresh(case).state == "drafted"


def test_the_answer_names_the_handler_and_a_phone_number(city):
    case = received(city)
    with pytest.raises(RuleViolation, match="经办人姓名"):
        apply(case, "draft", actor=city.handler, now=at("2026-02-24 09:00"), body="已修复。")
    with pytest.raises(RuleViolation, match="经办人联系电话"):
        apply(case, "draft", actor=city.handler, now=at("2026-02-24 09:00"), body="已修复。", handler_name="李工")
    case = apply(case, "draft", actor=city.handler, now=at("2026-02-24 09:00"), body="已修复。", **HANDLER)
    reply = case.replies.get()
    assert (reply.handler_name, reply.handler_phone) == ("李工", "0566-2345678")


# ---- 回访 before the answer goes back (第九条(七)) -----------------------------------------

def test_submit_is_refused_until_the_unit_has_called_the_writer_back(city):
    case = drafted(city)
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-02-24 10:00"))
    events_before = event_count(case)
    with pytest.raises(RuleViolation, match="回访"):
        apply(case, "submit", actor=city.handler, now=at("2026-02-24 10:30"))
    assert fresh(case).state == "signed"
    assert event_count(case) == events_before

    case = apply(case, "callback", actor=city.handler, now=at("2026-02-24 11:00"), note="电话告知办理结果，诉求人认可。")
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-24 11:30"))
    assert case.state == "submitted"
    assert case.replies.get().callback_note == "电话告知办理结果，诉求人认可。"


def test_a_call_before_the_answer_is_drafted_is_not_the_callback(city):
    # 第九条(七): 办结后回访诉求人，告知办理结果 -- a call while still investigating tells no result.
    case = received(city)
    case = apply(case, "callback", actor=city.handler, now=at("2026-02-13 11:00"), note="电话了解情况。")
    case = apply(case, "draft", actor=city.handler, now=at("2026-02-24 09:00"), body="已修复。", **HANDLER)
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-02-24 10:00"))
    with pytest.raises(RuleViolation, match="回访"):
        apply(case, "submit", actor=city.handler, now=at("2026-02-24 10:30"))


def test_a_writer_who_left_no_phone_or_email_needs_no_callback(city):
    case = drafted(city, citizen={"name": "匿名"})
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-02-24 10:00"))
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-24 10:30"))
    assert case.state == "submitted"
    case = apply(case, "approve", actor=city.reviewer, now=at("2026-02-24 15:00"))
    case = apply(case, "publish", actor=city.operator, now=at("2026-02-24 16:00"), mode="public")
    assert apply(case, "archive", actor=city.operator, now=at("2026-02-25 09:00")).state == "archived"


# ---- 退回重办 --------------------------------------------------------------------------------

def test_a_poor_answer_is_sent_back_for_redo_and_the_clock_keeps_running(city):
    case = apply(signed_and_called_back(city), "submit", actor=city.handler, now=at("2026-02-24 11:30"))
    due = case.due_at
    assert deadline_day(due) == dt.date(2026, 3, 2)
    with pytest.raises(NotPermitted):
        apply(case, "send_back", actor=city.operator, now=at("2026-02-25 09:00"), reason="……")

    case = apply(case, "send_back", actor=city.reviewer, now=at("2026-02-25 09:00"), reason="未履行应尽职责：未说明修复时间。")
    assert case.state == "sent_back"
    assert case.send_back_count == 1
    assert case.due_at == due, "第九条(三): 含退回重办件 -- the redo runs on the same clock"
    assert case.clock_started_at == at("2026-02-13 10:00")

    # The redone answer needs a new sign-off before it goes back.
    case = apply(case, "draft", actor=city.handler, now=at("2026-02-26 09:00"), body="已于 2 月 25 日修复。", **HANDLER)
    assert case.due_at == due
    with pytest.raises(RuleViolation, match="审签"):
        apply(case, "submit", actor=city.handler, now=at("2026-02-26 09:30"))
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-02-26 10:00"))
    case = apply(case, "submit", actor=city.handler, now=at("2026-02-26 10:30"))
    assert case.due_at == due
    case = apply(case, "approve", actor=city.reviewer, now=at("2026-02-26 15:00"))
    assert case.state == "approved"


def test_redo_time_counts_within_the_fifteen_day_limit(city):
    case = apply(signed_and_called_back(city), "submit", actor=city.handler, now=at("2026-02-24 11:30"))
    case = apply(case, "send_back", actor=city.reviewer, now=at("2026-02-25 09:00"), reason="答复不符合政策规定。")
    with pytest.raises(RuleViolation, match="最多还能延长 8 个工作日"):
        apply(case, "request_extension", actor=city.deputy, now=at("2026-02-25 10:00"), days=9, reason="重办需时间。")
    case = apply(case, "request_extension", actor=city.deputy, now=at("2026-02-25 10:00"), days=8, reason="重办需时间。")
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-25 11:00"))
    assert deadline_day(case.due_at) == dt.date(2026, 3, 12)


# ---- the whole path ---------------------------------------------------------------------

def test_chizhou_mailbox_letter_walks_from_receipt_to_the_archive(city):
    case = collect(POLICY, channel="governor_mailbox", now=at("2026-02-12 09:00"))
    case = apply(case, "accept", actor=city.operator, now=at("2026-02-12 09:30"))
    case = apply(case, "classify", actor=city.operator, now=at("2026-02-12 09:40"), msg_type="help", domain="urban")
    # 第九条(五): 必要时要进行法制审核 — the center says so as it dispatches
    case = apply(case, "dispatch", actor=city.operator, now=at("2026-02-13 10:00"), lead=city.housing, legal_review=True)
    assert deadline_day(case.due_at) == dt.date(2026, 3, 2)
    case = apply(case, "claim", actor=city.handler, now=at("2026-02-13 10:30"))
    # 第九条(二): 一事一报，呈请市政府领导作出批示
    case = apply(case, "report_to_leader", actor=city.operator, now=at("2026-02-13 11:00"), leader=city.leader,
                 grounds="repeated", reason="同一路段路灯反复损坏，已多次反映。")
    assert case.reported_to == city.leader
    case = apply(case, "instruct", actor=city.leader, now=at("2026-02-13 15:00"), text="请住建局抓紧解决。")
    assert case.supervised and case.reported_to is None
    # 第九条(四): 领导批示的，市政府办公室安排人员实地督查、会商研究
    assert case.on_site_due
    case = apply(case, "on_site", actor=city.supervisor, now=at("2026-02-25 17:00"), visited_on=dt.date(2026, 2, 25),
                 people="督查室 李科长", found="线缆老化需整体更换。", agreed="住建局申请延期，3 月上旬完成更换。")
    assert not case.on_site_due
    case = apply(case, "request_extension", actor=city.deputy, now=at("2026-02-27 09:00"), days=5, reason="需更换线缆，等待材料。")
    case = apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-27 10:00"))
    # 7 + 5 = 12 working days from 02-13: 03-02 (7), 03-03 (8), 03-04 (9), 03-05 (10), 03-06 (11), 03-09 (12)
    assert deadline_day(case.due_at) == dt.date(2026, 3, 9)
    case = apply(case, "draft", actor=city.handler, now=at("2026-03-03 09:00"), body="已修复。", **HANDLER)
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-03-03 10:00"))
    case = apply(case, "callback", actor=city.handler, now=at("2026-03-03 11:00"), note="电话告知已修复。")
    with pytest.raises(RuleViolation, match="法制审核"):
        apply(case, "submit", actor=city.handler, now=at("2026-03-03 11:10"))
    case = apply(case, "legal_review", actor=city.principal, now=at("2026-03-03 11:20"), reviewer="单位法律顾问",
                 conclusion="passed", note="答复符合相关规定。")
    case = apply(case, "submit", actor=city.handler, now=at("2026-03-03 11:30"))
    case = apply(case, "send_back", actor=city.reviewer, now=at("2026-03-03 15:00"), reason="未说明后续维护安排。")
    assert deadline_day(case.due_at) == dt.date(2026, 3, 9)
    # 第九条(四): 对临近到期尚未办结的事项，市政府办公室通过电话等方式催办，并做好记录
    case = apply(case, "phone_remind", actor=city.operator, now=at("2026-03-04 08:45"), callee="市住建局 王科长",
                 note="提醒 3 月 9 日到期，请按退回意见补充后报送。")
    assert case.prompts == 1
    case = apply(case, "draft", actor=city.handler, now=at("2026-03-04 09:00"), body="已于 3 月 3 日修复，并纳入月度巡检。", **HANDLER)
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-03-04 10:00"))
    # the redrafted answer is reviewed again
    case = apply(case, "legal_review", actor=city.principal, now=at("2026-03-04 10:15"), reviewer="单位法律顾问",
                 conclusion="passed", note="补充内容无误。")
    case = apply(case, "submit", actor=city.handler, now=at("2026-03-04 10:30"))
    case = apply(case, "approve", actor=city.reviewer, now=at("2026-03-04 15:00"))
    case = apply(case, "publish", actor=city.operator, now=at("2026-03-04 16:00"), mode="public")
    assert case.state == "published"
    assert not case.callback_due, "the callback was recorded before the answer went back"
    case = apply(case, "rate", actor=None, now=at("2026-03-05 12:00"), rating="satisfied")
    case = apply(case, "archive", actor=city.operator, now=at("2026-03-05 13:00"))
    # 第一条、第八条: answered on the platform it came by (the 省长信箱)
    assert Event.objects.get(case=case, action="publish").data["places"] == ["governor_mailbox"]

    # 第九条(七): 回头看 — after 清明 (04-04…04-06) the center samples March's closed cases, finds the
    # measures not carried out, and reopens the case
    sample = lookback.draw(since=dt.date(2026, 3, 1), until=dt.date(2026, 3, 31), size=5, by=city.operator,
                           now=at("2026-04-07 09:00"))
    assert list(sample.items.values_list("case", flat=True)) == [case.pk]
    case = apply(case, "look_back", actor=city.operator, now=at("2026-04-07 15:00"), result="not_done", via="writer",
                 note="回访留言人：路灯又坏了，巡检未落实。")
    case = apply(case, "reopen", actor=city.operator, now=at("2026-04-07 16:00"), reason="回头看核查：办理措施未落实。")

    case = fresh(case)
    assert case.state == "registered" and case.reopened_count == 1
    assert case.rating == ""  # the answer the writer rated is to be redone
    assert case.send_back_count == 1
    assert case.extension_count == 1
    assert [e.action for e in case.events.all()] == [
        "collect", "accept", "classify", "dispatch", "claim", "report_to_leader", "instruct", "on_site", "request_extension",
        "approve_extension", "draft", "sign_off", "callback", "legal_review", "submit", "send_back", "phone_remind", "draft",
        "sign_off", "legal_review", "submit", "approve", "publish", "rate", "archive", "look_back", "reopen",
    ]


def test_a_refused_extension_uses_up_the_one_request(city):
    # 第九条(三): 可申请延期1次 — the one request, whatever the answer
    case = received(city)
    apply(case, "request_extension", actor=city.deputy, now=at("2026-02-24 10:00"), days=3, reason="需协调供电公司")
    apply(case, "refuse_extension", actor=city.reviewer, now=at("2026-02-24 11:00"), decision_note="可按期办结")
    with pytest.raises(RuleViolation, match="只能申请延期 1 次"):
        apply(case, "request_extension", actor=city.deputy, now=at("2026-02-24 15:00"), days=2, reason="再次申请")
