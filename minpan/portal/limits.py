"""Rate limits without an outside service: hits are rows, counted over a sliding window.

Each limit names a bucket, how many hits a window allows, and from how many hits on
the page asks a person to solve a small check (the limit is "near").
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from .models import Hit, Submission


@dataclass(frozen=True)
class Limit:
    bucket: str
    allowed: int
    window: dt.timedelta
    near: int  # from this many hits on, a check is shown

    def wait_text(self) -> str:
        minutes = int(self.window.total_seconds() // 60)
        return f"{minutes // 60} 小时" if minutes >= 60 and minutes % 60 == 0 else f"{minutes} 分钟"


# A household may share one address; a writer rarely sends more than a few messages a day.
SUBMIT_PER_IP = Limit("submit-ip", allowed=10, window=dt.timedelta(hours=1), near=3)
SUBMIT_PER_CONTACT = Limit("submit-contact", allowed=5, window=dt.timedelta(days=1), near=2)
# Query passwords are about 40 bits; a handful of tries per code per hour makes guessing hopeless.
QUERY_FAIL_PER_IP = Limit("query-ip", allowed=20, window=dt.timedelta(hours=1), near=5)
QUERY_FAIL_PER_CODE = Limit("query-code", allowed=5, window=dt.timedelta(hours=1), near=3)
CHALLENGE_USED = Limit("challenge", allowed=1, window=dt.timedelta(minutes=30), near=1)
# The password waits for the receipt page this long at most, then is wiped (by services on
# show, by `sweep` below if never shown).
RECEIPT_TTL = dt.timedelta(minutes=30)


def key_of(value: str) -> str:
    """A keyed hash, so the table never holds raw IPs, phone numbers or codes."""
    raw = (value or "").strip().lower().encode("utf-8", "replace")
    return hmac.new(settings.SECRET_KEY.encode(), raw, hashlib.sha256).hexdigest()


def count(limit: Limit, value: str, *, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    return Hit.objects.filter(bucket=limit.bucket, key=key_of(value), at__gt=now - limit.window).count()


def exceeded(limit: Limit, value: str, *, now=None) -> bool:
    return bool(value) and count(limit, value, now=now) >= limit.allowed


def near(limit: Limit, value: str, *, now=None) -> bool:
    return bool(value) and count(limit, value, now=now) >= limit.near


def hit(limit: Limit, value: str, *, now: dt.datetime | None = None) -> None:
    if value:
        Hit.objects.create(bucket=limit.bucket, key=key_of(value), at=now or timezone.now())


def sweep(*, now: dt.datetime | None = None, older_than: dt.timedelta = dt.timedelta(days=2)) -> tuple[int, int]:
    """Forget hits no window looks at any more, and wipe receipt passwords never shown in time.
    Safe to run at any time, twice or concurrently. Returns (hits deleted, passwords wiped)."""
    now = now or timezone.now()
    deleted, _ = Hit.objects.filter(at__lt=now - older_than).delete()
    wiped = Submission.objects.filter(created_at__lt=now - RECEIPT_TTL).exclude(password="").update(password="")
    return deleted, wiped


def client_ip(request) -> str:
    # Behind the city's reverse proxy REMOTE_ADDR is the proxy; the deployment sets
    # MINPAN_TRUSTED_PROXY_HEADER (e.g. HTTP_X_REAL_IP) when the proxy overwrites it.
    header = getattr(settings, "MINPAN_TRUSTED_PROXY_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"
