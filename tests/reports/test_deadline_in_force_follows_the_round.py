"""The deadline in force (Case.deadline_at) is the present round's: kept once the answer is
approved and published, gone when the clock stops (退办, 重新办理), new with a new dispatch."""
import datetime as dt

import pytest
import time_machine

from minpan.cases.transitions import apply
from minpan.workdays.arith import end_of_day
from tests.flow import at, dispatched, fresh

pytestmark = pytest.mark.django_db


def test_a_return_drops_it_and_the_next_dispatch_counts_anew(city):
    with time_machine.travel(at("2026-09-29 09:00"), tick=False):
        case = dispatched(city, "tongliao")
    # Tongliao 第十条: 5 working days from receipt, across the National Day week
    assert fresh(case).deadline_at == end_of_day(dt.date(2026, 10, 12))
    with time_machine.travel(at("2026-09-29 15:00"), tick=False):
        apply(case, "return", actor=city.deputy, reason="不属本单位职责", basis="三定方案")
    assert fresh(case).deadline_at is None
    with time_machine.travel(at("2026-10-09 09:00"), tick=False):
        apply(case, "dispatch", actor=city.operator, lead=city.education)
    assert fresh(case).deadline_at == end_of_day(dt.date(2026, 10, 15))  # the makeup Saturday 10-10 counts


def test_kept_through_approval_publication_and_rating_then_gone_on_reopening(city):
    with time_machine.travel(at("2026-04-28 09:00"), tick=False):
        case = dispatched(city, "tongliao")
        apply(case, "claim", actor=city.handler)
        apply(case, "draft", actor=city.handler, body="已安排维修，经办人李工，电话 0475-8123456。", handler_name="李工", handler_phone="0475-8123456")
        apply(case, "sign_off", actor=city.principal, sealed=True)
        apply(case, "submit", actor=city.handler)
        apply(case, "approve", actor=city.reviewer)
    # 4-28 + 5 working days: 4-29, 4-30, (5-1 to 5-5 Labour Day), 5-6, 5-7, 5-8
    due = end_of_day(dt.date(2026, 5, 8))
    assert fresh(case).due_at is None and fresh(case).deadline_at == due
    with time_machine.travel(at("2026-05-08 15:00"), tick=False):
        apply(case, "publish", actor=city.operator, mode="public")
        apply(case, "rate", rating="satisfied")
    assert fresh(case).deadline_at == due
    with time_machine.travel(at("2026-05-11 10:00"), tick=False):
        apply(case, "reopen", actor=city.operator, reason="留言人反映问题未解决")
    assert fresh(case).deadline_at is None
