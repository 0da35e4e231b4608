"""TOTP set-up and the code step after the password (minpan.desk.second_factor)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from .. import second_factor

PENDING_KEY = "minpan_totp_pending_key"  # the key being set up lives in the session until confirmed


def _next(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    return url if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()) else ""


@never_cache
@sensitive_post_parameters("token")
@login_required
def setup(request):
    user = request.user
    if user_has_device(user) and not user.is_verified():
        # Someone with only the password must not add a device of their own.
        return redirect("desk:otp_verify")
    key = request.session.get(PENDING_KEY)
    if not key:
        key = request.session[PENDING_KEY] = random_hex(20)
    error, status = "", 200
    if request.method == "POST":
        step = second_factor.totp_matches(key, request.POST.get("token", ""))
        if step is None:
            error, status = "验证码不正确，请核对手机时间后输入验证器上当前显示的 6 位数字。", 400
        else:
            device = TOTPDevice.objects.create(user=user, name="验证器", key=key, confirmed=True, last_t=step)
            del request.session[PENDING_KEY]
            otp_login(request, device)
            return redirect(_next(request) or "desk:home")
    return render(request, "desk/otp_setup.html", {
        "qr": mark_safe(second_factor.qr_svg(key, user.get_username())),  # nosec B308 B703 - segno's own SVG, the name only inside the QR's encoded data
        "secret": second_factor.secret_text(key), "error": error, "next": _next(request),
        "has_device": user_has_device(user),
    }, status=status)


@never_cache
@sensitive_post_parameters("token")
@login_required
def verify(request):
    user = request.user
    if not user_has_device(user):
        return redirect("desk:otp_setup")
    error, status = "", 200
    if request.method == "POST":
        token = (request.POST.get("token") or "").strip()
        with transaction.atomic():
            error, status, device = _check(user, token)
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request) or "desk:home")
    return render(request, "desk/otp_verify.html", {"error": error, "next": _next(request)}, status=status)


def _check(user, token: str):
    """(error, status, the device that matched). Each device row is locked while its throttle is read
    and its failure written, so codes sent at once are judged one after another: after the first wrong
    one the others wait out the throttle instead of all being tried."""
    error, status = "", 200
    for device in devices_for_user(user, confirmed=True):
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, why = device.verify_is_allowed()
        if not allowed:
            # django-otp doubles the wait after each wrong code (1, 2, 4 … seconds)
            wait = max(1, int(((why or {}).get("locked_until", timezone.now()) - timezone.now()).total_seconds()) + 1)
            error, status = f"验证码错误次数过多，请 {wait} 秒后再试。", 429
            break
        if device.verify_token(token):
            return "", 200, device
    else:
        error, status = "验证码不正确或已过期，请输入验证器上当前显示的 6 位数字。", 400
    return error, status, None
