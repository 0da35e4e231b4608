"""The same write form sent twice at the same moment (a double tap, a retry racing the first
answer): one message is made and both answers lead to its receipt; never a server error.

Two real requests in parallel to a real server process (runserver, threaded), each with its
own database connection as in production. The test's live_server is no use here on SQLite:
with an in-memory test database it hands every request thread one shared connection.
On SQLite the server works on a copy of the test database in a file; on PostgreSQL (CI sets
DATABASE_URL) on the test database itself. To make both requests pass the "already sent?"
look before either saves, the test holds the write lock until both are waiting for it.
"""
import http.client
import re
import sqlite3
import threading
import time
import urllib.parse
from contextlib import contextmanager

import pytest
from django.db import connection, transaction

from minpan.cases.models import Case
from minpan.portal.models import Submission
from tests.server_process import sqlite_writes_held

from .conftest import WRITER


@contextmanager
def writes_held(url):
    """Nobody can save a submission until the block ends; reading stays possible."""
    if url.startswith("sqlite"):
        with sqlite_writes_held(url):
            yield
    else:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Submission._meta.db_table} IN EXCLUSIVE MODE")
            yield


def counts(url) -> tuple[int, int]:
    """(messages, submissions) as the server saved them."""
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return tuple(db.execute(f"SELECT count(*) FROM {m._meta.db_table}").fetchone()[0] for m in (Case, Submission))
    return Case.objects.count(), Submission.objects.count()


def filled_form(port) -> tuple[str, str]:
    """The write page as a browser gets it, filled in: (cookie header, form body)."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", "/write/")
    resp = c.getresponse()
    page = resp.read().decode()
    assert resp.status == 200, page[:500]
    cookie = "; ".join(h.split(";")[0] for h in resp.headers.get_all("Set-Cookie"))
    data = {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1),
        "key": re.search(r'name="key" value="([^"]+)"', page).group(1),
        "name": WRITER["name"], "phone": WRITER["phone"], "email": "", "msg_type": "consult", "domain": "",
        "subject": "小区路灯不亮", "body": "幸福小区 3 号楼前路灯坏了一个月，晚上出行不便，请尽快修复。",
        "may_publish": "yes", "consent": "on", "website": "",
    }
    return cookie, urllib.parse.urlencode(data)


def send_twice_at_once(port, url, cookie, body) -> list[tuple[int, str]]:
    answers = []
    ready = threading.Barrier(3)

    def post():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        ready.wait()
        c.request("POST", "/write/", body, {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
        resp = c.getresponse()
        answers.append((resp.status, resp.getheader("Location") or resp.read().decode()[:2000]))

    threads = [threading.Thread(target=post) for _ in range(2)]
    with writes_held(url):
        for t in threads:
            t.start()
        ready.wait()
        time.sleep(1.5)  # both requests have looked for the key and now wait to save
    for t in threads:
        t.join(timeout=60)
    return answers


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the server must see committed rows
def test_a_form_sent_twice_at_once_makes_one_message_and_both_answers_lead_to_its_receipt(server):
    port, url = server
    cookie, body = filled_form(port)
    key = urllib.parse.parse_qs(body)["key"][0]
    answers = send_twice_at_once(port, url, cookie, body)
    assert answers == [(302, f"/receipt/{key}/"), (302, f"/receipt/{key}/")]
    assert counts(url) == (1, 1)
