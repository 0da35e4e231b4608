"""Sign-in lockout for every way in (desk, admin, anything that calls authenticate), on django-axes.

Five failures for one username from one address lock that pair for 15 minutes (settings.AXES_*).
Counted per username + IP so that someone guessing from one machine cannot lock a colleague out
of every other machine in the building.

Axes checks the count before the password and adds the failure after it, so parallel wrong
passwords all pass the check before any is counted. Here the check and the count are one step,
taken under a lock on the pair: each try is counted as a failure *before* its password is
checked, and a success then clears the count (AXES_RESET_ON_SUCCESS). Twenty tries at once
therefore get five evaluations at most.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_query_str
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Max
from django.shortcuts import render
from django.utils import timezone

from minpan.portal.limits import forwarded_address

LOCK_MESSAGE = "登录失败次数过多，该账号在本机已被锁定，请于 {until} 后再试，或联系系统管理员。"


def client_ip(request) -> str | None:
    """The client's address as portal.limits.client_ip reads it: the trusted proxy's header when
    MINPAN_TRUSTED_PROXY_HEADER names one, else REMOTE_ADDR; never what the client claims otherwise.
    Only a real address is returned (axes stores it in an IP column)."""
    for raw in (forwarded_address(request) or "", request.META.get("REMOTE_ADDR") or ""):
        try:
            return str(ipaddress.ip_address(raw.strip()))
        except ValueError:
            continue
    return None


def username_of(request, credentials: dict | None) -> str | None:
    """The username the try is counted under (AXES_USERNAME_CALLABLE): as typed, cut to what a
    username can be, so a hostile 5,000 characters are counted instead of breaking the insert."""
    raw = credentials.get("username") if credentials else getattr(request, "POST", {}).get("username")
    return None if raw is None else str(raw).replace("\0", "")[:150]


def _lock_pair(username: str | None, ip: str | None) -> None:
    """Serialise the tries of one username + address until the transaction ends. SQLite needs
    nothing: minpan opens its transactions IMMEDIATE, so every writer already waits its turn."""
    if connection.vendor == "postgresql":
        digest = hashlib.sha256(f"{username}\0{ip}".encode()).digest()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest[:8], "big", signed=True)])


class SignInHandler(AxesDatabaseHandler):
    """AxesDatabaseHandler whose check counts the try it lets through (see the module's note)."""

    def is_allowed(self, request, credentials: dict | None = None) -> bool:
        if credentials is None:  # axes' view decorators ask without a try to count
            return super().is_allowed(request, credentials)
        username = get_client_username(request, credentials)
        with transaction.atomic():
            _lock_pair(username, request.axes_ip_address)
            self.clean_expired_user_attempts(request, credentials)
            if not super().is_allowed(request, credentials):
                return False
            if not self.is_whitelisted(request, credentials):
                self._count_failure(request, username)
                request.minpan_try_counted = True
        return True

    def _count_failure(self, request, username: str | None) -> None:
        attempt, created = AccessAttempt.objects.get_or_create(
            username=username, ip_address=request.axes_ip_address, user_agent=request.axes_user_agent,
            defaults={
                "get_data": get_query_str(request.GET).replace("\0", "0x00"),
                "post_data": get_query_str(request.POST).replace("\0", "0x00"),
                "http_accept": request.axes_http_accept, "path_info": request.axes_path_info,
                "failures_since_start": 1, "attempt_time": request.axes_attempt_time,
            },
        )
        if not created:
            AccessAttempt.objects.filter(pk=attempt.pk).update(
                failures_since_start=F("failures_since_start") + 1,
                attempt_time=request.axes_attempt_time, path_info=request.axes_path_info,
            )

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is None or not getattr(request, "minpan_try_counted", False):
            return super().user_login_failed(sender, credentials, request, **kwargs)
        # Already counted when it was let through: only say whether this failure locked the pair.
        failures = self.get_failures(request, credentials)
        request.axes_failures_since_start = failures
        if failures >= get_failure_limit(request, credentials):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send("axes", request=request, username=get_client_username(request, credentials),
                                 ip_address=request.axes_ip_address)


def locked_until(request, credentials: dict | None) -> dt.datetime:
    """When the lock on this request's username + address runs out."""
    handler = SignInHandler()
    latest = None
    for attempts in handler.get_user_attempts(request, credentials):
        found = attempts.aggregate(last=Max("attempt_time"))["last"]
        latest = max(latest, found) if latest and found else (found or latest)
    return (latest or timezone.now()) + settings.AXES_COOLOFF_TIME


def lock_message(until: dt.datetime) -> str:
    return LOCK_MESSAGE.format(until=f"{timezone.localtime(until):%H:%M}")


def locked_out(request, original_response=None, credentials=None):
    """The page for a locked-out try, on the desk and on the admin alike (AXES_LOCKOUT_CALLABLE)."""
    message = lock_message(locked_until(request, credentials))
    return render(request, "desk/locked.html", {"error": message}, status=429)
