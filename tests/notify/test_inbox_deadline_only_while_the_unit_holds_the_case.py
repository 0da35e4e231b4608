"""我的通知: beside 查看留言 a notice shows the case's 办理期限 only while the reader's unit holds
the case. After its dispute held (or a 改派, a 撤回) the deadline is the next unit's; the line
says instead that this unit no longer handles it."""
import time_machine

from minpan.cases.transitions import apply
from minpan.notify.inbox import send
from minpan.notify.models import Kind
from tests.catalogue_data import streetlights
from tests.flow import at, dispatched

SHOWN = '<span class="muted">办理期限'


def _inbox(client, user) -> str:
    client.force_login(user)
    page = client.get("/notify/inbox/")
    assert page.status_code == 200
    return page.content.decode()


def test_a_unit_whose_dispute_held_is_not_shown_the_next_units_deadline(client, city, django_capture_on_commit_callbacks):
    version = streetlights(city)
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(at("2026-03-02 09:00"), tick=False):
        case = dispatched(city, "tongliao", lead=city.housing)
    with time_machine.travel(at("2026-03-02 10:00"), tick=False):
        apply(case, "return", actor=city.deputy, matter=version.matter, reason="路灯已移交东城区管护，不属本局。")
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(at("2026-03-02 14:00"), tick=False):
        apply(case, "accept_dispute", actor=city.operator, lead=city.district, co=[], reason="2026 年起路灯由区管护。")
    with time_machine.travel(at("2026-03-02 15:00"), tick=False):
        returned = _inbox(client, city.handler)
        new_lead = _inbox(client, city.district_handler)
    # the notice names the matter as the catalogue does, not by its code alone
    assert "派单目录事项“城市道路照明（路灯）维护”" in returned
    assert "本单位已不再办理" in returned and SHOWN not in returned  # its dispatch notice's own text keeps the old one
    assert SHOWN in new_lead and "本单位已不再办理" not in new_lead


def test_the_holding_unit_and_the_center_see_the_deadline(client, city, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(at("2026-03-02 09:00"), tick=False):
        case = dispatched(city, "tongliao", lead=city.housing)
    send(Kind.REMIND, [city.operator], now=at("2026-03-02 10:00"), case=case, deliver=False, unit="市住建局", due="x")
    with time_machine.travel(at("2026-03-02 11:00"), tick=False):
        assert SHOWN in _inbox(client, city.handler)  # its dispatch notice
        assert SHOWN in _inbox(client, city.operator)


def test_a_notice_about_a_case_the_unit_never_held_shows_neither(client, city, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(at("2026-03-02 09:00"), tick=False):
        case = dispatched(city, "tongliao", lead=city.housing)
    send(Kind.REMIND, [city.district_handler], now=at("2026-03-02 10:00"), case=case, deliver=False, unit="市住建局", due="x")
    with time_machine.travel(at("2026-03-02 11:00"), tick=False):
        text = _inbox(client, city.district_handler)
    assert SHOWN not in text and "本单位已不再办理" not in text
