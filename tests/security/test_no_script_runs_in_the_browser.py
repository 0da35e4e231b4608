"""In chromium: the desk's case page and the public answer page of a case whose every free-text
field carries script open no dialog and load no injected image; the payloads are on the page as
text. (tests/security/test_script_shows_as_text.py checks the HTML of every page; this checks
what a browser makes of two of them.)"""
from __future__ import annotations

import pytest

from minpan.desk.models import Attachment
from tests.security.conftest import build_world
from tests.security.test_script_shows_as_text import TEXTS, stage


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_injected_script_runs_on_the_case_page_nor_the_public_answer(page, live_server, settings, tmp_path, artifacts):
    settings.MINPAN_FILES_DIR = tmp_path
    w = build_world(tmp_path, **TEXTS)
    staged = stage(w)
    assert Attachment.objects.exists()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    broken: list[str] = []
    page.on("requestfailed", lambda r: broken.append(r.url))

    page.goto(f"{live_server.url}/answers/{staged['published'].pk}/")
    assert "<script>alert" in page.inner_text("main")  # shown as the text the writer typed
    page.screenshot(path=str(artifacts / "security-public-answer.png"), full_page=True)

    page.goto(f"{live_server.url}/desk/login/")
    page.fill("#id_username", "operator")
    page.fill("#id_password", w.password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/desk/")
    for case in staged.values():
        page.goto(f"{live_server.url}/desk/case/{case.pk}/")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.querySelectorAll('main img[src=\"x\"], main [onerror]').length") == 0
        assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\"]').length") == 0
    page.goto(f"{live_server.url}/desk/case/{staged['work'].pk}/")
    assert "<script>alert" in page.inner_text("main")
    page.screenshot(path=str(artifacts / "security-case-page.png"), full_page=True)
    assert dialogs == [], f"script ran: {dialogs}"
    assert not [u for u in broken if u.endswith("/x")], "an injected <img src=x> was loaded"
