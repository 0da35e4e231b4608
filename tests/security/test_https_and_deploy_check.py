"""With MINPAN_DEBUG=0 minpan answers over HTTPS only and `minpan check --deploy` has nothing to
warn about; behind a proxy that ends TLS one variable says which header carries the scheme."""
import json
import os
import subprocess
import sys

from tests.test_settings_from_environment import GOOD_KEY, ROOT, _refusal, _settings

PRODUCTION = {"MINPAN_DEBUG": "0", "MINPAN_SECRET_KEY": GOOD_KEY + "-9f3Kq!zT", "MINPAN_ALLOWED_HOSTS": "minpan.example.gov.cn",
              "MINPAN_DATA_KEY": "d" * 40, "MINPAN_QUERY_KEY": "q" * 40}
SHOW = ("import json, minpan.settings as s; print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_PROXY_SSL_HEADER, getattr(s, 'SESSION_COOKIE_SECURE', False)]))")


def test_deploy_check_passes_with_production_settings():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MINPAN_", "DJANGO_"))}
    proc = subprocess.run(
        [sys.executable, "-m", "minpan.cli", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, env={**clean, **PRODUCTION},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_production_redirects_to_https_and_pins_it_for_a_year():
    proc = _settings(SHOW, **PRODUCTION)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [True, 31536000, True, True, None, True]


def test_development_keeps_plain_http():
    proc = _settings(SHOW)
    assert json.loads(proc.stdout)[:2] == [False, 0]


def test_a_tls_proxy_names_its_scheme_header():
    proc = _settings(SHOW, **PRODUCTION, MINPAN_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO")
    assert json.loads(proc.stdout)[4] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_bad_https_values_are_refused_by_name():
    assert "MINPAN_PROXY_SSL_HEADER" in _refusal(**PRODUCTION, MINPAN_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert "MINPAN_HSTS_SECONDS" in _refusal(**PRODUCTION, MINPAN_HSTS_SECONDS="一年")
    assert "MINPAN_SSL_REDIRECT" in _refusal(**PRODUCTION, MINPAN_SSL_REDIRECT="maybe")


def test_plain_http_is_sent_to_https_and_https_gets_hsts(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    resp = client.get("/query/")
    assert resp.status_code == 301 and resp["Location"] == "https://testserver/query/"
    resp = client.get("/query/", headers={"X-Forwarded-Proto": "https"})
    assert resp.status_code == 200 and resp["Strict-Transport-Security"].startswith("max-age=31536000")
