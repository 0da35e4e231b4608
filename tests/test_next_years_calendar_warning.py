"""From 1 November, while next year's State Council schedule is not loaded, the center's admins are
warned on every desk page and, once a week, in their inbox: deadlines that run into January are
already being counted on weekends alone."""
import time_machine

from minpan.notify.models import Kind, Notification
from minpan.notify.sweep import sweep
from minpan.units.roles import Role
from minpan.workdays.service import import_schedule
from tests.conftest import _user
from tests.flow import at

WARNING = "2027 年的国务院节假日安排尚未载入"


def _admin(city):
    return _user("admin", city.center, Role.ADMIN)


def test_the_admin_is_warned_on_the_desk_in_december(client, city):
    admin = _admin(city)
    with time_machine.travel(at("2026-12-01 09:00"), tick=False):
        client.force_login(admin)
        assert WARNING in client.get("/desk/").content.decode()
        client.force_login(city.operator)  # the admins load calendars; the others are not troubled
        assert WARNING not in client.get("/desk/").content.decode()


def test_no_warning_before_november_or_once_loaded(client, city):
    admin = _admin(city)
    client.force_login(admin)
    with time_machine.travel(at("2026-10-30 09:00"), tick=False):
        assert WARNING not in client.get("/desk/").content.decode()
    import_schedule([(at("2027-01-01 00:00").date(), "holiday", "元旦")] * 1, "国务院办公厅通知")
    with time_machine.travel(at("2026-12-01 09:00"), tick=False):
        assert WARNING not in client.get("/desk/").content.decode()


def test_the_sweep_tells_the_admins_once_a_week(city):
    admin = _admin(city)
    for moment in ("2026-12-01 08:31", "2026-12-01 12:00", "2026-12-04 08:31", "2026-12-07 08:31"):
        sweep(at(moment))
    notes = Notification.objects.filter(kind=Kind.CALENDAR_MISSING)
    assert [n.recipient for n in notes] == [admin, admin]  # the week of 30 November and of 7 December
    assert "2027 年国务院节假日安排尚未载入" in notes[0].title
    assert not Notification.objects.filter(kind=Kind.CALENDAR_MISSING, recipient=city.operator).exists()
