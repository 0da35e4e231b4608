import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minpan.desk.models import Attachment
from tests.flow import dispatched

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MINPAN_FILES_DIR = tmp_path / "files"
    return settings.MINPAN_FILES_DIR


def _upload(client, user, case, name, content):
    client.force_login(user)
    return client.post(f"/desk/case/{case.pk}/files/", {"file": SimpleUploadedFile(name, content)}, follow=True)


def test_handler_uploads_a_pdf_stored_outside_the_web_root(client, city, files_dir):
    case = dispatched(city, "tongliao")
    text = _upload(client, city.handler, case, "现场照片说明.pdf", PDF).content.decode()
    assert "已上传附件“现场照片说明.pdf”" in text
    item = Attachment.objects.get(case=case)
    assert item.content_type == "application/pdf" and item.size == len(PDF)
    assert (files_dir / item.file.name).read_bytes() == PDF
    assert "现场照片说明" not in item.file.name  # the writer's file name never reaches the disk
    resp = client.get(f"/desk/case/{case.pk}/files/{item.pk}/")
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == PDF
    assert "attachment" in resp["Content-Disposition"]


def test_another_unit_cannot_fetch_the_file(client, city):
    case = dispatched(city, "tongliao")
    _upload(client, city.handler, case, "a.pdf", PDF)
    item = Attachment.objects.get(case=case)
    client.force_login(city.edu_handler)
    assert client.get(f"/desk/case/{case.pk}/files/{item.pk}/").status_code == 404
    other = dispatched(city, "tongliao", lead=city.education)
    assert client.get(f"/desk/case/{other.pk}/files/{item.pk}/").status_code == 404


def test_wrong_types_and_disguised_files_are_refused(client, city):
    case = dispatched(city, "tongliao")
    assert "不支持的文件类型“.exe”" in _upload(client, city.handler, case, "x.exe", b"MZ...").content.decode()
    assert "文件内容与扩展名“.pdf”不符" in _upload(client, city.handler, case, "x.pdf", b"MZ...").content.decode()
    assert not Attachment.objects.exists()


def test_files_over_ten_megabytes_are_refused(client, city, settings):
    case = dispatched(city, "tongliao")
    text = _upload(client, city.handler, case, "big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024)).content.decode()
    assert "文件过大" in text and not Attachment.objects.exists()


def test_an_upload_is_on_the_case_timeline_and_in_the_hash_chain(client, city):
    from minpan.cases.events import verify_all

    case = dispatched(city, "tongliao")
    text = _upload(client, city.handler, case, "维修合同.pdf", PDF).content.decode()
    timeline = text[text.index("办理记录"):]
    assert "上传附件" in timeline and "文件：维修合同.pdf" in timeline
    event = case.events.get(action="attach")
    assert (event.role, event.unit_id, event.state_before, event.state_after) == ("unit_handler", city.housing.pk, "dispatched", "dispatched")
    assert not list(verify_all())
