"""Pages with personal data say `Cache-Control: no-store`, so a shared computer's browser or a proxy
keeps no copy of them; the pages published to everyone may be cached."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from minpan.cases.models import Case
from minpan.desk.models import Attachment
from tests.flow import dispatched
from tests.portal.conftest import answered, form_data

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MINPAN_FILES_DIR = tmp_path / "files"


def kept_out_of_caches(resp) -> bool:
    return "no-store" in resp.get("Cache-Control", "")


@pytest.mark.parametrize("path", [
    "/desk/", "/desk/q/all/", "/desk/q/all/export.csv", "/desk/case/{pk}/", "/desk/case/{pk}/doc/assignment/",
    "/notify/inbox/", "/notify/settings/",
])
def test_desk_pages_are_not_stored(client, city, path):
    case = dispatched(city, "tongliao")
    client.force_login(city.operator)
    resp = client.get(path.format(pk=case.pk))
    assert resp.status_code == 200
    assert kept_out_of_caches(resp)


def test_admin_pages_are_not_stored(client, city):
    admin = get_user_model().objects.create_superuser("root", password="correct-horse-battery")
    client.force_login(admin)
    for path in ("/admin/", "/admin/cases/case/"):
        resp = client.get(path)
        assert resp.status_code == 200 and kept_out_of_caches(resp), path


def test_a_downloaded_attachment_is_not_stored(client, city):
    case = dispatched(city, "tongliao")
    client.force_login(city.handler)
    client.post(f"/desk/case/{case.pk}/files/", {"file": SimpleUploadedFile("现场.pdf", PDF)})
    att = Attachment.objects.get(case=case)
    resp = client.get(f"/desk/case/{case.pk}/files/{att.pk}/")
    assert resp.status_code == 200 and kept_out_of_caches(resp)


@pytest.mark.django_db
def test_the_writers_receipt_and_own_case_are_not_stored(client):
    receipt = client.post("/write/", form_data(client))["Location"]
    page = client.get(receipt)
    assert kept_out_of_caches(page)
    password = re.search(r'id="query-password">([A-Z0-9]+)<', page.content.decode()).group(1)
    code = Case.objects.get().tracking_code
    assert kept_out_of_caches(client.get("/query/"))
    assert kept_out_of_caches(client.post("/query/", {"code": code, "password": password}))
    status = client.get("/status/")
    assert status.status_code == 200 and kept_out_of_caches(status)


def test_an_unknown_address_is_not_stored(client, db):
    assert kept_out_of_caches(client.get("/desk/nothing-here/"))


def test_published_pages_may_be_cached(client, city):
    client.post("/write/", form_data(client))
    case = answered(city, Case.objects.get())
    for path in ("/", "/answers/", f"/answers/{case.pk}/", "/not-accepted/", "/statistics/"):
        resp = client.get(path)
        assert resp.status_code == 200, path
        assert not kept_out_of_caches(resp), path
