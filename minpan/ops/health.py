"""/healthz: whether this server reaches its database and some worker beat recently. For a load
balancer and a monitor: no sign-in, no personal data, nothing written, 503 when either fails."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Count, Max, Q
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from .models import WorkerBeat

# A worker beats every BEAT_SECONDS; the sweep runs every minute. Past MINPAN_WORKER_STALE_SECONDS
# without a beat the ladder, deliveries and queued tasks are standing still.
BEAT_SECONDS = 15


def beat(worker: str) -> None:
    """The worker's heartbeat (its own row, so workers never wait on each other)."""
    WorkerBeat.objects.update_or_create(worker=worker, defaults={"seen_at": timezone.now()})


def forget(worker: str) -> None:
    """A worker stopping on purpose takes its row away: a stopped worker is not a stale one."""
    WorkerBeat.objects.filter(worker=worker).delete()


@require_GET
def healthz(request):
    body: dict = {"database": "ok", "worker": "ok", "worker_seen": None, "workers": 0}
    since = timezone.now() - dt.timedelta(seconds=settings.MINPAN_WORKER_STALE_SECONDS)
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        found = WorkerBeat.objects.aggregate(last=Max("seen_at"), live=Count("pk", filter=Q(seen_at__gte=since)))
    except DatabaseError:
        body.update(database="unavailable", worker="unknown")
        return JsonResponse(body, status=503)
    body["workers"] = found["live"]
    if found["last"] is not None:
        body["worker_seen"] = found["last"].isoformat()
    if not found["live"]:
        body["worker"] = "stale" if found["last"] else "none"
    return JsonResponse(body, status=200 if found["live"] else 503)
