"""Ten messages under the Tongliao policy (5 working days from receipt of the 承办单), handled
through the core's transitions with time frozen, across September and October 2026: the
Mid-Autumn Festival (Friday 25 September), the makeup Sunday 20 September, the National Day
week (1–7 October) and the makeup Saturday 10 October. Every figure the indicators give for
October (and September, the month before) is worked out by hand in test_indicators.py.

    J  received 09-14 → 东城区; deadline 09-20 (the makeup Sunday); never answered
    I  received 09-21 → 市住建局; deadline 09-29; answered 09-29; rated 基本满意 10-09
    A  received 09-28 → 市住建局; deadline 10-10 (makeup Saturday); answered 10-10 16:00 (on time); rated 满意 10-12
    B  received 09-29 → 市教育局; deadline 10-12, +3 days approved 10-09 → 10-15; answered 10-16 (late); rated 不满意
    C  received 10-08 → 东城街道 (under 东城区); deadline 10-14; submitted 10-12, sent back 10-13; answered 11-02
    D  received 10-09, not accepted
    E  received 10-12, merged into A
    F  received 10-20 → 市住建局, returned that day; → 市教育局 10-21; deadline 10-28; answered 10-28 15:00; callback 10-29
    G  received 10-27 → 市住建局; deadline 11-03; open
    H  received 10-29 (主席板块), a consultation the center answers itself, privately, 10-30
"""
from types import SimpleNamespace

import pytest
import time_machine
from django.contrib.auth import get_user_model

from minpan.cases.transitions import apply
from minpan.units.models import Membership
from minpan.units.roles import Role
from tests.flow import at, collect, fresh

POLICY = "tongliao"


def on(text):
    return time_machine.travel(at(text), tick=False)


def received(city, text, *, lead=None, msg_type="consult", domain="urban", channel="people_daily"):
    with on(text):
        case = collect(POLICY, channel=channel)
        apply(case, "accept", actor=city.operator)
        apply(case, "classify", actor=city.operator, msg_type=msg_type, domain=domain)
        if lead is not None:
            apply(case, "dispatch", actor=city.operator, lead=lead)
    return case


def drafted_and_submitted(case, handler, principal, text):
    with on(text):
        apply(case, "draft", actor=handler, body="已安排人员现场核查并完成维修，经办人李工，电话 0475-8123456。",
              handler_name="李工", handler_phone="0475-8123456")
        apply(case, "sign_off", actor=principal, sealed=True)
        apply(case, "submit", actor=handler)


def published(city, case, text, mode="public"):
    with on(text):
        apply(case, "approve", actor=city.reviewer)
        apply(case, "publish", actor=city.operator, mode=mode, public_note="" if mode == "public" else "涉及个人隐私，已直接答复本人。")


def answered_by(city, case, handler, principal, text):
    with on(text):
        apply(case, "claim", actor=handler)
    drafted_and_submitted(case, handler, principal, text)
    published(city, case, text)


@pytest.fixture
def two_months(city):
    street_principal = get_user_model().objects.create_user(username="street_principal", password="correct-horse-battery")
    Membership.objects.create(user=street_principal, unit=city.street, role=Role.UNIT_PRINCIPAL)
    c = SimpleNamespace()

    c.J = received(city, "2026-09-14 10:00", lead=city.district)

    c.I = received(city, "2026-09-21 10:00", lead=city.housing)
    answered_by(city, c.I, city.handler, city.principal, "2026-09-29 16:00")

    c.A = received(city, "2026-09-28 10:00", lead=city.housing)
    answered_by(city, c.A, city.handler, city.principal, "2026-10-10 16:00")

    c.B = received(city, "2026-09-29 09:00", lead=city.education, msg_type="complaint", domain="education")
    with on("2026-09-29 10:00"):
        apply(c.B, "claim", actor=city.edu_handler)
    with on("2026-10-09 10:00"):
        # the principal's own request goes straight to the center (逐级, 第十四条)
        apply(c.B, "request_extension", actor=city.edu_principal, days=3, reason="需会同区政府现场核实")
        apply(c.B, "approve_extension", actor=city.reviewer)
    drafted_and_submitted(c.B, city.edu_handler, city.edu_principal, "2026-10-16 08:30")
    published(city, c.B, "2026-10-16 09:00")

    c.C = received(city, "2026-10-08 10:00", lead=city.street)
    with on("2026-10-08 11:00"):
        apply(c.C, "claim", actor=city.street_handler)
    drafted_and_submitted(c.C, city.street_handler, street_principal, "2026-10-12 10:00")
    with on("2026-10-13 10:00"):
        apply(c.C, "send_back", actor=city.reviewer, reason="未说明维修完成时间")

    with on("2026-10-09 11:00"):
        c.D = collect(POLICY)
        apply(c.D, "not_accept", actor=city.operator, reason="out_of_scope", explanation="属省级事权。", suggested_channel="省政府网站")

    with on("2026-10-12 10:00"):
        c.E = collect(POLICY)
        apply(c.E, "merge", actor=city.operator, target=c.A.pk)

    c.F = received(city, "2026-10-20 10:00", lead=city.housing, msg_type="complaint", domain="education")
    with on("2026-10-20 15:00"):
        apply(c.F, "return", actor=city.deputy, reason="不属本单位职责", basis="三定方案")
    with on("2026-10-21 09:00"):
        apply(c.F, "dispatch", actor=city.operator, lead=city.education)
    answered_by(city, c.F, city.edu_handler, city.edu_principal, "2026-10-28 15:00")
    with on("2026-10-29 10:00"):
        apply(c.F, "callback", actor=city.operator, note="已电话回访，留言人认可。")

    c.G = received(city, "2026-10-27 09:00", lead=city.housing)

    c.H = received(city, "2026-10-29 09:00", channel="people_daily_chairman")
    with on("2026-10-30 10:00"):
        apply(c.H, "direct_answer", actor=city.operator, body="您咨询的事项可在市政务服务中心一楼窗口办理。")
    published_directly = on("2026-10-30 10:30")
    with published_directly:
        apply(c.H, "publish", actor=city.operator, mode="private", public_note="涉及个人信息，已直接答复本人。")

    with on("2026-10-09 12:00"):
        apply(c.I, "rate", rating="basically")
    with on("2026-10-12 12:00"):
        apply(c.A, "rate", rating="satisfied")
    with on("2026-10-16 12:00"):
        apply(c.B, "rate", rating="unsatisfied")

    # after the period: C answered at last (still overdue at the end of October)
    drafted_and_submitted(c.C, city.street_handler, street_principal, "2026-11-02 09:00")
    published(city, c.C, "2026-11-02 10:00")

    for name in "ABCDEFGHIJ":
        setattr(c, name, fresh(getattr(c, name)))
    c.housing_id, c.education_id, c.district_id = city.housing.pk, city.education.pk, city.district.pk
    return c
