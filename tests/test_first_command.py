"""A newcomer's first `minpan` command, before the database exists or was migrated, says in
Chinese what to run instead of showing a traceback."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADVICE = "minpan migrate"


@pytest.fixture
def fresh(tmp_path):
    """A DATABASE_URL naming a SQLite file that does not exist yet."""
    return f"sqlite:///{tmp_path / 'fresh.db'}"


def minpan(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MINPAN_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-m", "minpan.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**env, "DATABASE_URL": url},
    )


@pytest.mark.parametrize("command", [
    ["sweep"],
    ["demo", "accounts"],
    ["calendar", "add", "2026-09-30", "5"],
    ["worker", "--once"],
])
def test_a_command_before_migrate_says_to_run_make_run_or_migrate(fresh, command):
    proc = minpan(fresh, *command)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "还没有建表" in proc.stderr
    assert "make run" in proc.stderr and ADVICE in proc.stderr


def test_showing_the_policy_needs_no_database(fresh):
    proc = minpan(fresh, "policy", "show")
    assert proc.returncode == 0, proc.stderr
    assert '"answer_working_days": 5' in proc.stdout


@pytest.mark.parametrize("command", [["help"], ["--help"], ["check"]])
def test_help_and_check_work_on_a_fresh_database(fresh, command):
    proc = minpan(fresh, *command)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_after_migrate_the_first_command_works(fresh):
    assert minpan(fresh, "migrate", "--noinput", "-v0").returncode == 0
    proc = minpan(fresh, "calendar", "add", "2026-09-30", "5")
    assert proc.returncode == 0, proc.stderr
    assert "2026-10-13" in proc.stdout


def test_half_migrated_database_is_told_to_migrate(fresh):
    assert minpan(fresh, "migrate", "workdays", "0001", "-v0").returncode == 0
    proc = minpan(fresh, "sweep")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "不是最新的" in proc.stderr and ADVICE in proc.stderr


def test_an_unreachable_database_is_named_without_a_traceback():
    proc = minpan("postgres://minpan@127.0.0.1:1/minpan", "sweep")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "无法连接数据库 minpan" in proc.stderr and "DATABASE_URL" in proc.stderr
