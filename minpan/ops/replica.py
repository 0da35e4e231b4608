"""Report and statistics reads on the streaming replica (DATABASE_REPLICA_URL), everything else on
the primary. Only code wrapped in `on_replica` reads there — the reports, the desk's dashboard and
the public statistics page, whose figures may lag the primary by the replication delay — and even
there sign-in, sessions and lockouts stay on the primary, where they were just written."""
from __future__ import annotations

import contextvars
import functools
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings

REPLICA = "replica"
_reading = contextvars.ContextVar("minpan_replica_reads", default=False)
# Who is signed in, and whether they may: read where it was written, never a lagging copy.
# Units and memberships too: who holds which post decides what a page shows.
PRIMARY_ONLY = frozenset({"auth", "sessions", "axes", "otp_totp", "django_otp", "contenttypes", "admin", "api", "units"})


@contextmanager
def replica_reads() -> Iterator[None]:
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def on_replica(func):
    """A view or a function whose reads may go to the replica."""
    @functools.wraps(func)
    def wrapped(*args, **kwargs):
        with replica_reads():
            return func(*args, **kwargs)
    return wrapped


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading.get() and REPLICA in settings.DATABASES and model._meta.app_label not in PRIMARY_ONLY:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows, one of them a copy

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica replays the primary's WAL, schema included
