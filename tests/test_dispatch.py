import pytest

from minpan.cases.errors import RuleViolation
from minpan.cases.models import Assignment, Case, Event
from minpan.cases.transitions import apply
from tests.flow import at, registered


def test_dispatch_gives_a_lead_and_co_units_and_starts_the_clock_on_receipt(city):
    case = registered(city, "tongliao", now=at("2026-02-12 15:00"))
    case = apply(case, "dispatch", actor=city.operator, now=at("2026-02-12 16:00"), lead=city.housing, co=[city.education, city.district])
    roles = dict(Assignment.objects.filter(case=case).values_list("unit__code", "role"))
    assert roles == {"zhujian": "lead", "jiaoyu": "co", "dongcheng": "co"}
    assert case.lead_unit == city.housing
    # Tongliao 第十条: 5 working days from receipt. 02-13 Fri (1), 02-14 Sat makeup (2),
    # Spring Festival 02-15..02-23, 02-24 Tue (3), 02-25 (4), 02-26 (5)
    assert case.due_at == at("2026-02-27 00:00")


def test_dispatch_to_the_center_itself_is_refused_and_nothing_is_written(city):
    case = registered(city, "tongliao")
    events = Event.objects.filter(case=case).count()
    with pytest.raises(RuleViolation, match="不是可交办的承办单位"):
        apply(case, "dispatch", actor=city.operator, lead=city.housing, co=[city.center])
    assert Assignment.objects.filter(case=case).count() == 0
    assert Case.objects.get(pk=case.pk).state == "registered"
    assert Event.objects.filter(case=case).count() == events


def test_registration_numbers_count_up_within_the_year(city):
    first = registered(city, "tongliao", now=at("2026-03-02 09:00"))
    second = registered(city, "tongliao", now=at("2026-03-02 09:05"))
    assert first.reg_no == "2026-000001" and second.reg_no == "2026-000002"
    next_year = registered(city, "tongliao", now=at("2027-01-05 09:00"))
    assert next_year.reg_no == "2027-000001"


def test_a_message_type_outside_the_policy_is_refused(city):
    case = registered(city, "xizang")
    with pytest.raises(RuleViolation, match="不在本制度范围内"):
        apply(case, "classify", actor=city.operator, msg_type="report", domain="urban")


def test_a_deadline_in_a_year_without_schedule_is_flagged_and_logged(city, caplog):
    case = registered(city, "chizhou", now=at("2026-12-28 09:00"))
    with caplog.at_level("WARNING", logger="minpan.workdays"):
        case = apply(case, "dispatch", actor=city.operator, now=at("2026-12-28 10:00"), lead=city.housing)
    assert case.calendar_unverified
    assert "2027" in caplog.text and "未载入" in caplog.text
    # weekends only: 12-29 (1), 12-30 (2), 12-31 (3), 01-01 (4), 01-04 (5), 01-05 (6), 01-06 (7)
    assert case.due_at == at("2027-01-07 00:00")


def test_a_deadline_inside_known_years_is_not_flagged(city):
    case = registered(city, "chizhou", now=at("2026-10-08 09:00"))
    case = apply(case, "dispatch", actor=city.operator, now=at("2026-10-08 10:00"), lead=city.housing)
    assert not case.calendar_unverified


def test_a_pending_extension_does_not_follow_the_case_into_a_new_round(city):
    case = registered(city, "tongliao", now=at("2026-03-02 09:00"))
    apply(case, "dispatch", actor=city.operator, now=at("2026-03-02 10:00"), lead=city.housing)
    apply(case, "claim", actor=city.handler, now=at("2026-03-02 11:00"))
    apply(case, "request_extension", actor=city.handler, now=at("2026-03-03 10:00"), days=3, reason="需现场核查")
    apply(case, "endorse_extension", actor=city.deputy, now=at("2026-03-03 11:00"))
    apply(case, "draft", actor=city.handler, now=at("2026-03-04 10:00"), body="已修复。", handler_name="李工", handler_phone="0475-1")
    apply(case, "sign_off", actor=city.principal, now=at("2026-03-04 11:00"), sealed=True)
    apply(case, "submit", actor=city.handler, now=at("2026-03-04 12:00"))
    apply(case, "approve", actor=city.reviewer, now=at("2026-03-04 13:00"))
    apply(case, "publish", actor=city.operator, now=at("2026-03-04 14:00"), mode="public")
    apply(case, "reopen", actor=city.operator, now=at("2026-03-05 09:00"), reason="回头看发现未修复")
    case = apply(case, "dispatch", actor=city.operator, now=at("2026-03-05 10:00"), lead=city.housing)
    assert not case.extension_pending
    assert case.extensions.get().state == "refused"
    with pytest.raises(RuleViolation, match="没有待审批的延期申请"):
        apply(case, "approve_extension", actor=city.reviewer, now=at("2026-03-05 11:00"))
