import io
import json
import os
import subprocess
import sys

from django.core.management import call_command

from minpan.policies.presets import PRESETS


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_list_names_all_five_presets():
    out = run("policy", "list")
    for name in ("tongliao", "naiman", "yuncheng", "xizang", "chizhou"):
        assert name in out


def test_show_prints_json_with_the_answer_time():
    for name, days in [("tongliao", 5), ("naiman", 5), ("yuncheng", 3), ("xizang", 10), ("chizhou", 7)]:
        data = json.loads(run("policy", "show", name))
        assert data["answer_working_days"] == days
        assert data["name"] == name


def test_presets_cite_their_articles():
    import inspect

    for name in PRESETS:
        source = inspect.getsource(sys.modules[f"minpan.policies.presets.{name}"])
        assert "第" in source or "五(" in source, name


def _minpan(*args, **env):
    return subprocess.run(
        [sys.executable, "-m", "minpan.cli", *args], capture_output=True, text=True,
        env={**os.environ, **env}, timeout=60,
    )


def test_unknown_preset_stops_start_up_listing_the_valid_ones():
    proc = _minpan("policy", "list", MINPAN_POLICY="beijing")
    assert proc.returncode == 2
    assert "beijing" in proc.stderr
    assert "chizhou, naiman, tongliao, xizang, yuncheng" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_database_url_is_refused_with_the_accepted_forms():
    proc = _minpan("policy", "list", DATABASE_URL="mysql://x@localhost/db")
    assert proc.returncode == 2
    assert "sqlite:///" in proc.stderr and "postgres://" in proc.stderr


def test_bad_debug_flag_is_refused():
    proc = _minpan("policy", "list", MINPAN_DEBUG="maybe")
    assert proc.returncode == 2
    assert "MINPAN_DEBUG" in proc.stderr
