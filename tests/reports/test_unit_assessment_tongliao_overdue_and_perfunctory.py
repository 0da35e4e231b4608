"""Tongliao 第十九条 names 敷衍塞责 and 逾期办理 among what starts “三单一函”; 第二十一条 takes points off
(反向扣分) in the yearly assessment. One case, received the day before the National Day week:

    09-30 received by 市住建局; deadline 5 working days on: 10-08, 09, 10 (makeup Saturday), 12, 13
    10-12 a perfunctory answer sent back (敷衍塞责)       -2  (quality; not also the send-back point)
    10-13 deadline passes unanswered                        -2  (overdue, on its deadline day)
    10-14 the sweep urges the unit (催办, the ladder's first rung)  -1
    10-15 answered (late)                                   =  95 for October; 100 for September
"""
import pytest
import time_machine

from minpan.cases.transitions import apply
from minpan.notify.sweep import sweep
from minpan.policies.presets import PRESETS
from minpan.reports.assessment import assess
from minpan.reports.periods import Period
from tests.flow import at, dispatched, fresh

pytestmark = pytest.mark.django_db

REPLY = "已安排人员现场核查并完成维修，经办人李工，电话 0475-8123456。"


def _submit(city, case, body):
    apply(case, "draft", actor=city.handler, body=body, handler_name="李工", handler_phone="0475-8123456")
    apply(case, "sign_off", actor=city.principal, sealed=True)
    apply(case, "submit", actor=city.handler)


def test_overdue_and_perfunctory_answers_take_points_off(city):
    with time_machine.travel(at("2026-09-30 10:00"), tick=False):
        case = dispatched(city, "tongliao", lead=city.housing)
        apply(case, "claim", actor=city.handler)
    with time_machine.travel(at("2026-10-12 10:00"), tick=False):
        _submit(city, case, "已收悉，正在研究。")
        apply(case, "send_back", actor=city.reviewer, reason="未回应诉求。", fault="perfunctory")
    sweep(now=at("2026-10-14 09:00"))
    with time_machine.travel(at("2026-10-15 10:00"), tick=False):
        _submit(city, case, REPLY)
        apply(case, "approve", actor=city.reviewer)
        apply(case, "publish", actor=city.operator, mode="public")
    case = fresh(case)
    assert case.deadline_at == at("2026-10-14 00:00")  # 24:00 of 10-13

    housing = next(s for s in assess(Period.month(2026, 10), PRESETS["tongliao"], items_of=None) if s.unit == city.housing)
    assert [(i.what, i.points, i.on.isoformat(), i.article) for i in housing.items] == [
        ("答复质量问题被退回", -2, "2026-10-12", "第十九条、第二十一条"),
        ("逾期未按期办结", -2, "2026-10-13", "第十九条、第二十一条"),
        ("逾期催办、督办", -1, "2026-10-14", "第十九条、第二十一条"),
    ]
    assert (housing.score, housing.taken_off, housing.added, housing.cases) == (95, 5, 0, 1)
    september = next(s for s in assess(Period.month(2026, 9), PRESETS["tongliao"], items_of=None) if s.unit == city.housing)
    assert (september.score, september.items) == (100, [])
