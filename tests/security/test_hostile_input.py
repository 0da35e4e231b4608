"""Hostile input through every form and endpoint: odd values for every parameter each view reads,
in the path, the query string and the body, by the wrong method, as each kind of visitor. No
answer is a server error, and none shows a traceback.

Two passes: every odd value of a fixed list in every parameter, one at a time (the list names
what went wrong before: ids like "abc", page numbers past any integer); then hypothesis mixes
them with arbitrary text, several parameters at once (derandomized: the same draw every run).
"""
from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minpan.desk.forms import FORMS
from minpan.notify.views import PreferenceForm
from minpan.ops import health
from minpan.portal.forms import (
    AnswerFilterForm,
    ErrorReportForm,
    FollowUpForm,
    ForgotForm,
    QueryForm,
    RateForm,
    SmsCodeForm,
    WriteForm,
)
from minpan.portal.my_data import ContactForm, CorrectionForm, EraseForm
from tests.security.conftest import client_as
from tests.security.matrix import ACTION_ROLES, GET_RULES, POST_ONLY, url_patterns

ODD = [
    "abc", "-1", "0", "9" * 30, "1e5", "1.5", "0x1f", " 7 ", "٣", "²", "\x00", "a\x00b", "\u202e\ufeff", "𠀀𝕏",
    "x" * 5000, "", "<script>alert(1)</script>", "../../etc/passwd", "%00", "2026-13-45", "9999-99", "null",
    "[]", "{}", "true", "' OR 1=1 --",
]
MATTER_FIELDS = ["name", "keywords", "lead_unit", "co_units", "legal_basis", "answer_days", "in_force", "reason"]
KB_FIELDS = ["title", "questions", "answer", "basis", "owner", "valid_from", "valid_until"]
QUEUE_FILTERS = ["q", "channel", "msg_type", "domain", "unit", "state", "since", "until", "sort", "page"]


def _fields(form) -> list[str]:
    return list(form.base_fields)


# What each URL pattern reads: (path with {placeholders}, the path's parameters, query parameters, body parameters).
# Placeholders are filled with real ids from the world, or with odd values in the path pass.
READS: dict[str, tuple[str, tuple[str, ...], list[str], list[str]]] = {
    "desk:home": ("/desk/", (), [], []),
    "desk:login": ("/desk/login/", (), ["next"], ["username", "password", "next"]),
    "desk:logout": ("/desk/logout/", (), [], []),
    "desk:queue": ("/desk/q/{slug}/", ("slug",), QUEUE_FILTERS, []),
    "desk:export": ("/desk/q/{slug}/export.{fmt}", ("slug", "fmt"), QUEUE_FILTERS, []),
    "desk:bulk_dispatch": ("/desk/bulk/dispatch/", (), [], ["case", "lead", "co", "instructions", "co_instructions", "back"]),
    "desk:case": ("/desk/case/{pk}/", ("pk",), [], []),
    "desk:act": ("/desk/case/{pk}/do/{action}/", ("pk", "action"), [],
                 sorted({f"{a}-{f}" for a, form in FORMS.items() for f in _fields(form)})),
    "desk:publication": ("/desk/case/{pk}/publication/", ("pk",), [], ["add", "keep", "unkeep", "unmask", "reason"]),
    "desk:document": ("/desk/case/{pk}/doc/{kind}/", ("pk", "kind"), [], []),
    "desk:document_docx": ("/desk/case/{pk}/doc/{kind}.docx", ("pk", "kind"), [], []),
    "desk:upload": ("/desk/case/{pk}/files/", ("pk",), [], ["file"]),
    "desk:download": ("/desk/case/{pk}/files/{att}/", ("pk", "att"), [], []),
    "desk:writer_file": ("/desk/case/{pk}/writer-files/{watt}/", ("pk", "watt"), ["inline"], []),
    "desk:hot": ("/desk/hot/", (), ["month", "sort"], []),
    "desk:hot_docx": ("/desk/hot/{month}.docx", ("month",), [], []),
    "desk:channels": ("/desk/channels/", (), ["month"], []),
    "desk:channel_file": ("/desk/channels/{channel}/{month}/{kind}.xlsx", ("channel", "kind", "month"), [], []),
    "desk:look_back": ("/desk/look-back/", (), [], []),
    "desk:look_back_draw": ("/desk/look-back/draw/", (), [], ["since", "until", "size", "percent"]),
    "desk:stats": ("/desk/stats/", (), ["from", "to"], []),
    "desk:catalogue": ("/desk/catalogue/", (), ["at"], []),
    "desk:matter_new": ("/desk/catalogue/new/", (), [], MATTER_FIELDS + ["code", "domain", "parent"]),
    "desk:catalogue_export": ("/desk/catalogue/export.xlsx", (), ["at"], []),
    "desk:catalogue_import": ("/desk/catalogue/import/", (), [], ["file", "reason"]),
    "desk:matter": ("/desk/catalogue/{matter}/", ("matter",), ["at"], []),
    "desk:matter_edit": ("/desk/catalogue/{matter}/edit/", ("matter",), [], MATTER_FIELDS),
    "desk:knowledge": ("/desk/knowledge/", (), ["tab", "q"], []),
    "desk:knowledge_new": ("/desk/knowledge/new/", (), [], KB_FIELDS),
    "desk:knowledge_entry": ("/desk/knowledge/{kb}/", ("kb",), [], KB_FIELDS),
    "desk:knowledge_approve": ("/desk/knowledge/{kb}/approve/", ("kb",), [], []),
    "desk:stats_cases": ("/desk/stats/cases/", (), ["i", "from", "to", "by", "key", "page"], []),
    "desk:stats_monthly": ("/desk/stats/monthly/", (), ["month", "format"], []),
    "desk:stats_special": ("/desk/stats/special/", (), ["from", "to", "topic", "domain", "unit", "title", "format"], []),
    "desk:assessment": ("/desk/assessment/", (), ["year", "month"], []),
    "desk:assessment_unit": ("/desk/assessment/unit/{pk}/", ("pk",), ["year", "month"], []),
    "desk:assessment_export": ("/desk/assessment/export.xlsx", (), ["year", "month"], []),
    "notify:inbox": ("/notify/inbox/", (), ["page"], []),
    "desk:bulletins": ("/desk/bulletins/", (), [], []),
    "desk:bulletin_draft": ("/desk/bulletins/draft/", (), [], ["first", "last"]),
    "desk:bulletin": ("/desk/bulletins/{pk}/", ("pk",), [], []),
    "desk:bulletin_print": ("/desk/bulletins/{pk}/print/", ("pk",), [], []),
    "desk:bulletin_docx": ("/desk/bulletins/{pk}.docx", ("pk",), [], []),
    "desk:bulletin_step": ("/desk/bulletins/{pk}/{slug}/", ("pk", "slug"), [], ["title", "body", "reason"]),
    # the REST API (a session is not a token: 401 before any parameter; schemathesis fuzzes it with one)
    "api:cases": ("/api/v1/cases/", (), ["queue", "state", "q", "channel", "since", "until", "sort", "page"], []),
    "api:case": ("/api/v1/cases/{pk}/", ("pk",), [], []),
    "api:action": ("/api/v1/cases/{pk}/actions/{action}/", ("pk", "action"), [], ["reason"]),
    "api:intake": ("/api/v1/intake/", (), [], ["subject", "body", "external_id", "received_at"]),
    "api:schema": ("/api/v1/schema", (), ["format", "lang"], []),
    "api:docs": ("/api/v1/docs/", (), [], []),
    "api:unknown": ("/api/v1/nothing/{slug}", ("slug",), [], []),
    # Open311 GeoReport v2: public reading, filing with a channel's key
    "open311:services": ("/open311/v2/services.{o311}", ("o311",), ["jurisdiction_id"], []),
    "open311:service": ("/open311/v2/services/{code}.{o311}", ("code", "o311"), [], []),
    "open311:requests": ("/open311/v2/requests.{o311}", ("o311",), ["service_request_id", "service_code", "start_date", "end_date", "status"],
                         ["api_key", "service_code", "description", "lat", "long", "address_string", "first_name", "last_name",
                          "email", "phone", "media_url"]),
    "open311:request": ("/open311/v2/requests/{pk}.{o311}", ("pk", "o311"), [], []),
    "open311:token": ("/open311/v2/tokens/{token}.{o311}", ("token", "o311"), [], []),
    "notify:mark_read": ("/notify/inbox/read/", (), [], ["id"]),
    "notify:settings": ("/notify/settings/", (), [], _fields(PreferenceForm)),
    "notify:leader": ("/notify/leader/", (), [], []),
    "notify:letter": ("/notify/letters/{letter}/", ("letter",), [], []),
    "notify:approve_letter": ("/notify/letters/{letter}/approve/", ("letter",), [], []),
    "notify:refuse_letter": ("/notify/letters/{letter}/refuse/", ("letter",), [], ["reason"]),
    "portal:home": ("/", (), [], []),
    "portal:write": ("/write/", (), [], _fields(WriteForm)),
    "portal:receipt": ("/receipt/{key}/", ("key",), [], []),
    "portal:confirm_email": ("/confirm-email/{token}/", ("token",), [], []),
    "portal:report_error": ("/website-error/", (), [], _fields(ErrorReportForm)),
    "portal:query": ("/query/", (), [], _fields(QueryForm)),
    "portal:status": ("/status/", (), [], []),
    "portal:rate": ("/status/rate/", (), [], _fields(RateForm)),
    "portal:follow_up": ("/status/follow-up/", (), [], _fields(FollowUpForm)),
    "portal:answers": ("/answers/", (), _fields(AnswerFilterForm) + ["page"], []),
    "portal:answer": ("/answers/{pk}/", ("pk",), [], []),
    "portal:refusals": ("/not-accepted/", (), ["page"], []),
    "portal:statistics": ("/statistics/", (), ["year", "month", "quarter"], []),
    "ops:healthz": ("/healthz", (), [], []),
    "portal:elder": ("/elder/", (), ["on", "next"], []),
    "admin:*": ("/admin/cases/case/", (), ["q", "p", "o", "state__exact", "all", "_changelist_filters"], []),
    "desk:otp_setup": ("/desk/2fa/setup/", (), ["next"], ["token", "next"]),
    "desk:otp_verify": ("/desk/2fa/verify/", (), ["next"], ["token", "next"]),
    "portal:forgot": ("/query/forgot/", (), [], _fields(ForgotForm)),
    "portal:forgot_code": ("/query/forgot/code/", (), [], _fields(SmsCodeForm)),
    "portal:my_data": ("/status/my-data/", (), ["done"], []),
    "portal:my_data_json": ("/status/my-data.json", (), [], []),
    "portal:my_data_contact": ("/status/my-data/contact/", (), [], _fields(ContactForm)),
    "portal:my_data_correction": ("/status/my-data/correction/", (), [], _fields(CorrectionForm)),
    "portal:my_data_erase": ("/status/my-data/erase/", (), [], _fields(EraseForm)),
}
ROLES = ("anonymous", "citizen", "operator", "handler", "admin")


def test_every_url_pattern_says_what_it_reads():
    names = {name for _, name in url_patterns()}
    assert set(READS) == names == set(GET_RULES) | POST_ONLY


def real_path(w, name: str, odd: dict[str, str] | None = None) -> str:
    real = {"slug": "all", "fmt": "csv", "pk": str(w.housing_dispatched.pk), "action": "dispatch", "kind": "assignment",
            "att": str(w.staff_file.pk), "watt": str(w.writer_file.pk), "month": "2026-01", "letter": str(w.draft_letter.pk), "kb": str(w.kb_entry.pk),
            "matter": str(w.matter.pk),
            "key": "k" * 32, "token": "t" * 20, "channel": "people_daily", "o311": "json", "code": "urban"}
    path = READS[name][0]
    return path.format(**{**real, **(odd or {})})


def hit(client: Client, method: str, url: str, data: dict | None = None):
    """The response, or the failure a hostile visitor would have caused: a 500 or a traceback."""
    try:
        if method == "GET":
            resp = client.get(url, data or {})
        else:
            resp = getattr(client, method.lower())(url, data or {})
    except Exception as exc:  # the test client re-raises what the view raised: that is the 500
        pytest.fail(f"{method} {url[:120]} {str(data)[:200]}: {type(exc).__name__}: {exc}"[:600])
    assert resp.status_code < 500, f"{method} {url[:120]} {str(data)[:200]}: {resp.status_code}"
    if not getattr(resp, "streaming", False):
        body = resp.content[:200_000]
        assert b"Traceback" not in body and b"Exception Value" not in body, f"{method} {url}: a traceback"
    return resp


@pytest.fixture(autouse=True)
def _a_worker_beats(request):
    """/healthz rightly answers 503 while no worker beats; here one does, so any 5xx there is a fault."""
    callspec = getattr(request.node, "callspec", None)
    if callspec and callspec.params.get("name") == "ops:healthz":
        request.getfixturevalue("db")
        health.beat("hostile-input")


def reaching(name: str) -> str:
    """Who gets past the door of this URL, so the parameters are read at all."""
    if name.startswith("portal:"):
        return "citizen"
    return "admin" if name.startswith("admin:") else "operator"


SEGMENT = [v for v in ODD if v.strip() == v and v and not any(c in v for c in "/?#%")]  # fit one path segment
ROUTES = [n for n in sorted(READS) if n != "desk:act"]


@pytest.mark.parametrize("name", ROUTES)
def test_odd_values_in_every_parameter(world, db, name):
    _, path_params, query, body = READS[name]
    client = client_as(world, reaching(name))
    url = real_path(world, name)
    for method in ("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"):
        hit(client, method, url)
    for value in ODD:
        if query:
            hit(client, "GET", url, {p: value for p in query})
            hit(client, "GET", url, {p: [value, "1", value] for p in query})  # each parameter three times
        if body:
            hit(client, "POST", url, {p: value for p in body})
            hit(client, "POST", url, {p: [value, "1", value] for p in body})
    for param in path_params:
        for value in SEGMENT:
            hit(client, "GET", real_path(world, name, {param: value}))
            hit(client, "POST", real_path(world, name, {param: value}))


# who takes each action on the case page, and so gets its form read
TAKER = {a: next(r for r in ("operator", "reviewer", "leader", "handler", "principal") if r in ACTION_ROLES[a])
         for a in ACTION_ROLES}


@pytest.mark.parametrize("action", sorted(FORMS))
def test_odd_values_in_every_field_of_every_action(world, db, action):
    client = client_as(world, TAKER[action])
    fields = [f"{action}-{f}" for f in FORMS[action].base_fields]
    # a refused form re-renders the whole case page: the values that differ in kind, not all of ODD
    url = f"/desk/case/{world.housing_dispatched.pk}/do/{action}/"
    for value in ("abc", "-1", "9" * 30, "1e5", "٣", "a\x00b", "x" * 5000, "", "2026-13-45"):
        hit(client, "POST", url, {f: value for f in fields})
    hit(client, "POST", url, {f: ["1", "abc", "9" * 30] for f in fields})


value_strategy = st.one_of(st.sampled_from(ODD), st.text(max_size=40), st.integers().map(str))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(READS))
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_mix_of_values(world, db, name, role, data):
    _, path_params, query, body = READS[name]
    params = query + body
    chosen = data.draw(st.dictionaries(st.sampled_from(params), value_strategy, max_size=4)) if params else {}
    odd_path = {p: data.draw(st.sampled_from(["0", "9" * 25, "1", "abc"])) for p in path_params if data.draw(st.booleans())}
    odd_path = {p: v for p, v in odd_path.items() if v.isdigit() or p not in ("pk", "att", "watt", "letter", "kb", "matter")}
    method = data.draw(st.sampled_from(["GET", "POST"] if body else ["GET", "POST", "PUT"]))
    hit(client_as(world, role), method, real_path(world, name, odd_path), chosen)
