"""Twenty wrong passwords sent at once, to a real server process (threaded runserver, one database
connection per request as in production), half to the desk and half to the admin: at most five
reach the password check, and then the account is locked on that address, right password or not.

The server counts each password it checks (tests.security.counting_hasher). To make every try pass
the "locked?" look before any failure is written, the test holds the database's write lock (SQLite)
or the failure table (PostgreSQL) while the twenty arrive, then lets them go.
"""
import re
import threading
import time
from contextlib import contextmanager

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from tests.security.counting_hasher import CountingHasher
from tests.server_process import database_url, request, runserver, sqlite_writes_held

PASSWORD = "correct-horse-battery"
ATTACKER, COLLEAGUE = "203.0.113.7", "203.0.113.8"


@pytest.fixture
def staff(db):
    user = get_user_model().objects.create(username="root", is_staff=True, is_superuser=True,
                                           password=CountingHasher().encode(PASSWORD, "pepper"))
    return user


@pytest.fixture
def server(tmp_path, staff):
    """A threaded runserver behind a pretend proxy that sets X-Real-IP; yields (port, url, checks file)."""
    url, checks = database_url(tmp_path), tmp_path / "checks.txt"
    checks.write_text("")
    env = {"DJANGO_SETTINGS_MODULE": "tests.security.signin_server_settings", "DATABASE_URL": url,
           "MINPAN_TRUSTED_PROXY_HEADER": "HTTP_X_REAL_IP", "MINPAN_TEST_PASSWORD_CHECKS": str(checks),
           "MINPAN_FILES_DIR": str(tmp_path / "files")}
    with runserver(tmp_path, env) as port:
        yield port, url, checks


@contextmanager
def failures_held(url):
    """Nobody can write a failure until the block ends; reading stays possible."""
    if url.startswith("sqlite"):
        with sqlite_writes_held(url):
            yield
    else:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {AccessAttempt._meta.db_table} IN EXCLUSIVE MODE")
            yield


def _form(port, path) -> tuple[str, str]:
    resp, page = request(port, "GET", path, {"X-Real-IP": ATTACKER}, timeout=30)
    assert resp.status == 200, page[:300]
    cookie = "; ".join(h.split(";")[0] for h in resp.headers.get_all("Set-Cookie"))
    return cookie, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _sign_in(port, path, cookie, token, password, address) -> int:
    body = {"csrfmiddlewaretoken": token, "username": "root", "password": password, "next": ""}
    resp, _ = request(port, "POST", path, {"Cookie": cookie, "X-Real-IP": address}, body)
    return resp.status


# transaction: the server's connections must see the account; serialized_rollback: as the suite's other
# transactional tests, so the flush afterwards does not take the seeded calendar and content types with it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_parallel_wrong_passwords_on_desk_and_admin_reach_the_password_five_times(server):
    port, url, checks = server
    doors = [("/desk/login/", *_form(port, "/desk/login/")), ("/admin/login/", *_form(port, "/admin/login/"))]
    statuses: list[int] = []

    def attack(i):
        path, cookie, token = doors[i % 2]
        statuses.append(_sign_in(port, path, cookie, token, f"guess-{i}", ATTACKER))

    threads = [threading.Thread(target=attack, args=(i,)) for i in range(20)]
    with failures_held(url):
        for t in threads:
            t.start()
        time.sleep(1.5)  # all twenty are in the server, waiting on the failure table
    for t in threads:
        t.join(timeout=60)

    assert len(statuses) == 20 and 500 not in statuses, statuses
    assert len(checks.read_text().splitlines()) <= 5
    path, cookie, token = doors[0]
    assert _sign_in(port, path, cookie, token, PASSWORD, ATTACKER) == 429  # locked: the right password too
    assert _sign_in(port, "/admin/login/", *doors[1][1:], PASSWORD, ATTACKER) == 429
    assert _sign_in(port, path, cookie, token, PASSWORD, COLLEAGUE) == 302  # another machine signs in
