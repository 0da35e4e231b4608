"""派单异议 (国办函〔2025〕66号: 派单异议审核): a unit returns a case citing the dispatch catalogue; the
center decides. The dispute holds: redispatched to the unit the catalogue names, and where the
catalogue was wrong it is corrected (a new version) in the same step. It does not: back to the unit."""
import time_machine

from minpan.cases.errors import IllegalTransition, NotPermitted, RuleViolation
from minpan.cases.models import Assignment, Event
from minpan.cases.transitions import apply
from minpan.catalogue.disputes import disputed_dispatches
from minpan.catalogue.models import MatterVersion
from tests.catalogue_data import streetlights
from tests.flow import at, dispatched, refused


def _returned_citing(city, version, *, lead=None):
    with time_machine.travel(at("2026-03-02 09:00"), tick=False):
        case = dispatched(city, "tongliao", lead=lead or city.housing, co=[city.street])
    with time_machine.travel(at("2026-03-02 10:00"), tick=False):
        return apply(case, "return", actor=city.deputy, matter=version.matter, reason="路灯已移交东城区管护，不属本局。")


def test_a_return_cites_the_matter_and_the_catalogue_stands_as_its_basis(city):
    version = streetlights(city)
    case = _returned_citing(city, version)
    assert case.state == "returned"
    a = Assignment.objects.get(case=case, unit=city.housing)
    assert a.disputed_matter == version.matter and a.dispute_outcome == ""
    assert "urban-streetlight" in a.return_basis and "第1版" in a.return_basis
    ev = Event.objects.get(case=case, action="return")
    assert ev.data["dispute"]["code"] == "urban-streetlight" and ev.data["dispute"]["catalogue_lead_name"] == "市住建局"


def test_a_disputed_return_waits_for_the_decision_before_a_plain_dispatch(city):
    case = _returned_citing(city, streetlights(city))
    refused(case, RuleViolation, "dispatch", actor=city.operator, lead=city.education)
    refused(case, NotPermitted, "reject_dispute", actor=city.handler, reason="仍属住建局。")


def test_the_dispute_holds_the_case_goes_where_the_center_says_and_the_catalogue_gets_a_new_version(city):
    version = streetlights(city)
    case = _returned_citing(city, version)
    with time_machine.travel(at("2026-03-02 14:00"), tick=False):
        case = apply(case, "accept_dispute", actor=city.operator, lead=city.district, co=[],
                     update_catalogue=True, reason="2026 年起路灯由区管护。")
    assert case.state == "dispatched" and case.lead_unit == city.district
    new = MatterVersion.objects.get(matter=version.matter, number=2)
    assert new.lead_unit == city.district and new.edited_by == city.operator
    assert new.valid_from == at("2026-03-02 14:00") and case.reference in new.reason
    # the version in force on a day is recoverable: before the decision the housing bureau's
    assert version.matter.version_at(at("2026-03-02 13:00")).lead_unit == city.housing
    assert version.matter.version_at(at("2026-03-02 15:00")).lead_unit == city.district
    ev = Event.objects.get(case=case, action="accept_dispute")
    assert (ev.data["new_version"], ev.data["from_name"], ev.data["lead_name"]) == (2, "市住建局", "东城区")
    assert Assignment.objects.get(case=case, unit=city.housing).dispute_outcome == "accepted"
    assert apply(case, "claim", actor=city.district_handler).state == "in_progress"


def test_the_dispute_holds_and_the_case_goes_to_the_unit_the_catalogue_names(city):
    version = streetlights(city, lead=city.district)  # the catalogue says 东城区, yet 住建局 got it
    case = _returned_citing(city, version, lead=city.housing)
    case = apply(case, "accept_dispute", actor=city.operator, reason="按派单目录交办。")
    assert case.lead_unit == city.district
    assert MatterVersion.objects.filter(matter=version.matter).count() == 1  # the catalogue was right


def test_the_dispute_does_not_hold_and_the_case_goes_back_with_the_reason(city):
    case = _returned_citing(city, streetlights(city))
    with time_machine.travel(at("2026-03-02 15:00"), tick=False):
        case = apply(case, "reject_dispute", actor=city.operator, reason="目录第1版仍有效，路灯移交尚未完成。")
    assert case.state == "dispatched" and case.lead_unit == city.housing
    lead = Assignment.objects.get(case=case, active=True, role="lead")
    assert lead.instructions == "目录第1版仍有效，路灯移交尚未完成。"
    assert set(Assignment.objects.filter(case=case, active=True, role="co").values_list("unit", flat=True)) == {city.street.pk}
    assert Assignment.objects.get(case=case, active=False, role="lead").dispute_outcome == "rejected"
    assert Event.objects.get(case=case, action="reject_dispute").data["reason"].startswith("目录第1版")
    # decided once: nothing left to decide
    refused(case, IllegalTransition, "reject_dispute", actor=city.operator, reason="再次。")


def test_a_plain_return_has_no_dispute_to_decide(city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=False):
        case = dispatched(city, "tongliao")
    with time_machine.travel(at("2026-03-02 10:00"), tick=False):
        case = apply(case, "return", actor=city.deputy, reason="非本局职责。")
    refused(case, RuleViolation, "accept_dispute", actor=city.operator, reason="成立。")
    assert apply(case, "dispatch", actor=city.operator, lead=city.education).lead_unit == city.education


def test_accepting_a_dispute_back_to_the_same_unit_is_refused(city):
    case = _returned_citing(city, streetlights(city))
    refused(case, RuleViolation, "accept_dispute", actor=city.operator, reason="成立。")  # the catalogue names 住建局 itself


def test_each_units_disputed_dispatches_are_counted(city):
    version = streetlights(city)
    for decide in ("accept_dispute", "reject_dispute", None):
        case = _returned_citing(city, version)
        if decide == "accept_dispute":
            apply(case, decide, actor=city.operator, lead=city.district, co=[], reason="成立。")
        elif decide:
            apply(case, decide, actor=city.operator, reason="不成立。")
    rows = {r["unit_name"]: r for r in disputed_dispatches(since=at("2026-03-01 00:00"), until=at("2026-03-03 00:00"))}
    assert rows["市住建局"] == {"unit": city.housing.pk, "unit_name": "市住建局", "returned": 3, "disputed": 3,
                              "accepted": 1, "rejected": 1, "pending": 1}
