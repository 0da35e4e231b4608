"""A GET never writes. Every staff and public page a person can reach by following links — queues,
case pages, documents, files, inbox, the leader's page, published answers, statistics, the
writer's status page — is opened as each role, and the SQL it ran must hold no INSERT, UPDATE or
DELETE, apart from the few writes below that are there by design."""
import datetime as dt
import re
import time
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from minpan.attachments.content import PDF
from minpan.bulletins.models import Bulletin
from minpan.cases.services import case_collect
from minpan.cases.transitions import apply
from minpan.desk import attachments
from minpan.notify.inbox import send
from minpan.notify.models import Kind
from minpan.policies.presets import PRESETS
from minpan.portal.confirm_email import token_for
from minpan.portal.models import Submission
from minpan.portal.views import SESSION_CASE
from minpan.units.models import Membership
from tests.flow import CITIZEN, collect, dispatched, registered

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
# Writes a GET may make, as (pages, table written), each with its reason.
BY_DESIGN = [
    # Django's session: signing in and the writer's status page keep their state in the session row.
    (r".*", "django_session"),
    # Opening a case reads the notices that led to it: that user's unread notifications of the
    # case are marked read (notify.inbox.read_case), so the header's count drops as work is found.
    (r"/desk/case/\d+/$", "notify_notification"),
    # The audit trail records each view of citizen data and each export (minpan.audit.trail.VIEWED).
    (r"/desk/case/\d+/(doc/[\w-]+(/|\.docx)|files/\d+/|writer-files/\d+/(\?inline=1)?)?$", "audit_auditentry"),
    (r"/desk/(q/[\w-]+/export\.\w+|hot/[\w-]+\.docx)(\?.*)?$", "audit_auditentry"),
    # ... and each refusal: the crawl starts at the leader's, the hot-topic and the statistics pages,
    # which most roles may not open.
    (r"/notify/leader/|/desk/hot/|/desk/stats/", "audit_auditentry"),
]
# Writes found on GET pages outside this change's files and reported on issue 11; each is a cache
# filled on first view, so the page shows the same thing twice. They belong in the worker
# (or the intake listener) and go from this list when they move there.
REPORTED = [
    # the initial-review panel computes and stores the type/domain/unit suggestions a received or
    # registered case lacks (textmine.suggest.store_for, "the page's fallback")
    (r"/desk/case/\d+/$", "textmine_suggestion"),
    # the hot-topic page groups a month and stores the result when the stored one is stale
    # (textmine.hotcases.month_topics)
    (r"/desk/hot/(\?.*)?$", "textmine_hotreport"),
]
LINK = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/static/", "/admin/", "/desk/logout/")
PAGES_PER_PERSON = 250
VARIANTS_PER_PATH = 4  # a queue's pages and filters: a few of each are enough


def writes(queries, url: str = "") -> list[str]:
    allowed = [table for pages, table in BY_DESIGN + REPORTED if re.fullmatch(pages, url)]
    return [q["sql"] for q in queries if WRITE.match(q["sql"]) and not any(f'"{t}"' in q["sql"] for t in allowed)]


def crawl(client, start: list[str]) -> dict[str, list[str]]:
    """Follow every same-site link from `start`; the writes each GET made, by URL."""
    seen, todo, found, per_path = set(), list(start), {}, {}
    while todo and len(seen) < PAGES_PER_PERSON:
        url = todo.pop(0)
        path = urlsplit(url).path
        if url in seen or url.startswith(SKIP) or per_path.get(path, 0) >= VARIANTS_PER_PATH:
            continue
        seen.add(url)
        per_path[path] = per_path.get(path, 0) + 1
        with CaptureQueriesContext(connection) as ctx:
            resp = client.get(url)
        if writes(ctx.captured_queries, url):
            found[url] = writes(ctx.captured_queries, url)
        if resp.get("Content-Type", "").startswith("text/html") and not getattr(resp, "streaming", False):
            todo += [unescape(u) for u in LINK.findall(resp.content.decode())]
    assert len(seen) > 3, f"the crawl saw only {sorted(seen)}"
    return found


@pytest.fixture
def cases(city, settings, tmp_path):
    """A message in each stage: received, registered, dispatched with a file, drafted, submitted,
    published publicly, not accepted; and a notification in every inbox."""
    settings.MINPAN_FILES_DIR = tmp_path / "files"
    received = collect("tongliao", subject="小区噪音扰民")
    reg = registered(city, "tongliao", subject="路面坑洼")
    work = dispatched(city, "tongliao", subject="供暖不热")
    post = Membership.objects.get(user=city.handler)
    attachments.attachment_add(case=work, user=city.handler, post=post, kind=PDF,
                               upload=SimpleUploadedFile("现场.pdf", b"%PDF-1.4\n%%EOF\n"))
    drafted = dispatched(city, "tongliao", subject="楼道灯坏了")
    apply(drafted, "claim", actor=city.handler)
    apply(drafted, "draft", actor=city.handler, body="已安排维修。", handler_name="李工", handler_phone="0475-8123456")
    submitted = dispatched(city, "tongliao", subject="下水道堵塞", lead=city.education)
    apply(submitted, "claim", actor=city.edu_handler)
    apply(submitted, "draft", actor=city.edu_handler, body="已疏通。", handler_name="张工", handler_phone="0475-8123457")
    apply(submitted, "sign_off", actor=city.edu_principal, sealed=True)
    apply(submitted, "submit", actor=city.edu_handler)
    published = dispatched(city, "tongliao", subject="路灯不亮", may_publish=True)
    apply(published, "claim", actor=city.handler)
    apply(published, "draft", actor=city.handler, body="已修复路灯。", handler_name="李工", handler_phone="0475-8123456")
    apply(published, "sign_off", actor=city.principal, sealed=True)
    apply(published, "submit", actor=city.handler)
    apply(published, "approve", actor=city.reviewer)
    apply(published, "publish", actor=city.operator, mode="public")
    refused = collect("tongliao", subject="诉讼中的纠纷", may_publish=True)
    apply(refused, "not_accept", actor=city.operator, reason="legal_process", explanation="已进入诉讼程序。", suggested_channel="人民法院")
    people = [getattr(city, n) for n in vars(city) if hasattr(getattr(city, n), "get_username")]
    send(Kind.DELIVERY_FAILED, people, now=work.received_at, case=work, deliver=False,
         address="1***", title="测试", attempts=6, channel="短信", error="网关无应答")
    # 通报: a draft (the center's) and an issued one naming 市住建局 (its people read it)
    for state, units in (("draft", []), ("issued", [city.housing])):
        bulletin = Bulletin.objects.create(
            policy_name="tongliao", first_day=dt.date(2026, 1, 1 if state == "draft" else 2), last_day=dt.date(2026, 1, 31),
            title=f"通报（{state}）", body="一、总体情况。", state=state, drafted_by=city.supervisor, drafted_at=work.received_at,
            lines=[{"section": "overdue", "unit": u.pk, "unit_name": u.name, "figures": {}, "cases": [work.reference]} for u in units])
        bulletin.units.set(units)
    return [received, reg, work, drafted, submitted, published, refused]


ROLES = ["operator", "reviewer", "handler", "principal", "deputy", "edu_handler", "edu_principal",
         "district_handler", "street_handler", "supervisor", "leader"]


@pytest.mark.parametrize("role", ROLES)
def test_no_desk_or_notify_page_writes_for(client, city, cases, role):
    client.force_login(getattr(city, role))
    start = ["/desk/", "/notify/inbox/", "/notify/leader/", "/desk/hot/", "/desk/bulletins/"] + [f"/desk/case/{c.pk}/" for c in cases]
    found = crawl(client, start)
    assert found == {}, "\n".join(f"{u}: {[s[:90] for s in q]}" for u, q in found.items())


def test_no_public_page_nor_the_sign_in_page_writes(client, city, cases):
    assert crawl(client, ["/", "/answers/", "/not-accepted/", "/statistics/", "/elder/", "/write/",
                          "/query/", "/website-error/", "/desk/login/", "/desk/"]) == {}


def test_the_writers_status_page_and_email_link_write_nothing(client, city, cases):
    for case in cases:
        session = client.session
        session[SESSION_CASE] = {"id": case.pk, "at": time.time()}
        session.save()
        assert crawl(client, ["/status/", f"/confirm-email/{token_for(case.citizen)}/"]) == {}


def test_the_receipt_wipes_its_password_and_writes_nothing_else(client, city):
    """By design: the receipt shows the query password once, and showing it wipes it."""
    case, password = case_collect(channel=PRESETS["tongliao"].channels[0], subject="路灯不亮",
                                  body="幸福小区路灯坏了一个月。", citizen=CITIZEN, policy_name="tongliao")
    sub = Submission.objects.create(key="k" * 32, case=case, password=password, created_at=case.received_at)
    client.cookies["minpan_receipt"] = sub.key
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(f"/receipt/{sub.key}/")
    assert resp.status_code == 200 and password in resp.content.decode()
    made = writes(ctx.captured_queries, "/receipt/")
    assert len(made) == 1 and made[0].startswith('UPDATE "portal_submission"'), made
