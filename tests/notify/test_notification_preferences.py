"""Each person chooses, on 通知方式 (/notify/settings/, linked from the header) or in the admin,
whether notices also come by e-mail and by text message. Without a choice: every notice by e-mail,
only the ladder's (到期提醒、催办、督办、超期) by SMS. The inbox always has them."""
import pytest

from minpan.notify.inbox import send
from minpan.notify.models import Delivery, Kind, Preference, Reach
from tests.flow import at, dispatched
from tests.notify.handoff import make_reachable

NOW = at("2026-03-05 09:00")


@pytest.fixture
def case(city):
    make_reachable(city)
    return dispatched(city, "tongliao", now=at("2026-03-02 10:00"))


def channels(note) -> set[str]:
    return set(Delivery.objects.filter(notification=note).values_list("channel", flat=True))


def test_without_a_choice_every_notice_comes_by_email_and_only_the_ladders_by_sms(city, case):
    [handed] = send(Kind.DISPATCHED, [city.handler], now=NOW, case=case, unit="市住建局")
    [urged] = send(Kind.URGE, [city.handler], now=NOW, case=case, unit="市住建局")
    [overdue] = send(Kind.ALARM_UNANSWERED, [city.operator], now=NOW, case=case)
    assert channels(handed) == {"email"}
    assert channels(urged) == {"email", "sms"}
    assert channels(overdue) == {"email", "sms"}


def test_a_person_who_wants_the_inbox_alone_gets_no_email_and_no_sms(city, case):
    Preference.objects.create(user=city.principal, email=Reach.NONE, sms=Reach.NONE)
    [urged] = send(Kind.SUPERVISE, [city.principal], now=NOW, case=case, unit="市住建局", overdue_days=3)
    assert urged.read_at is None  # still in the inbox
    assert channels(urged) == set()


def test_sms_for_everything_and_email_for_the_ladder_only(city, case):
    Preference.objects.create(user=city.handler, email=Reach.URGENT, sms=Reach.ALL)
    [handed] = send(Kind.TO_SIGN, [city.handler], now=NOW, case=case, unit="市住建局")
    [urged] = send(Kind.CENTER_URGED, [city.handler], now=NOW, case=case, unit="市住建局")
    assert channels(handed) == {"sms"}
    assert channels(urged) == {"email", "sms"}


def test_no_address_no_send_whatever_the_choice(city, case):
    city.handler.email = ""
    city.handler.save()
    Preference.objects.create(user=city.handler, email=Reach.ALL, sms=Reach.ALL)
    [note] = send(Kind.DISPATCHED, [city.handler], now=NOW, case=case, unit="市住建局")
    assert channels(note) == {"sms"}


def test_the_settings_page_shows_the_defaults_and_saves_a_choice(client, city):
    client.force_login(city.handler)
    home = client.get("/desk/").content.decode()
    assert 'href="/notify/settings/"' in home  # linked from the header
    page = client.get("/notify/settings/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "同时发电子邮件" in html and "同时发短信" in html and "handler@example.gov.cn" not in html
    assert not Preference.objects.exists()  # a GET writes nothing
    resp = client.post("/notify/settings/", {"email": "none", "sms": "all"})
    assert resp.status_code == 302 and resp["Location"] == "/notify/settings/"
    pref = Preference.objects.get(user=city.handler)
    assert (pref.email, pref.sms) == ("none", "all")
    client.post("/notify/settings/", {"email": "urgent", "sms": "none"})
    assert Preference.objects.filter(user=city.handler).values_list("email", "sms").get() == ("urgent", "none")


def test_a_choice_outside_the_list_is_refused(client, city):
    client.force_login(city.handler)
    resp = client.post("/notify/settings/", {"email": "fax", "sms": "all"})
    assert resp.status_code == 400
    assert not Preference.objects.exists()


def test_the_settings_page_needs_sign_in(client):
    assert client.get("/notify/settings/").status_code == 302


def test_the_admin_lists_and_edits_preferences(admin_client, city):
    Preference.objects.create(user=city.handler, email=Reach.NONE, sms=Reach.ALL)
    listing = admin_client.get("/admin/notify/preference/")
    assert listing.status_code == 200 and "handler" in listing.content.decode()
    assert admin_client.get("/admin/notify/preference/add/").status_code == 200
