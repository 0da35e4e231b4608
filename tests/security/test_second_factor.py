"""TOTP second step for staff (django-otp): set up from the desk with a QR code made here, asked
after the password by whoever has a device, and by everyone when MINPAN_REQUIRE_TOTP is on; the
admin asks for the same."""
import re
import time

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct-horse-battery"


def code(hex_key: str, later: int = 0) -> str:
    totp = TOTP(bytes.fromhex(hex_key), step=30, t0=0, digits=6)
    totp.time = time.time() + later
    return f"{totp.token():06d}"


def sign_in(client, username="handler"):
    return client.post("/desk/login/", {"username": username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.8")


def device_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="验证器", confirmed=True)


def test_setup_shows_a_qr_code_made_here_and_the_secret(client, city):
    sign_in(client)
    page = client.get("/desk/2fa/setup/").content.decode()
    assert "<svg" in page and "<img" not in page and "otpauth" not in page  # the QR is drawn inline, the address not shown
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1)
    assert len(secret.replace(" ", "")) == 32
    assert not TOTPDevice.objects.exists()  # nothing is saved until a code confirms it


def test_setup_confirmed_by_a_code_then_asked_at_the_next_sign_in(client, city):
    sign_in(client)
    client.get("/desk/2fa/setup/")
    key = client.session["minpan_totp_pending_key"]
    assert client.post("/desk/2fa/setup/", {"token": "000000"}).status_code == 400
    assert client.post("/desk/2fa/setup/", {"token": code(key)}).status_code == 302
    assert TOTPDevice.objects.get(user=city.handler, confirmed=True).key == key
    client.post("/desk/logout/")

    assert sign_in(client).status_code == 302
    resp = client.get("/desk/q/claim/")
    assert resp.status_code == 302 and resp["Location"].startswith("/desk/2fa/verify/")
    assert client.get("/").status_code == 302  # no page at all, the portal neither
    assert client.post("/desk/2fa/verify/", {"token": "123456"}).status_code == 400
    with time_machine.travel(time.time() + 2):  # past the wait after a wrong code
        assert client.post("/desk/2fa/verify/", {"token": code(key, later=30)}).status_code == 302
    assert client.get("/desk/q/claim/").status_code == 200


def test_the_password_alone_cannot_add_a_device(client, city):
    device_for(city.handler)
    sign_in(client)
    resp = client.get("/desk/2fa/setup/")
    assert resp.status_code == 302 and resp["Location"] == "/desk/2fa/verify/"
    assert client.post("/desk/2fa/setup/", {"token": "000000"}).status_code == 302
    assert TOTPDevice.objects.filter(user=city.handler).count() == 1


def test_wrong_codes_are_throttled(client, city):
    device = device_for(city.handler)
    sign_in(client)
    for _ in range(3):
        client.post("/desk/2fa/verify/", {"token": "000000"})
    resp = client.post("/desk/2fa/verify/", {"token": code(device.key)})
    assert resp.status_code == 429 and "过多" in resp.content.decode() and "秒后再试" in resp.content.decode()
    with time_machine.travel(time.time() + 10):
        assert client.post("/desk/2fa/verify/", {"token": code(device.key)}).status_code == 302


def test_without_the_setting_staff_without_a_device_go_on_after_the_password(client, city):
    sign_in(client)
    assert client.get("/desk/q/claim/").status_code == 200


@pytest.mark.parametrize("path", ["/desk/", "/desk/q/claim/", "/notify/inbox/", "/admin/", "/"])
def test_required_totp_sends_staff_without_a_device_to_setup(client, city, settings, path):
    settings.MINPAN_REQUIRE_TOTP = True
    sign_in(client)
    resp = client.get(path)
    assert resp.status_code == 302 and resp["Location"].startswith("/desk/2fa/setup/")


def test_required_totp_holds_on_the_admin_sign_in(client, city, settings):
    settings.MINPAN_REQUIRE_TOTP = True
    root = get_user_model().objects.create_superuser("root", password=PASSWORD)
    device = device_for(root)
    resp = client.post("/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD, "next": "/admin/"},
                       REMOTE_ADDR="10.0.0.8")
    assert resp.status_code == 302
    resp = client.get("/admin/")
    assert resp.status_code == 302 and resp["Location"].startswith("/desk/2fa/verify/")
    client.post("/desk/2fa/verify/", {"token": code(device.key)})
    assert client.get("/admin/").status_code == 200


def test_the_admin_itself_refuses_an_unverified_user_when_required(rf, city, settings):
    """The admin's own check, for the day a page is reached without the middleware."""
    from django.contrib import admin
    from django_otp.middleware import OTPMiddleware

    settings.MINPAN_REQUIRE_TOTP = True
    root = get_user_model().objects.create_superuser("root", password=PASSWORD)
    request = rf.get("/admin/")
    request.user = root
    request.session = {}
    OTPMiddleware(lambda r: None)(request)
    assert not admin.site.has_permission(request)
    settings.MINPAN_REQUIRE_TOTP = False
    assert admin.site.has_permission(request)
    device_for(root)  # without the setting, whoever has a device is asked too
    assert not admin.site.has_permission(request)
