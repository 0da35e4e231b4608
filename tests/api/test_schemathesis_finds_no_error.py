"""Schemathesis against a real server on 127.0.0.1, with a center operator's token and with a
channel's: generated requests for every operation of the schema (a few examples each, a time
limit) meet no server error and no answer that breaks the schema.

The server is a threaded runserver on the test database (a file copy on SQLite, the test database
itself on PostgreSQL: hence a transactional test, its rows committed before the server starts; serialized_rollback
leaves the seeded calendar and the content types for the transactional tests after it, as theirs do)."""
import subprocess
import sys
from pathlib import Path

import pytest

from minpan.api.tokens import token_create
from minpan.cases.transitions import apply
from tests.flow import collect, dispatched
from tests.server_process import database_url, runserver

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
CHECKS = "not_a_server_error,response_schema_conformance,content_type_conformance"


def fuzz(port: int, token: str, where: Path, *, only: str = "", leave_out: str = "") -> subprocess.CompletedProcess:
    """One schemathesis run; its cache and reports go to `where` (the test's tmp_path), not the checkout."""
    args = [str(SCHEMATHESIS), "run", f"http://127.0.0.1:{port}/api/v1/schema?format=json",
            "--header", f"Authorization: Bearer {token}", "--checks", CHECKS,
            "--max-examples", "5", "--max-time", "25", "--workers", "1", "--seed", "2026",
            "--generation-database", "none", "--request-timeout", "20", "--no-color", "--phases", "examples,coverage,fuzzing"]
    if only:
        args += ["--include-path", only]
    if leave_out:
        args += ["--exclude-path", leave_out]
    return subprocess.run(args, capture_output=True, text=True, timeout=150, cwd=where)


@pytest.mark.api_fuzz
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_generated_requests_meet_no_error_and_keep_to_the_schema(city, tmp_path):
    for n in range(3):
        dispatched(city, "tongliao", subject=f"路灯不亮 {n}")
    apply(collect("tongliao"), "accept", actor=city.operator)
    collect("tongliao")
    _, staff = token_create(username="operator")
    _, channel = token_create(channel="people_daily")
    env = {"DATABASE_URL": database_url(tmp_path), "MINPAN_FILES_DIR": str(tmp_path / "files"), "MINPAN_API_RATE": "100000/min"}
    with runserver(tmp_path, env) as port:
        runs = [fuzz(port, staff, tmp_path, leave_out="/api/v1/intake/"), fuzz(port, channel, tmp_path, only="/api/v1/intake/")]
    for run in runs:
        assert run.returncode == 0, run.stdout[-12000:] + run.stderr[-2000:]
