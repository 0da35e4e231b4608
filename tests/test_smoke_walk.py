import time_machine

from minpan.cases.transitions import apply
from tests.flow import at, dispatched


def test_tongliao_case_walks_from_message_to_archive(city):
    with time_machine.travel(at("2026-09-29 10:00"), tick=False):
        case = dispatched(city, "tongliao")
    assert case.state == "dispatched"
    assert case.reg_no.startswith("2026-")
    case = apply(case, "claim", actor=city.handler, now=at("2026-09-29 11:00"))
    case = apply(case, "draft", actor=city.handler, now=at("2026-09-30 09:00"), body="已修复。", handler_name="李工", handler_phone="0475-1234567")
    case = apply(case, "sign_off", actor=city.principal, now=at("2026-09-30 10:00"), sealed=True)
    case = apply(case, "submit", actor=city.handler, now=at("2026-09-30 10:10"))
    case = apply(case, "approve", actor=city.reviewer, now=at("2026-09-30 11:00"))
    case = apply(case, "publish", actor=city.operator, now=at("2026-09-30 12:00"), mode="public")
    case = apply(case, "rate", actor=None, now=at("2026-10-09 12:00"), rating="satisfied")
    case = apply(case, "archive", actor=city.operator, now=at("2026-10-09 13:00"))
    assert case.state == "archived"
    assert [e.action for e in case.events.all()] == [
        "collect", "accept", "classify", "dispatch", "claim", "draft", "sign_off", "submit", "approve", "publish", "rate", "archive",
    ]
