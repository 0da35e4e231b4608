"""How long a staff member's sign-in lasts, and that it ends when the account is disabled.

A signed-in session ends after MINPAN_SESSION_IDLE_MINUTES without a request and
MINPAN_SESSION_MAX_HOURS after the sign-in, whichever comes first; the times are kept in the
session itself. Citizens never sign in, so the portal's anonymous session is left as it is.
A session whose account was disabled, deleted or whose password changed no longer yields a
user (ModelBackend refuses inactive accounts); it is flushed here, not just ignored.
"""
from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout

SIGNED_IN_AT = "minpan_signed_in_at"
SEEN_AT = "minpan_seen_at"
# The last-seen time is rewritten at most this often: not a session write on every request.
# It is only ever behind, so the idle limit can come a little early, never late.
SEEN_EVERY = 60
# The cookie and the session row outlive the idle limit by this much, only so that the next
# request still finds the session and can say why it was signed out; this middleware refuses it.
EXPLAIN_FOR = 10 * 60


def _expiry() -> int:
    return settings.MINPAN_SESSION_IDLE_MINUTES * 60 + EXPLAIN_FOR


def stamp_sign_in(sender, request, user, **kwargs) -> None:
    """user_logged_in: start both clocks; the cookie and the row expire soon after the idle limit."""
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    request.session.set_expiry(_expiry())


def _ended(session, now: float) -> str | None:
    started, seen = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
    if started is None or seen is None:
        return "登录状态已失效，请重新登录。"  # a session from before these clocks existed
    if now - started > settings.MINPAN_SESSION_MAX_HOURS * 3600:
        return f"登录已超过 {settings.MINPAN_SESSION_MAX_HOURS} 小时，请重新登录。"
    if now - seen > settings.MINPAN_SESSION_IDLE_MINUTES * 60:
        return f"已有 {settings.MINPAN_SESSION_IDLE_MINUTES} 分钟未操作，已自动退出，请重新登录。"
    return None


class StaffSessionMiddleware:
    """After AuthenticationMiddleware: sign out an expired or disabled staff session before the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            if not request.user.is_authenticated:
                session.flush()  # the account was disabled or deleted: the session goes with it
            else:
                now = time.time()
                reason = _ended(session, now)
                if reason:
                    logout(request)
                    messages.info(request, reason)
                elif now - session[SEEN_AT] >= SEEN_EVERY:
                    session[SEEN_AT] = now
                    session.set_expiry(_expiry())
        return self.get_response(request)
