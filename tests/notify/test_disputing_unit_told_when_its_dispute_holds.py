"""派单异议 decided (国办函〔2025〕66号 派单异议审核): the unit that returned a case citing the 派单目录
learns the outcome. It holds: the new lead unit is told as on dispatch, and the disputing unit that
it need not go on, where the case went and the center's reasons. It does not: the case comes back
to the disputing unit as a dispatch, the reason as the instructions. Both decisions are in the
audit trail."""
import time_machine

from minpan.audit.models import AuditEntry
from minpan.cases.transitions import apply
from minpan.notify.models import Kind, Notification
from tests.catalogue_data import streetlights
from tests.flow import at, dispatched


def _returned_citing(city):
    version = streetlights(city)
    with time_machine.travel(at("2026-03-02 09:00"), tick=False):
        case = dispatched(city, "tongliao", lead=city.housing)
    with time_machine.travel(at("2026-03-02 10:00"), tick=False):
        return apply(case, "return", actor=city.deputy, matter=version.matter, reason="路灯已移交东城区管护，不属本局。")


def _told(kind, unit_user):
    return Notification.objects.filter(kind=kind, recipient=unit_user)


def test_the_disputing_unit_learns_its_dispute_held_and_where_the_case_went(city, django_capture_on_commit_callbacks):
    case = _returned_citing(city)
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(at("2026-03-02 14:00"), tick=False):
        apply(case, "accept_dispute", actor=city.operator, lead=city.district, co=[], reason="2026 年起路灯由区管护。")
    note = _told(Kind.DISPUTE_ACCEPTED, city.handler).get()
    assert "东城区" in note.body and "2026 年起路灯由区管护。" in note.body and "urban-streetlight" in note.body and "城市道路照明（路灯）维护" in note.body
    assert "无需继续办理" in note.body
    assert _told(Kind.DISPATCHED, city.district_handler).exists()  # the new lead, as on any dispatch
    entry = AuditEntry.objects.get(action="dispute_decided")
    assert entry.user_id == city.operator.pk and entry.detail == f"{case.reference} 异议成立"


def test_a_rejected_dispute_comes_back_to_the_unit_with_the_reason(city, django_capture_on_commit_callbacks):
    case = _returned_citing(city)
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(at("2026-03-02 14:00"), tick=False):
        apply(case, "reject_dispute", actor=city.operator, reason="路灯移交手续尚未办结，仍由住建局管护")
    again = _told(Kind.DISPATCHED, city.handler).order_by("-pk").first()
    assert again is not None and "路灯移交手续尚未办结" in again.body
    assert not _told(Kind.DISPUTE_ACCEPTED, city.handler).exists()
    assert AuditEntry.objects.get(action="dispute_decided").detail == f"{case.reference} 异议不成立"
