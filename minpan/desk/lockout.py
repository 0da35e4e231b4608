"""Sign-in lockout: five failures for one username from one address lock it for 15 minutes.

Counted per username + IP so that someone guessing from one machine cannot lock a
colleague out of every other machine in the building.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .models import LoginFailure

MAX_FAILURES = 5
LOCK_FOR = dt.timedelta(minutes=15)


def client_ip(request) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is whatever the client says unless a proxy we trust sets it.
    return request.META.get("REMOTE_ADDR") or None


def _key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def locked_until(username: str, ip: str | None, now: dt.datetime | None = None) -> dt.datetime | None:
    now = now or timezone.now()
    row = LoginFailure.objects.filter(username=_key(username), ip=ip, locked_until__gt=now).first()
    return row.locked_until if row else None


def record_failure(username: str, ip: str | None, now: dt.datetime | None = None) -> LoginFailure:
    now = now or timezone.now()
    with transaction.atomic():
        row, _ = LoginFailure.objects.select_for_update().get_or_create(
            username=_key(username), ip=ip, defaults={"last_failed_at": now}
        )
        if row.locked_until and row.locked_until <= now:
            row.failures, row.locked_until = 0, None  # the lock has run out: start counting again
        row.failures += 1
        row.last_failed_at = now
        if row.failures >= MAX_FAILURES:
            row.locked_until = now + LOCK_FOR
        row.save()
    return row


def clear(username: str, ip: str | None) -> None:
    LoginFailure.objects.filter(username=_key(username), ip=ip).delete()


def lock_message(until: dt.datetime) -> str:
    local = timezone.localtime(until)
    return f"登录失败次数过多，该账号在本机已被锁定，请于 {local:%H:%M} 后再试，或联系系统管理员。"
