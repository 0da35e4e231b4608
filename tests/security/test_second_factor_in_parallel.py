"""Ten wrong TOTP codes sent at once, to a real server process: the codes are judged one after
another, so after the first wrong one the rest wait out django-otp's throttle (429) instead of each
being tried against the device (ten tries in the time of one would make the throttle worthless).

As in the parallel lockout test, the test holds the database's write lock (SQLite) or the device's
row (PostgreSQL) while the ten arrive, so every request is inside the server before any is judged."""
import re
import threading
import time
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.security.counting_hasher import CountingHasher
from tests.server_process import database_url, request, runserver, sqlite_writes_held

PASSWORD = "correct-horse-battery"


@pytest.fixture
def device(db):
    user = get_user_model().objects.create(username="root", is_staff=True, is_superuser=True,
                                           password=CountingHasher().encode(PASSWORD, "pepper"))
    return TOTPDevice.objects.create(user=user, name="验证器", confirmed=True)


@pytest.fixture
def server(tmp_path, device):
    url, checks = database_url(tmp_path), tmp_path / "checks.txt"
    checks.write_text("")
    env = {"DJANGO_SETTINGS_MODULE": "tests.security.signin_server_settings", "DATABASE_URL": url,
           "MINPAN_TEST_PASSWORD_CHECKS": str(checks), "MINPAN_FILES_DIR": str(tmp_path / "files")}
    with runserver(tmp_path, env) as port:
        yield port, url


@contextmanager
def device_held(url, device):
    if url.startswith("sqlite"):
        with sqlite_writes_held(url):
            yield
    else:
        with transaction.atomic():
            TOTPDevice.objects.select_for_update().get(pk=device.pk)
            yield


def _request(port, method, path, cookie="", body=None):
    return request(port, method, path, {"Cookie": cookie}, body)


def _cookies(resp, jar: dict) -> str:
    for header in resp.headers.get_all("Set-Cookie") or []:
        name, _, value = header.split(";")[0].partition("=")
        jar[name] = value
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def _password_step(port) -> tuple[str, str]:
    """Signed in with the password; returns the session's cookie and the code form's CSRF token."""
    jar: dict = {}
    resp, page = _request(port, "GET", "/desk/login/")
    cookie = _cookies(resp, jar)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    resp, _ = _request(port, "POST", "/desk/login/", cookie, {"csrfmiddlewaretoken": token, "username": "root", "password": PASSWORD})
    assert resp.status == 302  # on to the code step (the middleware holds every page until then)
    cookie = _cookies(resp, jar)
    resp, page = _request(port, "GET", "/desk/2fa/verify/", cookie)
    assert resp.status == 200
    cookie = _cookies(resp, jar)
    return cookie, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_parallel_wrong_codes_are_tried_once_and_the_rest_wait(server, device):
    port, url = server
    cookie, token = _password_step(port)
    statuses: list[int] = []

    def guess(i):
        resp, _ = _request(port, "POST", "/desk/2fa/verify/", cookie, {"csrfmiddlewaretoken": token, "token": f"{i:06d}"})
        statuses.append(resp.status)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(1, 11)]
    with device_held(url, device):
        for t in threads:
            t.start()
        time.sleep(1.5)  # all ten are in the server, waiting on the device
    for t in threads:
        t.join(timeout=60)

    assert sorted(statuses) == [400] + [429] * 9, statuses
