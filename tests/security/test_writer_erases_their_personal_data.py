"""Deletion at the writer's request (PIPL 第四十七条) anonymises the case: identity cleared, text
redacted, files gone from the disk, the duplicate index and cached months gone; the case, its
state, dates, unit and events stay for statistics and the archive. A legal hold stops it."""
import datetime as dt

import pytest
from django.utils import timezone

from minpan.cases.models import Case, Citizen, Event
from minpan.cases.transitions import apply
from minpan.policies.presets import PRESETS
from minpan.portal.models import Attachment, DataRequest
from minpan.privacy import erasure
from minpan.similar.models import Indexed, Sample
from minpan.textmine.models import HotReport
from tests.portal.conftest import ID_NUMBER, WRITER

from .privacy_steps import write_and_sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MINPAN_FILES_DIR = tmp_path / "files"
    return settings.MINPAN_FILES_DIR


@pytest.fixture
def case(client, city):
    case = write_and_sign_in(client)
    apply(case, "accept", actor=city.operator)
    apply(case, "classify", actor=city.operator, msg_type=PRESETS[case.policy_name].message_types[0], domain="urban")
    return apply(case, "dispatch", actor=city.operator, lead=city.housing)


def erase(client):
    return client.post("/status/my-data/erase/", {"confirm": "on"})


def test_erasure_clears_the_writer_and_keeps_the_case(client, city, case, files_dir, django_capture_on_commit_callbacks):
    stored = files_dir / Attachment.objects.get(case=case).stored_as
    events = list(Event.objects.filter(case=case).values_list("hash", flat=True))
    with django_capture_on_commit_callbacks(execute=True):  # the files go once the erasure is committed
        resp = erase(client)
    assert resp.status_code == 200 and "个人信息已删除" in resp.content.decode()
    kept = Case.objects.get(pk=case.pk)
    citizen = Citizen.objects.get(case=case)
    assert (citizen.name, citizen.phone, citizen.email, citizen.id_number, citizen.address, citizen.ip) == ("", "", "", "", "", None)
    for secret in (WRITER["name"], WRITER["phone"], ID_NUMBER):
        assert secret not in kept.body and secret not in kept.subject
    assert "路灯坏了一个月" in kept.body  # what the message was about stays, for statistics
    assert (kept.state, kept.received_at, kept.lead_unit_id) == (case.state, case.received_at, city.housing.pk)
    assert kept.erased_at is not None
    assert list(Event.objects.filter(case=case).values_list("hash", flat=True)) == events
    assert not Attachment.objects.filter(case=case).exists() and not stored.exists()
    assert DataRequest.objects.get(case=case).kind == "erase"


def test_erasure_removes_the_index_and_cached_months(client, city, case):
    Indexed.objects.update_or_create(case=case, defaults={"size": 1, "version": 1})
    Sample.objects.create(case=case, fingerprint=1, size=1)
    month = timezone.localtime(case.received_at).strftime("%Y-%m")
    HotReport.objects.create(month=month, key="k", computed_at=timezone.now(), seconds=0, data={})
    erase(client)
    assert not Indexed.objects.filter(case=case).exists() and not Sample.objects.filter(case=case).exists()
    assert not HotReport.objects.filter(month=month).exists()


def test_the_writer_is_signed_out_and_a_second_erasure_changes_nothing(client, city, case):
    erase(client)
    assert client.get("/status/my-data/")["Location"] == "/query/"
    assert erasure.case_erase(case=case) is False


def test_erasure_must_be_confirmed(client, city, case):
    resp = client.post("/status/my-data/erase/", {})
    assert resp.status_code == 400 and Citizen.objects.get(case=case).phone == WRITER["phone"]


def test_a_legal_hold_stops_the_writers_erasure(client, city, case):
    erasure.hold_set(case=case, reason="行政复议期间，依法保全")
    resp = erase(client)
    assert resp.status_code == 409 and "依法保全" in resp.content.decode()
    assert Citizen.objects.get(case=case).phone == WRITER["phone"] and Attachment.objects.filter(case=case).exists()
    assert Case.objects.get(pk=case.pk).erased_at is None


def test_a_hold_needs_a_reason(city, case):
    with pytest.raises(erasure.CaseError):
        erasure.hold_set(case=case, reason=" ")


def test_timestamps_are_not_moved(client, city, case):
    before = Case.objects.get(pk=case.pk)
    erase(client)
    after = Case.objects.get(pk=case.pk)
    assert (after.received_at, after.due_at) == (before.received_at, before.due_at)
    assert after.erased_at - timezone.now() < dt.timedelta(minutes=1)
