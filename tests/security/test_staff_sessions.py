"""Staff sessions: a new session id at sign-in, the end of every session of a disabled account,
an idle limit (30 minutes) and an absolute one (12 hours); the portal's anonymous session is not
touched by either."""
import datetime as dt
import time

import pytest
import time_machine
from django.conf import settings as conf
from django.contrib.sessions.models import Session

from minpan.desk.staffsession import EXPLAIN_FOR
from minpan.portal.views import SESSION_CASE
from tests.flow import at, collect

PASSWORD = "correct-horse-battery"


def sign_in(client, username="handler"):
    return client.post("/desk/login/", {"username": username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.8")


def signed_in(client) -> bool:
    return client.get("/desk/").status_code == 200


def test_sign_in_gives_a_new_session_id_so_a_planted_one_is_worthless(client, city):
    client.get("/desk/login/")
    session = client.session
    session["planted"] = True
    session.save()
    planted = session.session_key
    client.cookies[conf.SESSION_COOKIE_NAME] = planted  # the id an attacker set in the victim's browser
    assert sign_in(client).status_code == 302
    assert client.cookies[conf.SESSION_COOKIE_NAME].value != planted
    assert not Session.objects.filter(session_key=planted).exists()
    attacker = client.__class__()
    attacker.cookies[conf.SESSION_COOKIE_NAME] = planted
    assert attacker.get("/desk/").status_code == 302


def test_disabling_an_account_ends_its_live_session_at_the_next_request(client, city):
    sign_in(client)
    key = client.session.session_key
    assert signed_in(client)
    city.handler.is_active = False
    city.handler.save()
    resp = client.get("/desk/q/claim/")
    assert resp.status_code == 302 and resp["Location"].startswith("/desk/login/")
    assert not Session.objects.filter(session_key=key).exists()


def test_disabled_in_the_admin_ends_the_session_too(client, city, admin_client):
    sign_in(client)
    user = city.handler
    resp = admin_client.post(f"/admin/auth/user/{user.pk}/change/", {
        "username": user.username, "is_active": "", "date_joined_0": "2026-01-01", "date_joined_1": "09:00:00",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    })
    user.refresh_from_db()
    assert not user.is_active, resp.content.decode()[:2000]
    assert not signed_in(client)


def test_thirty_minutes_without_a_request_sign_staff_out(client, city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=False) as clock:
        sign_in(client)
        clock.shift(dt.timedelta(minutes=29))
        assert signed_in(client)
        clock.shift(dt.timedelta(minutes=29))
        assert signed_in(client)  # activity keeps it going
        clock.shift(dt.timedelta(minutes=30, seconds=1))
        resp = client.get("/desk/", follow=True)
        assert resp.redirect_chain[-1][0].startswith("/desk/login/")
        assert "30 分钟未操作" in resp.content.decode()


def test_twelve_hours_after_sign_in_staff_sign_in_again_however_busy(client, city):
    with time_machine.travel(at("2026-03-02 08:00"), tick=False) as clock:
        sign_in(client)
        for _ in range(12 * 3 + 3):
            clock.shift(dt.timedelta(minutes=20))
            if not signed_in(client):
                break
        assert time.time() - at("2026-03-02 08:00").timestamp() == 12 * 3600 + 20 * 60  # the first request past 12 h
        resp = client.get("/desk/", follow=True)
        assert "12 小时" in resp.content.decode()


def test_the_limits_come_from_the_settings(client, city, settings):
    settings.MINPAN_SESSION_IDLE_MINUTES = 5
    with time_machine.travel(at("2026-03-02 09:00"), tick=False) as clock:
        sign_in(client)
        assert client.session.get_expiry_age() == 5 * 60 + EXPLAIN_FOR  # the cookie and the row go soon after
        clock.shift(dt.timedelta(minutes=6))
        assert not signed_in(client)


def test_the_portal_session_of_a_writer_is_not_cut_by_the_staff_idle_limit(client, city, settings):
    settings.MINPAN_SESSION_IDLE_MINUTES = 5
    case = collect("tongliao")
    with time_machine.travel(at("2026-03-02 09:00"), tick=False) as clock:
        session = client.session
        session[SESSION_CASE] = {"id": case.pk, "at": time.time()}
        session.save()
        clock.shift(dt.timedelta(minutes=10))
        assert client.get("/status/").status_code == 200
        assert client.session.get_expiry_age() == conf.SESSION_COOKIE_AGE


@pytest.mark.parametrize("env, word", [
    ({"MINPAN_SESSION_IDLE_MINUTES": "45"}, "MINPAN_SESSION_IDLE_MINUTES=45"),
    ({"MINPAN_SESSION_IDLE_MINUTES": "0"}, "MINPAN_SESSION_IDLE_MINUTES=0"),
    ({"MINPAN_SESSION_MAX_HOURS": "24"}, "MINPAN_SESSION_MAX_HOURS=24"),
    ({"MINPAN_SESSION_MAX_HOURS": "half"}, "MINPAN_SESSION_MAX_HOURS='half'"),
])
def test_limits_above_the_caps_are_refused(env, word):
    from tests.test_settings_from_environment import _refusal

    assert word in _refusal(**env)
