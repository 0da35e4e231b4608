"""Naiman 第十八条: 对工作认真、办理质量好的通报表扬；对敷衍应付、逾期办理的予以通报批评. The praise
thresholds are the city's (本市设定: at least 3 cases falling due, all on time, 90% satisfied).

February 2026, across the Spring Festival (holiday 15–23 February, makeup Saturday the 14th):
messages received Thursday the 12th fall due Thursday the 26th (13th, 14th, 24th, 25th, 26th).
    市住建局: three cases answered on the 24th, each rated 满意 — praised
    东城区:   three cases answered on the 24th, rated 满意, but one answer was first sent back as
              敷衍塞责 — criticised for it, not praised
    市教育局: one case never answered — overdue at the month's end, criticised"""
import dataclasses

import pytest
import time_machine
from django.contrib.auth import get_user_model

from minpan.bulletins.drafting import draft
from minpan.bulletins.services import bulletin_draft
from minpan.cases.transitions import apply
from minpan.policies.presets import PRESETS
from minpan.reports.periods import Period
from minpan.units.models import Membership
from minpan.units.roles import Role
from tests.flow import at, dispatched, fresh

FEBRUARY = Period.month(2026, 2)
NAIMAN = PRESETS["naiman"]


def _answered(city, lead, handler, signer, *, perfunctory=False):
    with time_machine.travel(at("2026-02-12 10:00"), tick=False):
        case = dispatched(city, "naiman", lead=lead)
    with time_machine.travel(at("2026-02-24 10:00"), tick=False):
        apply(case, "claim", actor=handler)
        apply(case, "draft", actor=handler, body="经现场核查，已于 2 月 24 日修复路灯并恢复照明，今后定期巡查。")
        apply(case, "sign_off", actor=signer, sealed=True)
        apply(case, "submit", actor=handler)
        if perfunctory:
            apply(case, "send_back", actor=city.reviewer, reason="未说明处理结果。", fault="perfunctory")
            apply(case, "draft", actor=handler, body="经现场核查，已于 2 月 24 日更换灯具并恢复照明，今后每月巡查一次。")
            apply(case, "sign_off", actor=signer, sealed=True)
            apply(case, "submit", actor=handler)
        apply(case, "approve", actor=city.reviewer)
        apply(case, "publish", actor=city.operator, mode="public")
    with time_machine.travel(at("2026-02-27 10:00"), tick=False):
        apply(case, "rate", rating="satisfied")
    return fresh(case)


@pytest.fixture
def february(city):
    district_principal = get_user_model().objects.create_user(username="district_principal", password="correct-horse-battery")
    Membership.objects.create(user=district_principal, unit=city.district, role=Role.UNIT_PRINCIPAL)
    housing = [_answered(city, city.housing, city.handler, city.principal) for _ in range(3)]
    district = [_answered(city, city.district, city.district_handler, district_principal, perfunctory=i == 0) for i in range(3)]
    with time_machine.travel(at("2026-02-12 11:00"), tick=False):
        late = dispatched(city, "naiman", lead=city.education)
    return {"housing": housing, "district": district, "late": fresh(late)}


def _sections(lines) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in lines:
        out.setdefault(line["section"], set()).add(line["unit_name"])
    return out


def test_exemplary_overdue_and_perfunctory_units(city, february):
    assert february["late"].due_at == at("2026-02-27 00:00")  # 24:00 of the 26th
    bulletin = bulletin_draft(period=FEBRUARY, by=city.supervisor, now=at("2026-03-02 09:00"), policy=NAIMAN)
    assert _sections(bulletin.lines) == {"exemplary": {"市住建局"}, "overdue": {"市教育局"}, "perfunctory": {"东城区"}}
    praised = next(line for line in bulletin.lines if line["section"] == "exemplary")
    assert praised["cases"] == sorted(c.reference for c in february["housing"])
    assert (praised["figures"]["fell_due"], praised["figures"]["on_time_rate"], praised["figures"]["satisfaction_rate"]) == (3, 1.0, 1.0)
    faulted = next(line for line in bulletin.lines if line["section"] == "perfunctory")
    assert faulted["cases"] == [february["district"][0].reference] and faulted["figures"]["perfunctory"] == 1
    said = "\n".join(bulletin.paragraphs)
    assert "二、通报表扬。以下单位办理工作认真、办理质量好，予以通报表扬：市住建局（3 件）" in said
    assert "第十八条" in said


def test_the_thresholds_are_the_citys(city, february):
    stricter = dataclasses.replace(NAIMAN, bulletins=dataclasses.replace(NAIMAN.bulletins, praise_min_cases=4))
    assert "exemplary" not in _sections(draft(FEBRUARY, stricter).lines)
    assert {"bulletins.praise_min_cases", "bulletins.praise_on_time_percent"} <= set(NAIMAN.city_settings)


def test_tongliao_names_no_exemplary_unit(city, february):
    assert "exemplary" not in _sections(draft(FEBRUARY, PRESETS["tongliao"]).lines)
