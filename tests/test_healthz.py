"""/healthz (issue 17, 'Beyond one machine'): 200 with the database and a worker's recent heartbeat,
503 when no worker beat lately or the database does not answer; nothing personal, no sign-in."""
import datetime as dt
import io
import json
from unittest import mock

import pytest
from django.db import DatabaseError
from django.utils import timezone

from minpan.ops import health
from minpan.ops.models import WorkerBeat

pytestmark = pytest.mark.django_db


def get(client):
    resp = client.get("/healthz")
    return resp.status_code, json.loads(resp.content)


def test_no_worker_ever_seen_is_503(client):
    assert get(client) == (503, {"database": "ok", "worker": "none", "worker_seen": None, "workers": 0})


def test_a_worker_that_just_beat_is_200(client):
    health.beat("box-1-42")
    status, body = get(client)
    assert status == 200
    assert body["database"] == "ok" and body["worker"] == "ok" and body["workers"] == 1
    assert "box-1" not in json.dumps(body)  # which machine runs it is the admin's business


def test_a_worker_silent_past_the_limit_is_503(client, settings):
    settings.MINPAN_WORKER_STALE_SECONDS = 300
    WorkerBeat.objects.create(worker="box-1-42", seen_at=timezone.now() - dt.timedelta(seconds=301))
    status, body = get(client)
    assert status == 503 and body["worker"] == "stale" and body["worker_seen"]


def test_a_worker_stopping_on_purpose_leaves_no_stale_row(client):
    health.beat("box-1-42")
    health.forget("box-1-42")
    assert not WorkerBeat.objects.exists()


def test_the_database_down_is_503(client):
    with mock.patch.object(health.WorkerBeat.objects, "aggregate", side_effect=DatabaseError("gone")):
        status, body = get(client)
    assert status == 503 and body["database"] == "unavailable"


# The worker closes its connections: outside a test transaction (serialized_rollback keeps the calendar).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_beats_each_turn():
    from django.core.management import call_command

    with mock.patch.object(health, "forget"):  # --once stops on purpose and would take its row away
        call_command("worker", once=True, stdout=io.StringIO())
    beat = WorkerBeat.objects.get()
    assert timezone.now() - beat.seen_at < dt.timedelta(minutes=1)
