"""Report and statistics reads go to the streaming replica, everything else to the primary (issue 17,
'Beyond one machine'): tested on a real primary + hot standby started on loopback. While the
replica's replay is paused a new message is missing from `minpan report stats` and present once it
resumes; the portal's write page and a new message go to the primary, which keeps working when the
replica stops, while the statistics page then fails (it reads there only)."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.core.management import call_command

from minpan.settings import database_from_url
from tests.flow import dispatched
from tests.replica import primary_and_replica, why_not
from tests.server_process import ROOT, runserver


# serialized_rollback: the flush after a transactional test would otherwise take the seeded calendar with it.
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="a streaming replica needs PostgreSQL: set DATABASE_URL (make test does; .ci/run starts one)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_report_reads_follow_the_replica_and_writes_go_to_the_primary(city, tmp_path):
    reason = why_not()
    if reason:
        pytest.skip(reason)
    dispatched(city, "tongliao")
    dispatched(city, "chizhou")
    archive = tmp_path / "start.tar"
    call_command("backup", str(archive), stdout=io.StringIO())

    with primary_and_replica() as clusters:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "minpan.settings", "PYTHONPATH": str(ROOT),
               "DATABASE_URL": clusters.primary, "DATABASE_REPLICA_URL": clusters.replica,
               "MINPAN_FILES_DIR": str(tmp_path / "files")}

        def run(*args: str) -> str:
            done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr
            return done.stdout

        year = dt.date.today().year

        def received() -> int:
            return json.loads(run("-m", "django", "report", "stats", "--from", f"{year}-01-01", "--to", f"{year}-12-31"))["received"]

        def new_message() -> None:
            run("-c", "import django; django.setup(); from tests.flow import collect; collect('tongliao')")

        run("-m", "django", "restore", str(archive))  # onto the primary: the replica replays it
        clusters.caught_up()
        before = received()

        clusters.sql(clusters.replica_port, "SELECT pg_wal_replay_pause()")
        new_message()  # a write: on the primary (the replica is read-only, it would fail there)
        assert received() == before  # the report still reads the paused replica
        clusters.sql(clusters.replica_port, "SELECT pg_wal_replay_resume()")
        clusters.caught_up()
        assert received() == before + 1

        with runserver(tmp_path, {k: env[k] for k in ("DATABASE_URL", "DATABASE_REPLICA_URL", "MINPAN_FILES_DIR")}) as port:
            def status(path: str) -> int:
                try:
                    return urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30).status  # noqa: S310
                except urllib.error.HTTPError as exc:
                    return exc.code

            assert status(f"/statistics/?year={year}") == 200
            assert status("/write/") == 200
            clusters.stop("replica")
            assert status("/write/") == 200  # the primary's pages do not need the replica
            assert status(f"/statistics/?year={year}") == 500  # the statistics read nowhere else


@pytest.mark.parametrize("url, message", [
    ("mysql://u:p@h/db", "只用于 PostgreSQL"),
    ("postgres://u:p@h:port/db", "DATABASE_REPLICA_URL 无效"),
    ("postgres://u:p@h:5432/", "DATABASE_REPLICA_URL 无效"),
])
def test_a_malformed_replica_url_is_refused_with_its_name(url, message):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "minpan.settings", "PYTHONPATH": str(ROOT),
           "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/minpan", "DATABASE_REPLICA_URL": url}
    done = subprocess.run([sys.executable, "-m", "minpan.cli", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and message in done.stderr, done.stderr


def test_a_replica_beside_sqlite_is_refused():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "minpan.settings", "PYTHONPATH": str(ROOT),
           "DATABASE_URL": "sqlite:///x.sqlite3", "DATABASE_REPLICA_URL": "postgres://u:p@127.0.0.1:5432/minpan"}
    done = subprocess.run([sys.executable, "-m", "minpan.cli", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "流复制只读副本" in done.stderr, done.stderr


def test_database_from_url_is_the_one_parser():
    assert database_from_url("postgres://u:p@127.0.0.1:5433/m", ROOT)["PORT"] == "5433"
