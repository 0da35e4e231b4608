"""Every role × every page × own-unit and other-unit cases in several states, one test id a cell:
each cell meets the outcome tests/security/matrix.py declares, and a refused POST writes nothing.

A URL pattern nobody classified fails the first test: a new page must say who may open it.
"""
from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from minpan.api.tokens import token_create
from minpan.cases.models import Assignment, Case, Event, ExtensionRequest, PublicCopy, Reply
from minpan.catalogue.models import MatterVersion
from minpan.desk.documents import BUILDERS
from minpan.desk.models import Attachment
from minpan.desk.queues import BY_SLUG
from minpan.notify.models import Letter, Notification
from tests.security.conftest import CASES, HOUSING, ROLES
from tests.security.matrix import (
    ACTION_ROLES,
    CENTER_PEOPLE,
    FORBIDDEN,
    GET_RULES,
    LOGIN,
    MISSING,
    NO_FORM,
    OK,
    POST_ONLY,
    QUERY,
    SEEN_OR_MISSING,
    SEES,
    UNAUTHORIZED,
    signed_in,
    url_patterns,
)


def test_every_url_pattern_is_classified():
    names = {name for _, name in url_patterns()}
    unclassified = sorted(names - set(GET_RULES) - POST_ONLY)
    assert unclassified == [], f"add these to tests/security/matrix.py (GET_RULES or POST_ONLY): {unclassified}"
    stale = sorted((set(GET_RULES) | POST_ONLY) - names)
    assert stale == [], f"no longer URL patterns: {stale}"


def outcome(resp) -> str:
    if resp.status_code in (301, 302):
        to = resp["Location"]
        if to.startswith("/desk/login/"):
            return LOGIN
        if to.startswith("/admin/login/"):
            return "admin_login"
        if to.startswith("/query/"):
            return QUERY
        return "redirect"
    return str(resp.status_code)


def met(expected: str, resp) -> bool:
    got = outcome(resp)
    return got in (OK, MISSING) if expected == SEEN_OR_MISSING else got == expected


# ---- GET: (role, page, object) ----------------------------------------------------------------

def _get_cells():
    """(id, route name, how to build the URL from the world, the object the rule is asked about)."""
    cells = []
    plain = {
        "desk:home": "/desk/", "desk:login": "/desk/login/", "desk:hot": "/desk/hot/",
        "desk:hot_docx": "/desk/hot/2026-01.docx", "notify:inbox": "/notify/inbox/",
        "desk:channels": "/desk/channels/", "desk:channel_file": "/desk/channels/people_daily/2026-11/reconcile.xlsx",
        "notify:settings": "/notify/settings/", "notify:leader": "/notify/leader/", "portal:home": "/",
        "portal:write": "/write/", "portal:query": "/query/", "portal:status": "/status/", "portal:answers": "/answers/",
        "portal:refusals": "/not-accepted/", "portal:statistics": "/statistics/", "portal:report_error": "/website-error/",
        "portal:elder": "/elder/?on=1", "portal:receipt": "/receipt/not-this-browsers/",
        "portal:confirm_email": "/confirm-email/forged/", "admin:*": "/admin/",
        "open311:services": "/open311/v2/services.json", "open311:service": "/open311/v2/services/urban.xml",
        "open311:requests": "/open311/v2/requests.json", "open311:request": "/open311/v2/requests/987654.json",
        "desk:knowledge": "/desk/knowledge/", "desk:knowledge_new": "/desk/knowledge/new/",
        "desk:stats_monthly": "/desk/stats/monthly/?month=2026-01", "desk:stats_special": "/desk/stats/special/?topic=路灯",
        "desk:assessment": "/desk/assessment/?year=2026&month=10", "desk:assessment_export": "/desk/assessment/export.xlsx?year=2026",
        "open311:token": "/open311/v2/tokens/made-up.xml", "desk:bulletins": "/desk/bulletins/", "ops:healthz": "/healthz",
        "desk:catalogue": "/desk/catalogue/", "desk:catalogue_export": "/desk/catalogue/export.xlsx",
    }
    cells += [(url, name, lambda w, u=url: u, None) for name, url in plain.items()]
    cells += [(f"/desk/q/{slug}/", "desk:queue", lambda w, s=slug: f"/desk/q/{s}/", None) for slug in BY_SLUG]
    cells += [(f"export.{fmt}", "desk:export", lambda w, f=fmt: f"/desk/q/all/export.{f}", None) for fmt in ("csv", "xlsx")]
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        cells.append((url, "admin:*", lambda w, u=url: u, None))
    for case in CASES:
        cells.append((f"case[{case}]", "desk:case", lambda w, c=case: f"/desk/case/{getattr(w, c).pk}/", case))
        cells.append((f"answer[{case}]", "portal:answer", lambda w, c=case: f"/answers/{getattr(w, c).pk}/", case))
        for kind in BUILDERS:
            cells.append((f"doc[{case},{kind}]", "desk:document",
                          lambda w, c=case, k=kind: f"/desk/case/{getattr(w, c).pk}/doc/{k}/", case))
        cells.append((f"docx[{case}]", "desk:document_docx",
                      lambda w, c=case: f"/desk/case/{getattr(w, c).pk}/doc/assignment.docx", case))
    cells.append(("matter", "desk:matter", lambda w: f"/desk/catalogue/{w.matter.pk}/", None))
    cells.append(("staff-file", "desk:download",
                  lambda w: f"/desk/case/{w.housing_dispatched.pk}/files/{w.staff_file.pk}/", "housing_dispatched"))
    cells.append(("writer-file", "desk:writer_file",
                  lambda w: f"/desk/case/{w.housing_dispatched.pk}/writer-files/{w.writer_file.pk}/", "housing_dispatched"))
    # a file asked for under a case the person sees, but the file is another case's
    cells.append(("file-under-another-case", "desk:download",
                  lambda w: f"/desk/case/{w.housing_drafted.pk}/files/{w.staff_file.pk}/", None))
    cells.append(("kb-entry", "desk:knowledge_entry", lambda w: f"/desk/knowledge/{w.kb_entry.pk}/", None))
    for unit in ("housing_unit", "education", "district", "street", "center_unit"):
        cells.append((f"assessment[{unit}]", "desk:assessment_unit",
                      lambda w, u=unit: f"/desk/assessment/unit/{getattr(w, u).pk}/?year=2026", unit))
    for letter, case, issued in (("issued_letter", "housing_dispatched", True), ("draft_letter", "housing_dispatched", False),
                                 ("edu_letter", "edu_dispatched", True)):
        cells.append((letter, "notify:letter", lambda w, x=letter: f"/notify/letters/{getattr(w, x).pk}/", (case, issued)))
    for bulletin, issued in (("draft_bulletin", False), ("issued_bulletin", True)):
        for name, tail in (("desk:bulletin", "/"), ("desk:bulletin_print", "/print/"), ("desk:bulletin_docx", ".docx")):
            cells.append((f"{bulletin}{tail}", name, lambda w, b=bulletin, t=tail: f"/desk/bulletins/{getattr(w, b).pk}{t}", issued))
    return cells


GET_CELLS = _get_cells()


def _expected(name, role, obj):
    if name == "portal:answer":  # public only once published in public
        return OK if obj == "housing_published" else MISSING
    if obj is None and name == "desk:download":  # the file is not the case's: nobody gets it
        return LOGIN if not signed_in(role) else MISSING
    return GET_RULES[name](role, obj)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("cell", GET_CELLS, ids=[c[0] for c in GET_CELLS])
def test_get(world, clients, cell, role):
    _, name, url, obj = cell
    expected = _expected(name, role, obj)
    resp = clients(role).get(url(world))
    assert met(expected, resp), f"{role} GET {url(world)}: expected {expected}, got {outcome(resp)}"
    if outcome(resp) in (FORBIDDEN, MISSING) and resp.get("Content-Type", "").startswith("text/html"):
        # the refusal says nothing of the case it refused
        text = resp.content.decode()
        for case in CASES:
            assert getattr(world, case).subject not in text, f"{role} read a subject on a refusal page"


# ---- POST: (role, action, case), and every other POST endpoint --------------------------------

def snapshot() -> tuple:
    """What a refused POST must leave as it was: the rows of the core and the notices."""
    return (
        Case.objects.count(), Event.objects.count(), Assignment.objects.count(), Reply.objects.count(),
        ExtensionRequest.objects.count(), PublicCopy.objects.count(), Attachment.objects.count(),
        Notification.objects.count(), Notification.objects.filter(read_at__isnull=True).count(),
        sorted(Letter.objects.values_list("pk", "state")), MatterVersion.objects.count(),
        sorted(Case.objects.values_list("pk", "state", "lead_unit_id", "due_at", "supervised", "extension_pending",
                                        "callback_due", "publish_masks")),
    )


ACTION_CASES = ("received", "housing_dispatched", "housing_drafted", "housing_submitted", "edu_dispatched")
ACTIONS = sorted(ACTION_ROLES) + ["rate", "approve_bulletin", "no-such-action"]


def expected_act(role: str, action: str, case: str) -> str:
    if not signed_in(role):
        return LOGIN
    if case not in SEES[role]:
        return MISSING
    if action in NO_FORM:
        return MISSING
    if role not in ACTION_ROLES[action]:
        return FORBIDDEN
    return "allowed"


@pytest.mark.parametrize("case", ACTION_CASES)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_post_action(world, clients, role, action, case):
    expected = expected_act(role, action, case)
    before = snapshot()
    # the fields a careless or hostile form might carry, under every prefix the page uses
    data = {f"{action}-{f}": v for f, v in (("lead", world.housing_unit.pk), ("body", "已处理。"), ("reason", "测试"),
                                            ("note", "测试"), ("text", "测试"), ("sealed", "on"))}
    resp = clients(role).post(f"/desk/case/{getattr(world, case).pk}/do/{action}/", data)
    if expected == "allowed":
        # the role may take it: what it meets is the case's state and the form (done, or told why not)
        assert resp.status_code in (302, 400, 403), resp.status_code
        return
    assert outcome(resp) == expected, f"{role} {action} on {case}: expected {expected}, got {outcome(resp)}"
    assert snapshot() == before, f"{role}'s refused {action} on {case} wrote something"


def _posts(w):
    """Other POST endpoints: (id, url, data, who may, what everyone else meets)."""
    sub = w.housing_submitted.pk
    return [
        ("bulk_dispatch", "/desk/bulk/dispatch/", {"case": [w.received.pk, w.housing_dispatched.pk], "lead": w.housing_unit.pk},
         {"operator"}, lambda r: LOGIN if not signed_in(r) else FORBIDDEN),
        # units never see the public preview (404); the rest of the center may see it, not change it
        ("mask", f"/desk/case/{sub}/publication/", {"add": "下水道"}, {"operator", "reviewer"},
         lambda r: LOGIN if not signed_in(r) else FORBIDDEN if r in CENTER_PEOPLE else MISSING),
        # whoever sees the case and has a post may add a file; a superuser without a post may not
        ("upload", f"/desk/case/{w.edu_dispatched.pk}/files/", {},
         {"operator", "reviewer", "supervisor", "leader", "edu_handler"},
         lambda r: LOGIN if not signed_in(r) else FORBIDDEN if r == "admin" else MISSING),
        ("approve_letter", f"/notify/letters/{w.draft_letter.pk}/approve/", {}, {"leader"},
         lambda r: LOGIN if not signed_in(r) else FORBIDDEN),
        ("refuse_letter", f"/notify/letters/{w.draft_letter.pk}/refuse/", {"reason": "不同意"}, {"leader"},
         lambda r: LOGIN if not signed_in(r) else FORBIDDEN),
        ("rate", "/status/rate/", {"rating": "unsatisfied"}, {"citizen"}, lambda r: QUERY),
        ("follow_up", "/status/follow-up/", {"text": "还没有修好，请再看看。"}, {"citizen"}, lambda r: QUERY),
        # another person's notice: marking it read as someone else changes nothing of theirs
        ("mark_read_others", "/notify/inbox/read/", {"id": "OPERATORS_NOTICE"}, {"operator"},
         lambda r: LOGIN if not signed_in(r) else "redirect"),
        # 回头看: the 受理员 and the 督查 draw; the rest of the center reads the page only; units never
        ("look_back_draw", "/desk/look-back/draw/", {"since": "2026-01-01", "until": "2026-01-31", "size": "1"},
         {"operator", "supervisor"}, lambda r: LOGIN if not signed_in(r) else FORBIDDEN),
        # 知识库: the center's reviewer approves; the entry's own unit (市住建局) and the center edit it
        ("knowledge_approve", f"/desk/knowledge/{w.kb_entry.pk}/approve/", {}, {"reviewer", "admin"},
         lambda r: LOGIN if not signed_in(r) else FORBIDDEN),
        ("knowledge_edit", f"/desk/knowledge/{w.kb_entry.pk}/", {"title": "供暖收费", "answer": "按标准收取。", "basis": "办法",
                                                              "owner": w.housing_unit.pk, "valid_from": "2026-01-01"},
         {"operator", "reviewer", "admin", *HOUSING}, lambda r: LOGIN if not signed_in(r) else FORBIDDEN),
        # 通报: the center's office drafts and edits; a leader signs; a unit never sees a draft (404)
        ("bulletin_draft", "/desk/bulletins/draft/", {"first": "2026-02-01", "last": "2026-02-28"},
         {"operator", "reviewer", "supervisor"}, lambda r: LOGIN if not signed_in(r) else FORBIDDEN),
        ("bulletin_edit", f"/desk/bulletins/{w.draft_bulletin.pk}/edit/", {"title": "通报", "body": "正文。"},
         {"operator", "reviewer", "supervisor"},
         lambda r: LOGIN if not signed_in(r) else FORBIDDEN if r in CENTER_PEOPLE else MISSING),
        ("bulletin_approve_draft", f"/desk/bulletins/{w.draft_bulletin.pk}/approve/", {}, set(),
         lambda r: LOGIN if not signed_in(r) else FORBIDDEN if r in CENTER_PEOPLE else MISSING),
        ("bulletin_edit_issued", f"/desk/bulletins/{w.issued_bulletin.pk}/edit/", {"title": "改", "body": "改。"}, set(),
         lambda r: LOGIN if not signed_in(r) else FORBIDDEN if r in CENTER_PEOPLE or r in HOUSING else MISSING),
        # 派单目录: the 受理员 edits and imports; the rest of the center reads; units never
        ("matter_new", "/desk/catalogue/new/", {"code": "x", "domain": "urban", "name": "测试", "lead_unit": w.housing_unit.pk,
                                                "reason": "测试"}, {"operator"}, lambda r: LOGIN if not signed_in(r) else FORBIDDEN),
        ("matter_edit", f"/desk/catalogue/{w.matter.pk}/edit/", {"name": "改名", "lead_unit": w.education.pk, "reason": "测试"},
         {"operator"}, lambda r: LOGIN if not signed_in(r) else FORBIDDEN),
        ("catalogue_import", "/desk/catalogue/import/", {"reason": "测试"}, {"operator"},
         lambda r: LOGIN if not signed_in(r) else FORBIDDEN),
    ]


POST_IDS = [p[0] for p in _posts(type("W", (), {"__getattr__": lambda s, n: type("O", (), {"pk": 0})()})())]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", POST_IDS)
def test_post_endpoint(world, clients, which, role):
    _, url, data, allowed, refused = next(p for p in _posts(world) if p[0] == which)
    if data.get("id") == "OPERATORS_NOTICE":
        data = {"id": Notification.objects.filter(recipient=world.operator).values_list("pk", flat=True).first()}
    if role in allowed:
        resp = clients(role).post(url, data)
        assert resp.status_code in (200, 302, 400), resp.status_code
        return
    before = snapshot()
    resp = clients(role).post(url, data)
    assert outcome(resp) == refused(role), f"{role} POST {url}: expected {refused(role)}, got {outcome(resp)}"
    assert snapshot() == before, f"{role}'s refused POST {url} wrote something"


@pytest.mark.parametrize("role", ROLES)
def test_a_get_on_a_post_only_endpoint_is_refused(world, clients, role):
    case = world.housing_dispatched.pk
    for url in ("/desk/logout/", "/desk/bulk/dispatch/", f"/desk/case/{case}/do/claim/", f"/desk/case/{case}/publication/",
                f"/desk/case/{case}/files/", "/notify/inbox/read/", f"/notify/letters/{world.draft_letter.pk}/approve/",
                "/status/rate/", "/status/follow-up/", "/desk/look-back/draw/", "/desk/bulletins/draft/",
                f"/desk/bulletins/{world.draft_bulletin.pk}/submit/", f"/desk/knowledge/{world.kb_entry.pk}/approve/"):
        resp = clients(role).get(url)
        assert resp.status_code in (302, 405), f"{role} GET {url}: {resp.status_code}"


def test_every_role_and_case_is_in_the_table():
    assert set(SEES) == set(ROLES)
    assert all(c in CASES for seen in SEES.values() for c in seen)
    assert len(GET_CELLS) * len(ROLES) > 1000  # the matrix is a matrix, not a sample


# ---- the REST API: every role with its own token, the same cells as the pages ------------------

def api_client(role: str):
    """A client sending the person's own token; the writer and the anonymous have none."""
    from django.test import Client

    headers = {"Authorization": f"Bearer {token_create(username=role)[1]}"} if signed_in(role) else {}
    client = Client()
    return lambda method, url, data=None: getattr(client, method)(
        url, data if data is not None else ({} if method == "get" else "{}"), headers=headers,
        **({"content_type": "application/json"} if method == "post" else {}))


API_GET = [("list", "api:cases", lambda w: "/api/v1/cases/", None), ("schema", "api:schema", lambda w: "/api/v1/schema", None),
           ("docs", "api:docs", lambda w: "/api/v1/docs/", None), ("unknown", "api:unknown", lambda w: "/api/v1/nothing/", None)]
API_GET += [(f"case[{c}]", "api:case", lambda w, c=c: f"/api/v1/cases/{getattr(w, c).pk}/", c) for c in CASES]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("cell", API_GET, ids=[c[0] for c in API_GET])
def test_api_get(world, db, cell, role):
    _, name, url, obj = cell
    expected = GET_RULES[name](role, obj)
    resp = api_client(role)("get", url(world))
    assert outcome(resp) == expected, f"{role} GET {url(world)} with a token: expected {expected}, got {outcome(resp)}"
    if name == "api:cases" and expected == OK:
        assert {r["id"] for r in resp.json()["results"]} == {getattr(world, c).pk for c in SEES[role]}
    if resp.status_code in (401, 403, 404):
        for case in CASES:
            assert getattr(world, case).subject not in resp.content.decode()


def expected_api_act(role: str, action: str, case: str) -> str:
    expected = expected_act(role, action, case)
    return UNAUTHORIZED if expected == LOGIN else expected


# the API asks the page's own questions (minpan.api.views.acting): two cases, one per unit, stand for the five
API_ACTION_CASES = ("housing_drafted", "edu_dispatched")


@pytest.mark.parametrize("case", API_ACTION_CASES)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_api_action(world, db, role, action, case):
    expected = expected_api_act(role, action, case)
    before = snapshot()
    data = {"lead": world.housing_unit.pk, "body": "已处理。", "reason": "测试", "note": "测试", "text": "测试", "sealed": True}
    resp = api_client(role)("post", f"/api/v1/cases/{getattr(world, case).pk}/actions/{action}/", data)
    if expected == "allowed":
        assert resp.status_code in (200, 400, 403, 409), resp.status_code
        return
    assert outcome(resp) == expected, f"{role} {action} on {case} by the API: expected {expected}, got {outcome(resp)}"
    assert snapshot() == before, f"{role}'s refused {action} on {case} by the API wrote something"


@pytest.mark.parametrize("role", ROLES)
def test_api_intake_takes_only_a_channel_token(world, db, role):
    before = snapshot()
    resp = api_client(role)("post", "/api/v1/intake/", {"subject": "路灯", "body": "不亮", "external_id": "X-1"})
    assert outcome(resp) == (UNAUTHORIZED if not signed_in(role) else FORBIDDEN)
    assert snapshot() == before
