"""Every page carries a Content-Security-Policy that lets no injected script or style run: only our
own files from /static/, no inline code, no plugins, no framing, forms post only to us.
The browser side (no violation on the real pages, in chromium) is in test_csp_in_the_browser.py."""
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from tests.flow import dispatched

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "minpan").glob("*/templates/**/*.html"))


def directives(resp) -> dict[str, str]:
    header = resp["Content-Security-Policy"]
    return {d.split()[0]: " ".join(d.split()[1:]) for d in header.split(";") if d.strip()}


def assert_strict(resp):
    policy = directives(resp)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert policy["base-uri"] == "'self'" and policy["form-action"] == "'self'"
    assert "unsafe" not in resp["Content-Security-Policy"]


def test_portal_pages_carry_the_policy(client, db):
    for path in ("/", "/write/", "/query/", "/answers/"):
        assert_strict(client.get(path))


def test_desk_and_admin_pages_carry_the_policy(client, city):
    case = dispatched(city, "tongliao")
    client.force_login(city.operator)
    for path in ("/desk/login/", "/desk/", f"/desk/case/{case.pk}/", f"/desk/case/{case.pk}/doc/assignment/", "/notify/inbox/"):
        assert_strict(client.get(path))
    client.force_login(get_user_model().objects.create_superuser("root", password="correct-horse-battery"))
    assert_strict(client.get("/admin/"))


def test_error_pages_carry_the_policy(client, db, settings):
    settings.DEBUG = False
    assert_strict(client.get("/no-such-page/"))


# What the policy refuses, written into a template: an inline script, a <style> block, an
# on*="" handler, a style="" attribute, a javascript: address.
INLINE = [
    ("inline <script>", re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)),
    ("<style> block", re.compile(r"<style\b", re.I)),
    ("on*= handler", re.compile(r"\son[a-z]+\s*=", re.I)),
    ("style= attribute", re.compile(r"\sstyle\s*=", re.I)),
    ("javascript: address", re.compile(r"javascript:", re.I)),
    ("htmx hx-on / js: values", re.compile(r"\shx-on|\"js:|'js:", re.I)),
]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: "/".join(p.parts[-3:]))
def test_no_template_holds_code_the_policy_would_refuse(template):
    text = template.read_text(encoding="utf-8")
    found = [what for what, pattern in INLINE if pattern.search(text)]
    assert found == [], f"{template}: {found}"
