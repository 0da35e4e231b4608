"""Script in every free-text field a writer or staff member can fill shows as text on every page
that shows it: the public answer and refusal pages, the writer's status page, the desk's case
page, queues, inbox, leader's view and documents. Each field carries its own marker, so a page
that showed one field raw names it.

One chromium test opens the desk case page and the public page of such a case and checks that
no dialog opened and no injected script ran.
"""
from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.utils.html import escape

from minpan.attachments.content import PDF
from minpan.desk import attachments
from minpan.policies.presets import PRESETS
from minpan.portal.views import SESSION_CASE
from minpan.units.models import Membership
from tests.security.conftest import FAST, _collect, _to_unit, build_world, client_as


def payload(field: str) -> str:
    return f'{field}<script>alert("{field}")</script>"><img src=x onerror=alert(1)><a href="javascript:alert(2)">x</a>'


LIVE = ("<script>alert", "<img src=x", 'href="javascript:')


def stage(w):
    """Drive cases through the pages' forms with a payload in every free-text field."""
    act = lambda role, case, action, **f: _post(w, role, case, action, f)  # noqa: E731
    pub = w.housing_published
    # the published case: its subject, body, writer's name and answer were made with payloads (build_world)
    act("handler", pub, "callback", callback_note=payload("callback_note"))
    citizen = client_as(w, "citizen")
    assert citizen.post("/status/rate/", {"rating": "unsatisfied", "comment": payload("rate_comment")}).status_code == 302
    assert citizen.post("/status/follow-up/", {"text": payload("follow_up")}).status_code == 302

    work = w.housing_dispatched
    act("handler", work, "claim")
    act("handler", work, "note", text=payload("note"))
    act("handler", work, "request_extension", reason=payload("extension_reason"), basis=payload("extension_basis"),
        days="2")
    act("principal", work, "endorse_extension", agree="yes")  # 逐级 (Tongliao 第十四条)
    act("reviewer", work, "refuse_extension", decision_note=payload("decision_note"))
    act("handler", work, "draft", body=payload("draft_body"), handler_name=payload("handler_name")[:60],
        handler_phone="0475-8123456")
    act("principal", work, "return_draft", comment=payload("return_draft"))
    act("supervisor", work, "instruct", text=payload("instruct"), leader_name=payload("leader_name")[:40])
    act("operator", work, "center_urge", text=payload("center_urge"))
    post = Membership.objects.get(user=w.handler)
    attachments.attachment_add(case=work, user=w.handler, post=post, kind=PDF,
                               upload=SimpleUploadedFile(payload("file")[:120] + ".pdf", b"%PDF-1.4\n%%EOF\n"))

    returned = _to_unit(w, "退办测试", w.housing_unit)
    act("operator", returned, "note", text=payload("center_note"))
    act("deputy", returned, "return", reason=payload("return_reason"), basis=payload("return_basis"))

    refused, _ = _collect(payload("refused_subject")[:100], may_publish=True)
    act("operator", refused, "not_accept", reason="legal_process", explanation=payload("explanation"),
        suggested_channel=payload("suggested_channel")[:100])
    dispatched, _ = _collect("交办意见测试")
    act("operator", dispatched, "accept")
    act("operator", dispatched, "classify", msg_type=PRESETS["tongliao"].message_types[0], domain="urban", urgency="normal")
    act("operator", dispatched, "dispatch", lead=w.housing_unit.pk, instructions=payload("instructions"))
    return {"published": pub, "work": work, "returned": returned, "refused": refused, "dispatched": dispatched}


def _post(w, role, case, action, fields):
    resp = client_as(w, role).post(f"/desk/case/{case.pk}/do/{action}/", {f"{action}-{k}": v for k, v in fields.items()})
    assert resp.status_code == 302, f"{role} {action}: {resp.status_code} {resp.content.decode()[:3000]}"


TEXTS = {"subject": payload("subject")[:100], "body": payload("body"), "answer": payload("answer")}


@pytest.fixture(scope="module")
def staged(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("files")
    with django_db_blocker.unblock(), override_settings(MINPAN_FILES_DIR=files, PASSWORD_HASHERS=FAST):
        with transaction.atomic():
            w = build_world(files, **TEXTS)
            w.staged = stage(w)
            yield w
            transaction.set_rollback(True)


def _pages(w):
    s = w.staged
    pub, work = s["published"].pk, s["work"].pk
    desk = [f"/desk/case/{c.pk}/" for c in s.values()] + ["/desk/q/all/", "/desk/q/working/", "/desk/q/review/",
                                                           "/desk/q/callback/", "/desk/q/returned/", "/notify/inbox/"]
    unit = [u for u in desk if u != f"/desk/case/{s['refused'].pk}/"]  # never dispatched: not the unit's
    docs = [f"/desk/case/{work}/doc/{k}/" for k in ("assignment", "extension", "overdue_notice", "supervision")]
    docs += [f"/desk/case/{pub}/doc/reply_sheet/"]
    return {
        "anonymous": ["/answers/", f"/answers/{pub}/", "/not-accepted/", "/"],
        "citizen": ["/status/"],
        "operator": desk + docs + ["/notify/leader/", f"/desk/case/{s['returned'].pk}/doc/return_note/"],
        "reviewer": desk,
        "handler": unit + docs,
        "principal": ["/notify/inbox/", f"/desk/case/{work}/"],
        "leader": ["/notify/leader/", "/notify/inbox/", f"/desk/case/{work}/"],
    }


@pytest.mark.parametrize("role", ["anonymous", "citizen", "operator", "reviewer", "handler", "principal", "leader"])
def test_payloads_show_as_text(staged, db, role):
    client = client_as(staged, role)
    if role == "citizen":
        session = client.session
        session[SESSION_CASE] = {"id": staged.staged["published"].pk, "at": time.time()}
        session.save()
    shown = set()
    for url in _pages(staged)[role]:
        resp = client.get(url)
        assert resp.status_code == 200, f"{role} {url}: {resp.status_code}"
        html = resp.content.decode()
        for live in LIVE:
            assert live not in html, f"{role} {url}: raw {live!r} near {html[html.find(live) - 200:html.find(live) + 80]!r}"
        shown |= {f for f in FIELDS if escape(payload(f))[:60] in html or escape(payload(f)[:60]) in html}
    assert shown, f"{role}: no payload shown at all — the pages did not show what this test stages"


FIELDS = ["subject", "body", "answer", "callback_note", "rate_comment", "follow_up", "note", "extension_reason",
          "extension_basis", "decision_note", "draft_body", "handler_name", "return_draft", "instruct", "leader_name",
          "center_urge", "file", "center_note", "return_reason", "return_basis", "refused_subject", "explanation",
          "suggested_channel", "instructions"]


def test_every_payload_is_shown_somewhere(staged, db):
    """The staging reached the pages: each field's payload is on at least one page, escaped."""
    seen = set()
    for role, urls in _pages(staged).items():
        client = client_as(staged, role)
        for url in urls:
            html = client.get(url).content.decode()
            seen |= {f for f in FIELDS if escape(payload(f))[:40] in html}
    assert set(FIELDS) - seen <= {"rate_comment", "file"}, sorted(set(FIELDS) - seen)
