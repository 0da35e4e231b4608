"""Submitting a reply records the reply check's flags on the submit event; it never blocks the submission."""
from minpan.cases.transitions import apply

from .flow import at, dispatched, fresh

GOOD = ("经现场核实，幸福小区 3 号楼前路灯因线路老化损坏。市住建局已于 2 月 24 日更换线路和灯具，"
        "路灯已恢复照明，并将小区路灯纳入每月巡查。")


def submitted(city, policy, *, body, now, **handler):
    case = dispatched(city, policy, now=at(now))
    case = apply(case, "claim", actor=city.handler, now=at(now))
    case = apply(case, "draft", actor=city.handler, now=at(now), body=body, **handler)
    if policy == "tongliao":
        case = apply(case, "sign_off", actor=city.principal, now=at(now), sealed=True)
    return apply(case, "submit", actor=city.handler, now=at(now))


def submit_event(case):
    return fresh(case).events.get(action="submit")


def test_reply_without_a_contact_number_is_submitted_with_the_flag_recorded(city):
    # Tongliao 第十二条 asks for the handler's contact; "待定" is not one
    case = submitted(city, "tongliao", body=GOOD, now="2026-02-24 10:00", handler_name="李工", handler_phone="待定")
    assert case.state == "submitted"
    data = submit_event(case).data
    assert data["reply_flags"] == ["no_contact"]
    assert data["reply_version"] == 1


def test_complete_reply_is_recorded_with_no_flags(city):
    case = submitted(city, "tongliao", body=GOOD, now="2026-02-24 10:00", handler_name="李工", handler_phone="0475-1234567")
    data = submit_event(case).data
    assert data["reply_flags"] == []
    assert data["reply_relevance"] > 0.05


def test_perfunctory_reply_is_flagged_but_the_reviewer_decides(city):
    case = submitted(city, "yuncheng", body="已转街道处理。", now="2026-02-24 10:00")
    assert case.state == "submitted"
    assert set(submit_event(case).data["reply_flags"]) == {"perfunctory", "no_result_or_basis"}
    case = apply(case, "send_back", actor=city.reviewer, now=at("2026-02-24 15:00"), reason="敷衍塞责，未说明办理结果。")
    assert case.state == "sent_back"
