"""Pruning: entries older than MINPAN_AUDIT_KEEP_DAYS (never under 180, 网络安全法 第二十一条) go;
run by the worker's sweep. The only delete the PostgreSQL trigger lets through (see
migrations/0002_append_only): it asks for this session setting, and refuses any row younger than
180 days whatever the setting says."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import AuditEntry

PRUNE_SETTING = "minpan.audit_prune"


def prune(now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.MINPAN_AUDIT_KEEP_DAYS)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # SET LOCAL: for this transaction only
                cursor.execute("SELECT set_config(%s, 'on', true)", [PRUNE_SETTING])
        deleted, _ = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return {"audit_pruned": deleted}
