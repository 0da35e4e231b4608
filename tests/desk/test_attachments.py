import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minpan.desk.models import Attachment
from tests.flow import dispatched
from tests.images import JPEG, PNG

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return out.getvalue()


def _ole2(stream: str) -> bytes:
    """An OLE2 compound file's signature and a directory entry naming one stream (UTF-16LE)."""
    return OLE2 + b"\x00" * 504 + stream.encode("utf-16-le") + b"\x00" * 64


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


@pytest.mark.parametrize("name, content, message", [
    ("说明.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "文件内容与扩展名“.pdf”不符"),   # a renamed executable
    ("说明.docx", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "文件内容与扩展名“.docx”不符"),
    ("证明.pdf", b"<!doctype html><html><body onload=alert(1)>%PDF-1.4</body></html>", "文件内容与扩展名“.pdf”不符"),
    ("证明.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>", "文件内容与扩展名“.pdf”不符"),  # a header, no end
    ("方案.docx", _zip("a.txt", "b/c.js"), "文件内容与扩展名“.docx”不符"),  # a zip that is not a document
    ("方案.docx", _zip("[Content_Types].xml", "xl/workbook.xml"), "它是Excel 表格（XLSX），请改用扩展名“.xlsx”"),
    ("台账.xls", _ole2("WordDocument"), "它是Word 文档（DOC），请改用扩展名“.doc”"),
    ("安装.doc", _ole2("MsiDatabase"), "文件内容与扩展名“.doc”不符"),  # OLE2, but an installer
    ("照片.jpg", PNG, "它是PNG 图片，请改用扩展名“.png”"),
    ("说明.txt", b"\xff\xfe\x00\x00binary", "文件内容与扩展名“.txt”不符"),
    ("说明.txt", "说明".encode() + b"\x00", "文件内容与扩展名“.txt”不符"),
])
def test_content_that_does_not_agree_with_the_name_is_refused(client, city, name, content, message):
    case = dispatched(city, "tongliao")
    assert message in _upload(client, city.handler, case, name, content).content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("name, content, content_type", [
    ("整改方案.docx", _zip("[Content_Types].xml", "word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("台账.xlsx", _zip("[Content_Types].xml", "xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("旧函.doc", _ole2("WordDocument"), "application/msword"),
    ("旧表.xls", _ole2("Workbook"), "application/vnd.ms-excel"),
    ("说明.txt", "现场核查说明。".encode(), "text/plain"),
    ("说明.txt", "现场核查说明。".encode("gb18030"), "text/plain"),
    ("现场.jpeg", JPEG, "image/jpeg"),
])
def test_office_documents_text_and_images_are_taken_by_their_content(client, city, files_dir, name, content, content_type):
    case = dispatched(city, "tongliao")
    assert "已上传附件" in _upload(client, city.handler, case, name, content).content.decode()
    item = Attachment.objects.get(case=case)
    assert item.content_type == content_type and item.name == name
    ext = name.rsplit(".", 1)[-1]
    assert item.file.name.rsplit(".", 1)[-1] == {"jpeg": "jpg"}.get(ext, ext)  # the disk name's suffix is the kind's own


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
