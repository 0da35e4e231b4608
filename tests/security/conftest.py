"""One small city for the attack suite, built once per module: the people of every role, cases of
two units in several states, files, letters, notices and a writer holding a code and password.

Each test runs inside the module's transaction (pytest-django's savepoint), so whatever a test's
request writes is rolled back and the next test finds the world as it was built.
"""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from minpan.attachments.content import PDF
from minpan.bulletins.models import Bulletin, BulletinState
from minpan.cases.services import case_collect
from minpan.cases.transitions import apply
from minpan.catalogue.services import matter_create
from minpan.desk import attachments
from minpan.knowledge.models import Entry
from minpan.notify.inbox import send
from minpan.notify.models import Kind, Letter, LetterState
from minpan.policies.presets import PRESETS
from minpan.portal.models import Attachment as WriterFile
from minpan.portal.views import SESSION_CASE
from minpan.units.models import Level, Membership, Unit
from minpan.units.roles import Role
from tests.conftest import ensure_calendar
from tests.flow import CITIZEN

PASSWORD = "correct-horse-battery"
FAST = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Who the suite signs in as. `citizen` holds the published case through code + password (the
# portal's session), `nobody` is an active account with no post, `admin` a superuser with none.
CENTER = ("operator", "reviewer", "supervisor", "leader", "admin")
HOUSING = ("handler", "principal", "deputy")  # 市住建局, the lead unit of the "housing_*" cases
OTHER_UNIT = ("edu_handler",)                 # 市教育局, lead of "edu_dispatched" only
PEOPLE = CENTER + HOUSING + OTHER_UNIT + ("district_handler", "nobody")
ROLES = ("anonymous", "citizen", *PEOPLE)

# The cases, by name: each in the state its name says.
CASES = ("received", "refused", "housing_dispatched", "housing_drafted", "housing_submitted",
         "housing_published", "edu_dispatched", "street_dispatched")


def _user(username: str, unit: Unit | None, *roles: str, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    for role in roles:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


def _collect(subject: str, **kw):
    case, password = case_collect(channel=PRESETS["tongliao"].channels[0], subject=subject,
                                  body=kw.pop("body", f"{subject}，已经一个多月了，请尽快处理。"),
                                  citizen=kw.pop("citizen", CITIZEN), policy_name="tongliao", **kw)
    return case, password


def _to_unit(w, subject: str, lead: Unit, **kw):
    case, _ = _collect(subject, **kw)
    apply(case, "accept", actor=w.operator)
    apply(case, "classify", actor=w.operator, msg_type=PRESETS["tongliao"].message_types[0], domain="urban")
    return apply(case, "dispatch", actor=w.operator, lead=lead, co=[])


def _drafted(w, subject: str, answer: str = "已安排维修，三日内完成。", **kw):
    case = _to_unit(w, subject, w.housing_unit, **kw)
    apply(case, "claim", actor=w.handler)
    return apply(case, "draft", actor=w.handler, body=answer,
                 handler_name="李工", handler_phone="0475-8123456")


def build_world(files_dir: Path, **texts) -> SimpleNamespace:
    """The city. `texts` may replace the subject/body/answer of the published case (the escaping tests)."""
    ensure_calendar()
    w = SimpleNamespace(password=PASSWORD)
    w.center_unit = Unit.objects.create(name="市民盼中心", code="center", level=Level.CENTER)
    w.office = Unit.objects.create(name="市政府督查室", code="duchashi", level=Level.CENTER)
    w.housing_unit = Unit.objects.create(name="市住建局", code="zhujian", level=Level.CITY)
    w.education = Unit.objects.create(name="市教育局", code="jiaoyu", level=Level.CITY)
    w.district = Unit.objects.create(name="东城区", code="dongcheng", level=Level.COUNTY)
    w.street = Unit.objects.create(name="东城街道", code="dongcheng-jd", level=Level.TOWNSHIP, parent=w.district)
    w.operator = _user("operator", w.center_unit, Role.CENTER_OPERATOR)
    w.reviewer = _user("reviewer", w.center_unit, Role.CENTER_REVIEWER)
    w.supervisor = _user("supervisor", w.office, Role.SUPERVISOR)
    w.leader = _user("leader", w.office, Role.CITY_LEADER)
    w.admin = _user("admin", None, is_staff=True, is_superuser=True)
    w.handler = _user("handler", w.housing_unit, Role.UNIT_HANDLER)
    w.principal = _user("principal", w.housing_unit, Role.UNIT_PRINCIPAL)
    w.deputy = _user("deputy", w.housing_unit, Role.UNIT_DEPUTY)
    w.edu_handler = _user("edu_handler", w.education, Role.UNIT_HANDLER)
    w.edu_principal = _user("edu_principal", w.education, Role.UNIT_PRINCIPAL)
    w.district_handler = _user("district_handler", w.district, Role.UNIT_HANDLER)
    w.street_handler = _user("street_handler", w.street, Role.UNIT_HANDLER)
    w.nobody = _user("nobody", None)

    w.received, _ = _collect(texts.get("subject", "小区噪音扰民"), body=texts.get("body", "夜里施工噪音很大，影响休息。"))
    w.refused, _ = _collect("诉讼中的纠纷", may_publish=True)
    apply(w.refused, "not_accept", actor=w.operator, reason="legal_process", explanation="已进入诉讼程序。",
          suggested_channel="人民法院")
    w.housing_dispatched = _to_unit(w, "供暖不热", w.housing_unit)
    w.housing_drafted = _drafted(w, "楼道灯坏了")
    w.housing_submitted = _drafted(w, "下水道堵塞")
    apply(w.housing_submitted, "sign_off", actor=w.principal, sealed=True)
    apply(w.housing_submitted, "submit", actor=w.handler)
    published = _drafted(w, texts.get("subject", "路灯不亮"), body=texts.get("body", "幸福小区路灯坏了一个月。"),
                         answer=texts.get("answer", "已修复路灯。"), may_publish=True)
    apply(published, "sign_off", actor=w.principal, sealed=True)
    apply(published, "submit", actor=w.handler)
    apply(published, "approve", actor=w.reviewer)
    w.housing_published = apply(published, "publish", actor=w.operator, mode="public")
    w.edu_dispatched = _to_unit(w, "学校门口拥堵", w.education)
    w.street_dispatched = _to_unit(w, "街道垃圾清运", w.street)

    # a staff file and a writer's file on the housing case, a notice in every inbox, two letters
    post = Membership.objects.get(user=w.handler)
    w.staff_file = attachments.attachment_add(case=w.housing_dispatched, user=w.handler, post=post, kind=PDF,
                                              upload=SimpleUploadedFile("现场.pdf", b"%PDF-1.4\n%%EOF\n"))
    (files_dir / "writer.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    w.writer_file = WriterFile.objects.create(case=w.housing_dispatched, name="照片.pdf", content_type="application/pdf",
                                              size=15, sha256="0" * 64, stored_as="writer.pdf", uploaded_at=timezone.now())
    people = [getattr(w, n) for n in PEOPLE]
    send(Kind.DELIVERY_FAILED, people, now=timezone.now(), case=w.housing_dispatched, deliver=False,
         address="1***", title="测试", attempts=6, channel="短信", error="网关无应答")
    w.issued_letter = _letter(w.housing_dispatched, "URGE-1", LetterState.ISSUED)
    w.draft_letter = _letter(w.housing_dispatched, "CRIT-1", LetterState.DRAFT)
    w.edu_letter = _letter(w.edu_dispatched, "URGE-2", LetterState.ISSUED)
    # a 知识库 entry owned by 市住建局: its unit and the center write it, the center's reviewer approves it
    w.kb_entry = Entry.objects.create(title="供暖收费标准", answer="按市物价局核定标准收取。", basis="供热管理办法", owner=w.housing_unit,
                                      valid_from=dt.date(2026, 1, 1), terms="供暖 收费")
    # two bulletins (通报): a draft, the center's alone; an issued one naming 市住建局
    w.draft_bulletin = _bulletin(w, BulletinState.DRAFT, [])
    w.issued_bulletin = _bulletin(w, BulletinState.ISSUED, [w.housing_unit])
    w.matter = matter_create(code="heating", domain="urban", name="集中供暖", keywords="供暖 暖气",
                             lead_unit=w.housing_unit, by=w.operator, reason="首次编制").matter
    return w


def _bulletin(w, state: str, units: list) -> Bulletin:
    made = Bulletin.objects.create(
        policy_name="tongliao", first_day=dt.date(2026, 1, 1 if state == BulletinState.DRAFT else 2), last_day=dt.date(2026, 1, 31),
        title=f"通报（{state}）",
        body="一、总体情况。", state=state, drafted_by=w.supervisor, drafted_at=timezone.now(),
        number="通报〔2026〕第1期" if state == BulletinState.ISSUED else None,
        lines=[{"section": "overdue", "unit": u.pk, "unit_name": u.name, "figures": {}, "cases": []} for u in units],
    )
    made.units.set(units)
    return made


def _letter(case, number: str, state: str) -> Letter:
    return Letter.objects.create(case=case, kind=Kind.URGE, title="催办通知书", number=number, unit_name="市住建局",
                                 body="请于两个工作日内答复。", state=state, created_at=timezone.now() - dt.timedelta(minutes=1))


def client_as(w, role: str) -> Client:
    """A browser signed in as `role` (or the writer holding the published case, or nobody at all)."""
    client = Client()
    if role == "citizen":
        session = client.session
        session[SESSION_CASE] = {"id": w.housing_published.pk, "at": time.time()}
        session.save()
    elif role != "anonymous":
        client.force_login(getattr(w, role))
    return client


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The city, once per module, inside a transaction rolled back when the module ends."""
    files = tmp_path_factory.mktemp("files")
    with django_db_blocker.unblock(), override_settings(MINPAN_FILES_DIR=files, PASSWORD_HASHERS=FAST):
        with transaction.atomic():
            w = build_world(files)
            yield w
            transaction.set_rollback(True)


@pytest.fixture
def clients(world, db):
    """One client per role, made on demand."""
    made: dict[str, Client] = {}

    def get(role: str) -> Client:
        if role not in made:
            made[role] = client_as(world, role)
        return made[role]
    return get
