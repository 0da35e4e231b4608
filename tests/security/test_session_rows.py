"""The session row is read by a statement built once (minpan.sessions); what it reads must be what
Django's database store reads: a live session's data, nothing for an expired or unknown key."""
import datetime as dt

from django.contrib.sessions.backends.db import SessionStore as DjangosStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from minpan.sessions import SessionStore


def test_a_session_saved_by_djangos_own_store_is_read_back(db):
    theirs = DjangosStore()
    theirs["minpan_seen_at"] = 1.5
    theirs["名字"] = "王小明"
    theirs.save()
    mine = SessionStore(theirs.session_key)
    assert mine.load() == {"minpan_seen_at": 1.5, "名字": "王小明"}
    assert mine.session_key == theirs.session_key


def test_an_expired_session_reads_as_none_and_drops_its_key(db):
    store = SessionStore()
    store["k"] = "v"
    store.save()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    again = SessionStore(store.session_key)
    assert again.load() == {}
    assert again.session_key is None


def test_an_unknown_key_reads_as_none(db):
    assert SessionStore("no-such-session-key-here").load() == {}


def test_a_signed_in_page_and_sign_out(city, client):
    client.force_login(city.operator)
    assert client.get("/desk/").status_code == 200
    client.logout()
    assert client.get("/desk/").status_code == 302
