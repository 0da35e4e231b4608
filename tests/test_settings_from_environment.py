"""minpan/settings.py reads the environment once and refuses bad values by name.

Each test imports the settings in a fresh interpreter with an environment of its own,
as `minpan` would start under it."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 50


def _settings(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MINPAN_", "DATABASE_URL", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
        env={**clean, "DJANGO_SETTINGS_MODULE": "minpan.settings", **env},
    )


def _database(**env: str) -> dict:
    proc = _settings("import json, minpan.settings as s; print(json.dumps(s.DATABASES['default'], default=str))", **env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _refusal(**env: str) -> str:
    proc = _settings("import minpan.settings", **env)
    assert proc.returncode != 0
    return proc.stderr.strip().splitlines()[-1]


def test_postgres_url_keeps_sslmode_and_other_options():
    db = _database(DATABASE_URL="postgres://minpan:p%40ss@db.example:6432/minpan?sslmode=require&connect_timeout=10")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "minpan", "p@ss", "db.example", "6432", "minpan")
    assert db["OPTIONS"] == {"sslmode": "require", "connect_timeout": 10}
    assert db["CONN_MAX_AGE"] == 60 and db["CONN_HEALTH_CHECKS"] is True
    assert db["TEST"] == {"NAME": "test_minpan"}


def test_sslmode_reaches_the_connection_parameters():
    proc = _settings(
        "import django; django.setup(); from django.db import connection; "
        "print(connection.get_connection_params()['sslmode'])",
        DATABASE_URL="postgresql://minpan@127.0.0.1/minpan?sslmode=verify-full",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "verify-full"


def test_sqlite_path_relative_to_the_project_keeps_wal_and_immediate():
    db = _database(DATABASE_URL="sqlite:///var/minpan.sqlite3")
    assert db["NAME"] == str(ROOT / "var" / "minpan.sqlite3")
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_sqlite_absolute_path_with_its_own_option(tmp_path):
    path = tmp_path / "minpan.db"
    db = _database(DATABASE_URL=f"sqlite:///{path}?timeout=20")
    assert db["NAME"] == str(path)
    assert db["OPTIONS"]["timeout"] == 20
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    proc = _settings(
        "import django; django.setup(); from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0])",
        DATABASE_URL=f"sqlite:///{path}?timeout=20",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "wal"


def test_no_database_url_is_the_sqlite_file_in_the_project():
    assert _database()["NAME"] == str(ROOT / "db.sqlite3")


def test_unknown_scheme_is_refused_naming_the_variable_and_the_accepted_forms():
    message = _refusal(DATABASE_URL="mysql://minpan@localhost/minpan")
    assert "DATABASE_URL" in message and "'mysql'" in message
    assert "sqlite:///" in message and "postgres://" in message


def test_bad_port_and_missing_names_are_refused():
    assert "DATABASE_URL" in _refusal(DATABASE_URL="postgres://minpan@localhost:port/minpan")
    assert "数据库名" in _refusal(DATABASE_URL="postgres://minpan@localhost:5432/")
    assert "文件名" in _refusal(DATABASE_URL="sqlite://")


def test_the_password_in_a_refused_url_is_not_printed():
    proc = _settings("import minpan.settings", DATABASE_URL="postgres://minpan:s3cret@localhost:x/minpan")
    assert proc.returncode != 0
    assert "s3cret" not in proc.stderr


def test_production_refuses_a_missing_secret_key():
    message = _refusal(MINPAN_DEBUG="0")
    assert "MINPAN_SECRET_KEY" in message and "50" in message and "未设置" in message


def test_production_refuses_a_short_secret_key():
    message = _refusal(MINPAN_DEBUG="0", MINPAN_SECRET_KEY="k" * 49)
    assert "MINPAN_SECRET_KEY" in message and "49" in message


def test_production_accepts_a_fifty_character_secret_key():
    proc = _settings("import minpan.settings as s; print(s.DEBUG, len(s.SECRET_KEY))",
                     MINPAN_DEBUG="0", MINPAN_SECRET_KEY=GOOD_KEY, MINPAN_DATA_KEY="d" * 32,
                     MINPAN_QUERY_KEY="q" * 32)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "50"]


def test_development_needs_no_secret_key():
    proc = _settings("import minpan.settings as s; print(len(s.SECRET_KEY) >= 50)")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "True"


def test_demo_password_and_models_dir_are_settings(tmp_path):
    proc = _settings(
        "import json, minpan.settings as s; print(json.dumps([s.MINPAN_DEMO_PASSWORD, str(s.MINPAN_MODELS_DIR)]))",
        MINPAN_DEMO_PASSWORD="another-demo-pass", MINPAN_MODELS_DIR=str(tmp_path),
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == ["another-demo-pass", str(tmp_path)]


def test_bad_log_level_is_refused():
    assert "MINPAN_LOG_LEVEL" in _refusal(MINPAN_LOG_LEVEL="loud")


def test_production_refuses_a_missing_query_key():
    message = _refusal(MINPAN_DEBUG="0", MINPAN_SECRET_KEY=GOOD_KEY, MINPAN_DATA_KEY="d" * 32)
    assert "MINPAN_QUERY_KEY" in message and "32" in message


def test_a_short_query_key_is_refused_even_in_development():
    assert "MINPAN_QUERY_KEY" in _refusal(MINPAN_QUERY_KEY="q" * 31)
