"""Creating, finding and revoking API tokens. The token itself is shown once, at creation."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp import user_has_device

from minpan.cases.errors import CaseError
from minpan.policies.codes import CHANNELS

from .models import ApiToken

PREFIX = "mp_"
# last_used_at is a write: kept to once a minute per token, so a busy client does not write on every GET
TOUCH_EVERY = dt.timedelta(minutes=1)


class TokenError(CaseError):
    """A token request the rules refuse (unknown person or channel, no such token)."""


def token_hash(raw: str) -> str:
    # the token has 256 random bits: a plain SHA-256 is enough (no salt or stretching to slow guessing)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def token_create(*, username: str = "", channel: str = "") -> tuple[ApiToken, str]:
    """A new token for a person (by username) or a channel (by code); returns the row and the token."""
    if bool(username) == bool(channel):
        raise TokenError("请指定 --user 或 --channel 之一。")
    user = None
    if username:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise TokenError(f"没有用户 {username!r}。")
        if not user.is_active:
            raise TokenError(f"用户 {username!r} 已停用。")
        # a person's token stands in for a signed-in session: where staff must pass the second
        # factor, only one who has set it up gets one (the token does not ask for the code)
        if settings.MINPAN_REQUIRE_TOTP and not user_has_device(user, confirmed=True):
            raise TokenError(f"本系统要求双因素验证：用户 {username!r} 尚未设置验证器，请先在工作台设置后再发放令牌。")
    elif channel not in CHANNELS:
        raise TokenError(f"未知的渠道 {channel!r}。可用：{'、'.join(CHANNELS)}")
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(key_hash=token_hash(raw), user=user, channel=channel)
    return token, raw


def token_revoke(*, pk: int, now: dt.datetime | None = None) -> ApiToken:
    token = ApiToken.objects.filter(pk=pk).first()
    if token is None:
        raise TokenError(f"没有编号为 {pk} 的令牌。")
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_find(raw: str) -> ApiToken | None:
    """The live token for `raw`: not revoked, and a person's only while the person is active."""
    if not raw or len(raw) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=token_hash(raw), revoked_at__isnull=True).first()
    if token is None or (token.user is not None and not token.user.is_active):
        return None
    return token


def token_touch(token: ApiToken, now: dt.datetime | None = None) -> None:
    """Record the use, at most once per TOUCH_EVERY (a conditional update: safe from parallel requests)."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < TOUCH_EVERY:
        return
    ApiToken.objects.filter(pk=token.pk).exclude(last_used_at__gt=now - TOUCH_EVERY).update(last_used_at=now)
