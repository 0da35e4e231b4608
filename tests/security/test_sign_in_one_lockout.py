"""One failure count for every way in: the desk's sign-in and the admin's share it (django-axes),
per username + address, the address read through the trusted proxy's header as the portal does."""
from django.contrib.auth import get_user_model

PASSWORD = "correct-horse-battery"


def _desk(client, username="handler", password=PASSWORD, **extra):
    return client.post("/desk/login/", {"username": username, "password": password}, REMOTE_ADDR="10.0.0.8", **extra)


def _admin(client, username="root", password=PASSWORD, **extra):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password, "next": "/admin/"},
                       REMOTE_ADDR="10.0.0.8", **extra)


def _root():
    return get_user_model().objects.create_superuser("root", password=PASSWORD)


def test_admin_sign_in_locked_with_desk(client, city):
    _root()
    for _ in range(5):
        _desk(client, username="root", password="wrong")
    resp = _admin(client)  # the right password, on the other door
    assert resp.status_code == 429
    page = resp.content.decode()
    assert "已被锁定" in page and "后再试" in page
    assert client.get("/admin/").status_code == 302  # not signed in


def test_desk_sign_in_locked_with_admin(client, city):
    _root()
    for _ in range(4):
        assert _admin(client, password="wrong").status_code == 200  # the admin's own form error
    assert _admin(client, password="wrong").status_code == 429
    assert _desk(client, username="root").status_code == 429


def test_twelve_wrong_passwords_on_the_admin_then_the_right_one_is_refused(client, city):
    _root()
    for _ in range(12):
        _admin(client, password="wrong")
    assert _admin(client).status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_follows_the_trusted_proxy_header(client, city, settings):
    settings.MINPAN_TRUSTED_PROXY_HEADER = "HTTP_X_REAL_IP"
    for _ in range(5):
        _desk(client, password="wrong", HTTP_X_REAL_IP="203.0.113.7")  # REMOTE_ADDR is the proxy's, same for all
    assert _desk(client, HTTP_X_REAL_IP="203.0.113.7").status_code == 429
    assert _desk(client, HTTP_X_REAL_IP="203.0.113.8").status_code == 302  # a colleague behind the same proxy


def test_a_forged_address_header_does_not_escape_the_lock_without_a_proxy(client, city):
    for _ in range(5):
        _desk(client, password="wrong", HTTP_X_REAL_IP="203.0.113.7")
    assert _desk(client, HTTP_X_REAL_IP="203.0.113.99", HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


def test_another_browser_does_not_escape_the_lock(client, city):
    for _ in range(5):
        _desk(client, password="wrong", HTTP_USER_AGENT="curl/8")
    assert _desk(client, HTTP_USER_AGENT="Mozilla/5.0").status_code == 429


def test_an_overlong_username_is_refused_without_an_error(client, city):
    assert _desk(client, username="x" * 5000, password="wrong").status_code == 400
    assert _admin(client, username="x" * 5000, password="wrong").status_code == 200
    assert _desk(client, username="hand\0ler", password="wrong").status_code == 400
    assert _admin(client, username="hand\0ler", password="wrong").status_code == 200
