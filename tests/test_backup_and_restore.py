"""`minpan backup FILE` / `minpan restore FILE` (issue 17, 'Backup and restore'): a round trip leaves
every row — cases, events and their hash chain, accounts, sessions, queued tasks — and every uploaded
file identical, on SQLite (online backup API) and PostgreSQL (pg_dump / pg_restore); restore checks
the manifest's SHA-256s and refuses a database in use without --force."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from minpan.cases.models import Case
from minpan.cases.transitions import apply
from minpan.policies.presets import PRESETS
from tests import snapshot
from tests.flow import dispatched
from tests.portal.conftest import PDF, PNG, form_data
from tests.server_process import ROOT, database_url

# serialized_rollback: the flush after a transactional test would otherwise take the seeded calendar with it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MINPAN_FILES_DIR = tmp_path / "files"
    return settings.MINPAN_FILES_DIR


@pytest.fixture
def handled(client, city):
    """A message with a photo and a PDF sent on the portal and dispatched, and two more cases along the way."""
    files = [SimpleUploadedFile("路灯.png", PNG, "image/png"), SimpleUploadedFile("说明.pdf", PDF, "application/pdf")]
    assert client.post("/write/", {**form_data(client), "attachments": files}).status_code == 302
    case = Case.objects.get()
    apply(case, "accept", actor=city.operator)
    apply(case, "classify", actor=city.operator, msg_type=PRESETS[case.policy_name].message_types[0], domain="urban")
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    apply(case, "claim", actor=city.handler)
    apply(dispatched(city, "tongliao"), "claim", actor=city.handler)
    dispatched(city, "chizhou")
    return case


def verified() -> str:
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_a_round_trip_over_a_changed_database_brings_back_every_row_and_file(city, handled, tmp_path, files_dir):
    rows, files = snapshot.rows(), snapshot.files()
    assert len(files) == 2 and rows["cases_event"]
    archive = tmp_path / "minpan.tar"
    call_command("backup", str(archive), stdout=io.StringIO())

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive), stdout=io.StringIO())
    # after the backup: one more case, a file lost, a stray one added
    dispatched(city, "tongliao")
    next(files_dir.rglob("*.pdf")).unlink()
    (files_dir / "stray.txt").write_text("not in the backup")
    assert snapshot.rows() != rows

    call_command("restore", str(archive), force=True, stdout=io.StringIO())
    assert snapshot.rows() == rows
    assert snapshot.files() == files
    assert "OK：3 件" in verified()
    # the sequences come back too: the next case gets a fresh number, not one restored
    assert dispatched(city, "tongliao").pk not in {r[0] for r in rows["cases_case"]}


def test_a_restore_into_an_empty_database_elsewhere_is_identical(city, handled, tmp_path):
    expected = {"rows": snapshot.rows(), "files": snapshot.files()}
    archive = tmp_path / "minpan.tar"
    call_command("backup", str(archive), stdout=io.StringIO())
    with empty_database(tmp_path) as url:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "minpan.settings", "PYTHONPATH": str(ROOT),
               "DATABASE_URL": url, "MINPAN_FILES_DIR": str(tmp_path / "elsewhere")}

        def run(*args: str) -> str:
            done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr
            return done.stdout

        assert "恢复" in run("-m", "django", "restore", str(archive))
        assert json.loads(run("-m", "tests.snapshot")) == json.loads(json.dumps(expected, sort_keys=True))
        assert "OK：3 件" in run("-m", "django", "audit", "verify")
        # nothing left to migrate: the schema came with the data
        assert "No planned migration" in run("-m", "django", "migrate", "--plan")


def test_a_damaged_archive_is_refused(city, handled, tmp_path):
    archive = tmp_path / "minpan.tar"
    call_command("backup", str(archive), stdout=io.StringIO())
    bad = tmp_path / "bad.tar"
    with tarfile.open(archive) as src, tarfile.open(bad, "w") as out:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.endswith(".pdf"):
                data = data.replace(b"%%EOF", b"%%EOX")
            out.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("restore", str(bad), force=True, stdout=io.StringIO())
    assert "OK：3 件" in verified()  # nothing was touched
    with pytest.raises(CommandError, match="manifest"):
        (tmp_path / "junk.tar").write_bytes(b"")
        with tarfile.open(tmp_path / "junk.tar", "w"):
            pass
        call_command("restore", str(tmp_path / "junk.tar"), stdout=io.StringIO())


class empty_database:
    """A database nobody has migrated: a new SQLite file, or a new PostgreSQL database beside the test one."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.name = None

    def __enter__(self) -> str:
        if connection.vendor == "sqlite":
            return f"sqlite:///{self.tmp_path / 'fresh.sqlite3'}"
        self.name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
        self._admin(f'CREATE DATABASE "{self.name}"')
        return database_url(self.tmp_path).rsplit("/", 1)[0] + "/" + self.name

    def __exit__(self, *exc):
        if self.name:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        s = connection.settings_dict
        with psycopg.connect(host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"],
                             password=s["PASSWORD"], dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)
