"""The second step of a staff sign-in: a TOTP code from an authenticator app (django-otp).

Whoever has a confirmed device must give its code after the password before any page; with
MINPAN_REQUIRE_TOTP on, whoever has none is sent to set one up first. The admin is behind
the same middleware, and its own permission check asks for the same verification.
"""
from __future__ import annotations

import base64
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device
from django_otp.oath import TOTP

# Reachable between the password and the code: the two steps themselves and signing out.
OPEN_PATHS = ("/desk/2fa/", "/desk/logout/", "/static/")
ISSUER = "民盼通办"


class SecondFactorMiddleware:
    """After OTPMiddleware: a signed-in user short of the second step is sent to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not request.path.startswith(OPEN_PATHS):
            step = "desk:otp_verify" if user_has_device(user) else "desk:otp_setup" if settings.MINPAN_REQUIRE_TOTP else None
            if step:
                where = reverse(step)
                if request.method == "GET":
                    where += "?" + urlencode({"next": request.get_full_path()})
                return redirect(where)
        return self.get_response(request)


def totp_matches(hex_key: str, token: str, after_t: int = -1) -> int | None:
    """The time step the code belongs to (one step of drift either way), or None."""
    token = (token or "").strip().replace(" ", "")
    if not (token.isdigit() and len(token) == 6):
        return None
    totp = TOTP(bytes.fromhex(hex_key), step=30, t0=0, digits=6)
    return totp.t() if totp.verify(int(token), tolerance=1, min_t=after_t + 1) else None


def secret_text(hex_key: str) -> str:
    """The key as authenticator apps take it when typed: base32, in groups of four."""
    b32 = base64.b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")
    return " ".join(b32[i:i + 4] for i in range(0, len(b32), 4))


def qr_svg(hex_key: str, username: str) -> str:
    """The otpauth:// address as an inline SVG QR code, made here: no image leaves the server."""
    b32 = base64.b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")
    label = quote(f"{ISSUER}:{username}")
    uri = f"otpauth://totp/{label}?" + urlencode({"secret": b32, "issuer": ISSUER, "digits": 6, "period": 30})
    return segno.make(uri, micro=False).svg_inline(scale=5, title="扫码添加到验证器")
