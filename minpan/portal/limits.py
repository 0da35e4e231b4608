"""Rate limits without an outside service: hits are rows, counted over a sliding window.

Each limit names a bucket, how many hits a window allows, and from how many hits on
the page asks a person to solve a small check (the limit is "near").

Counting and adding a hit are one step: `take` (and `counted` + `add` inside one
transaction) first locks the key's HitLock row, so parallel requests on one key queue
for it and the second counts the first's hit. A hit is taken BEFORE the work it pays
for (a password compared, a message accepted) and given back when that work turns out
not to count, so N requests at once can never all pass a limit of fewer than N. On
PostgreSQL the lock is the row's; on SQLite the IMMEDIATE transactions that settings.py
asks for already take the database's write lock at BEGIN.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from minpan.notify.models import Delivery, DeliveryState

from .models import Hit, HitLock, Recovery, Submission


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
# 忘记查询密码: each request may send an SMS or an e-mail, so fewer than look-ups.
RECOVER_PER_IP = Limit("recover-ip", allowed=10, window=dt.timedelta(hours=1), near=10)
RECOVER_PER_CODE = Limit("recover-code", allowed=3, window=dt.timedelta(hours=1), near=3)
# The password waits for the receipt page this long at most, then is wiped (by services on
# show, by `sweep` below if never shown).
RECEIPT_TTL = dt.timedelta(minutes=30)

Wanted = Sequence[tuple[Limit, str]]
_HITS, _BUCKET, _KEY, _AT = (connection.ops.quote_name(name) for name in (Hit._meta.db_table, "bucket", "key", "at"))


def key_of(value: str) -> str:
    """A keyed hash, so the table never holds raw IPs, phone numbers or codes."""
    raw = (value or "").strip().lower().encode("utf-8", "replace")
    return hmac.new(settings.SECRET_KEY.encode(), raw, hashlib.sha256).hexdigest()


def count(limit: Limit, value: str, *, now: dt.datetime | None = None) -> int:
    """How many hits the window holds now (a read, for showing the check; deciding is `take`'s)."""
    now = now or timezone.now()
    return Hit.objects.filter(bucket=limit.bucket, key=key_of(value), at__gt=now - limit.window).count()


def near(limit: Limit, value: str, *, now=None) -> bool:
    return bool(value) and count(limit, value, now=now) >= limit.near


def counted(wanted: Wanted, *, now: dt.datetime | None = None) -> list[int]:
    """Lock each (limit, value) and count its window; the counts stay true until the caller's
    transaction ends, so it can decide and `add` without another request slipping in between.
    Two queries whatever the number of keys (one on SQLite): the lock, and one grouped count."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("limits.counted must run inside transaction.atomic()")
    now = now or timezone.now()
    keys = [(limit.bucket, key_of(value)) if value else None for limit, value in wanted]
    present = sorted({k for k in keys if k})
    if not present:
        return [0] * len(wanted)
    if not _locked_at_begin(connection):
        _lock(present)
    windows = [(k[0], k[1], connection.ops.adapt_datetimefield_value(now - limit.window))
               for (limit, _), k in zip(wanted, keys, strict=True) if k]
    # Plain SQL, the same statement the ORM wrote: this runs in every public submission, where
    # building the query through the ORM cost more than the rest of the limits' work.
    where = " OR ".join([f"({_BUCKET} = %s AND {_KEY} = %s AND {_AT} > %s)"] * len(windows))
    with connection.cursor() as cur:
        cur.execute(f"SELECT {_BUCKET}, {_KEY}, COUNT(*) FROM {_HITS} WHERE {where} GROUP BY {_BUCKET}, {_KEY}",  # nosec B608 (our own names)
                    [v for window in windows for v in window])
        found = {(b, k): n for b, k, n in cur.fetchall()}
    return [found.get(k, 0) if k else 0 for k in keys]


def _locked_at_begin(connection) -> bool:
    """SQLite with the IMMEDIATE transactions settings.py asks for holds the database's write
    lock from BEGIN: no row lock could add anything to it."""
    return connection.vendor == "sqlite" and connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") == "IMMEDIATE"


def _lock(keys: list[tuple[str, str]]) -> None:
    # One upsert locks every key's row, new or old: ON CONFLICT DO UPDATE takes the row lock of
    # an existing row (waiting for a request that holds it), and a new row is ours until commit
    # (a parallel insert of the same key waits on the unique index). The rows go in one sorted
    # order, so two requests locking the same keys cannot deadlock.
    HitLock.objects.bulk_create(
        [HitLock(bucket=b, key=k) for b, k in keys], update_conflicts=True, unique_fields=["bucket", "key"], update_fields=["bucket"],
    )


def add(wanted: Wanted, *, now: dt.datetime | None = None) -> list[int]:
    """One hit for each (limit, value) with a value; returns their ids, for `give_back`."""
    now = now or timezone.now()
    rows = [(limit.bucket, key_of(value)) for limit, value in wanted if value]
    if not rows:
        return []
    connection = transaction.get_connection()
    at = connection.ops.adapt_datetimefield_value(now)
    # one INSERT … RETURNING (PostgreSQL, SQLite 3.35+), written out as counted's SELECT is
    with connection.cursor() as cur:
        cur.execute(f"INSERT INTO {_HITS} ({_BUCKET}, {_KEY}, {_AT}) VALUES "  # nosec B608 (our own names)
                    + ", ".join(["(%s, %s, %s)"] * len(rows)) + " RETURNING id", [v for b, k in rows for v in (b, k, at)])
        return [pk for (pk,) in cur.fetchall()]


def hit(limit: Limit, value: str, *, now: dt.datetime | None = None) -> None:
    """One hit, whatever the window holds (for the hits that are facts, not requests to pass)."""
    add([(limit, value)], now=now)


def take(wanted: Wanted, *, now: dt.datetime | None = None) -> list[int] | None:
    """A hit on every (limit, value) if each window has room, else none at all (None)."""
    with transaction.atomic():
        if any(n >= limit.allowed for n, (limit, _) in zip(counted(wanted, now=now), wanted, strict=True)):
            return None
        return add(wanted, now=now)


def give_back(ids: Sequence[int]) -> None:
    """Undo hits taken for work that did not count (a right password, a message not saved)."""
    if ids:
        Hit.objects.filter(pk__in=list(ids)).delete()


def sweep(*, now: dt.datetime | None = None, older_than: dt.timedelta = dt.timedelta(days=2)) -> tuple[int, int]:
    """Forget hits no window looks at any more, wipe receipt passwords never shown in time, and
    blank the text of done 忘记查询密码 sends (the code, the new password) so they do not stay
    readable in the delivery table. Safe to run at any time, twice or concurrently.
    Returns (hits deleted, passwords wiped)."""
    now = now or timezone.now()
    deleted, _ = Hit.objects.filter(at__lt=now - older_than).delete()
    HitLock.objects.exclude(Exists(Hit.objects.filter(bucket=OuterRef("bucket"), key=OuterRef("key")))).delete()
    wiped = Submission.objects.filter(created_at__lt=now - RECEIPT_TTL).exclude(password="").update(password="")
    wiped += Delivery.objects.filter(
        pk__in=Recovery.deliveries.through.objects.values("delivery_id"), state__in=[DeliveryState.SENT, DeliveryState.FAILED],
    ).exclude(text="").update(text="")
    return deleted, wiped


def forwarded_address(request) -> str | None:
    """The address the trusted proxy wrote, when MINPAN_TRUSTED_PROXY_HEADER names a header it
    overwrites (e.g. HTTP_X_REAL_IP) and the request carries it; else None. Behind the city's
    reverse proxy REMOTE_ADDR is the proxy itself."""
    header = getattr(settings, "MINPAN_TRUSTED_PROXY_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return None


def client_ip(request) -> str:
    forwarded = forwarded_address(request)
    if forwarded is not None:
        return forwarded
    return request.META.get("REMOTE_ADDR", "") or "unknown"
