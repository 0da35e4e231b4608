"""Hostile input through every public field: refused with a clear message, or stored and shown
escaped; never executed, never a 500."""
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minpan.cases.models import Case, Citizen

from .conftest import PNG, answered, form_data

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
HOSTILE = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "<b>粗体</b><iframe src=//evil.example></iframe>",
    "'; DROP TABLE cases_case; --",
    "1 OR 1=1; SELECT * FROM auth_user",
    "留言😀🚒👩‍👩‍👧 emoji 𠀀",
    "\u202e反转文字\u200b零宽",
    "{{ settings.SECRET_KEY }}{% debug %}",
    "../../etc/passwd",
    "\ufffd\ufffd",
]
WRITE_FIELDS = ["name", "phone", "email", "msg_type", "domain", "subject", "body", "may_publish", "consent", "key", "check_token", "check_answer"]


def _no_live_markup(html: str) -> None:
    assert "<script>alert" not in html and "<img src=x" not in html and "<iframe" not in html


@pytest.mark.parametrize("field", WRITE_FIELDS)
@pytest.mark.parametrize("value", HOSTILE)
def test_every_write_field_refuses_or_escapes(client, field, value):
    data = form_data(client, **{field: value})
    resp = client.post("/write/", data)
    assert resp.status_code in (302, 400)
    _no_live_markup(resp.content.decode())
    if resp.status_code == 302:
        page = client.get(resp["Location"]).content.decode()
        _no_live_markup(page)


@pytest.mark.parametrize("value", [SCRIPT, "<b>粗体</b>", "'; DROP TABLE cases_case; --", "留言😀🚒 emoji"])
def test_stored_text_is_shown_escaped_on_the_status_page(client, value):
    resp = client.post("/write/", form_data(client, subject=f"标题{value}", body=f"内容内容内容内容{value}"))
    page = client.get(resp["Location"]).content.decode()
    password = re.search(r'id="query-password">([A-Z0-9]+)<', page).group(1)
    case = Case.objects.get()
    assert case.subject == f"标题{value}"  # stored as typed
    client.post("/query/", {"code": case.tracking_code, "password": password})
    status = client.get("/status/").content.decode()
    _no_live_markup(status)
    from django.utils.html import escape
    assert escape(value) in status


def test_a_100_kb_body_is_refused_with_the_limit(client):
    resp = client.post("/write/", form_data(client, body="长" * 100_000))
    assert resp.status_code == 400 and Case.objects.count() == 0
    assert "5000" in resp.content.decode()


def test_a_long_subject_and_name_are_refused(client):
    assert client.post("/write/", form_data(client, subject="题" * 201)).status_code == 400
    assert client.post("/write/", form_data(client, name="名" * 61)).status_code == 400
    assert Case.objects.count() == 0


def test_null_characters_are_refused_not_a_database_error(client):
    resp = client.post("/write/", form_data(client, body="含有空字符\x00的内容内容内容"))
    assert resp.status_code == 400 and Case.objects.count() == 0


def test_invalid_utf8_is_replaced_not_a_500(client):
    data = form_data(client)
    from urllib.parse import quote

    raw = "&".join(f"{k}={quote(str(v))}" for k, v in data.items() if k not in ("subject", "body"))
    body = raw.encode() + b"&subject=%FF%FE%C0%AF%E4%BD&body=" + b"%ED%A0%80%ED%BF%BF" * 5 + quote("正常的留言内容").encode()
    resp = client.generic("POST", "/write/", body, content_type="application/x-www-form-urlencoded")
    assert resp.status_code in (302, 400)
    for case in Case.objects.all():
        case.subject.encode("utf-8")  # what was stored is valid text
        case.body.encode("utf-8")


def test_raw_invalid_utf8_bytes_in_a_multipart_form_are_not_a_500(client):
    data = form_data(client)
    parts = []
    for k, v in {**data, "subject": None, "body": None}.items():
        if v is not None:
            parts.append(f'--B\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    parts.append(b'--B\r\nContent-Disposition: form-data; name="subject"\r\n\r\n\xff\xfe\xc0\xaf\r\n')
    parts.append(b'--B\r\nContent-Disposition: form-data; name="body"\r\n\r\n\xed\xa0\x80' + "正常的留言内容内容".encode() + b"\r\n")
    parts.append(b'--B\r\nContent-Disposition: form-data; name="attachments"; filename="\xff\xfe.png"\r\n'
                 b"Content-Type: image/png\r\n\r\n" + PNG + b"\r\n--B--\r\n")
    resp = client.generic("POST", "/write/", b"".join(parts), content_type="multipart/form-data; boundary=B")
    assert resp.status_code in (302, 400)
    for case in Case.objects.all():
        case.subject.encode("utf-8")
        case.body.encode("utf-8")
        for a in case.portal_attachments.all():
            a.name.encode("utf-8")


def test_a_fake_pdf_that_is_html_is_refused(client):
    fake = SimpleUploadedFile("report.pdf", b"<!doctype html><html><body onload=alert(1)>%PDF-1.4</body></html>", "application/pdf")
    resp = client.post("/write/", {**form_data(client), "attachments": [fake]})
    assert resp.status_code == 400 and "按文件内容判断" in resp.content.decode()


def test_a_pdf_header_on_an_html_file_without_an_end_is_refused(client):
    fake = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>", "application/pdf")
    assert client.post("/write/", {**form_data(client), "attachments": [fake]}).status_code == 400


def test_an_image_named_exe_is_kept_as_the_image_it_is(client):
    resp = client.post("/write/", {**form_data(client), "attachments": [SimpleUploadedFile("virus.exe", PNG, "application/x-msdownload")]})
    assert resp.status_code == 302
    att = Case.objects.get().portal_attachments.get()
    assert att.content_type == "image/png" and att.stored_as.endswith(".png")


def test_a_path_in_the_file_name_is_dropped(client):
    resp = client.post("/write/", {**form_data(client), "attachments": [SimpleUploadedFile("../../../etc/passwd.png", PNG, "image/png")]})
    assert resp.status_code == 302
    assert Case.objects.get().portal_attachments.get().name == "passwd.png"


@pytest.mark.parametrize("value", HOSTILE + ["", "A" * 5000])
def test_query_fields_never_500(client, value):
    resp = client.post("/query/", {"code": value, "password": value})
    assert resp.status_code == 400
    _no_live_markup(resp.content.decode())


@pytest.mark.parametrize("value", HOSTILE + ["", "9" * 40, "-1"])
def test_answer_filters_never_500(client, value):
    for field in ("q", "domain", "unit", "since", "until", "page"):
        resp = client.get("/answers/", {field: value})
        assert resp.status_code == 200, field
        _no_live_markup(resp.content.decode())
    assert client.get("/not-accepted/", {"page": value}).status_code == 200


@pytest.mark.parametrize("value", HOSTILE + ["", "9" * 40, "-1", "0"])
def test_statistics_filters_never_500(client, value):
    for field in ("year", "month", "quarter"):
        assert client.get("/statistics/", {field: value}).status_code == 200


def test_bad_answer_ids_are_404(client):
    assert client.get("/answers/99999999999999999999/").status_code == 404
    assert client.get("/answers/1/").status_code == 404


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "javascript:alert(1)", SCRIPT])
def test_the_elder_switch_only_returns_to_this_site(client, target):
    resp = client.get("/elder/", {"on": "1", "next": target})
    assert resp.status_code == 302 and resp["Location"] == "/"


def test_a_made_up_receipt_key_is_404(client):
    assert client.get("/receipt/%3Cscript%3E/").status_code == 404
    client.cookies["minpan_receipt"] = "x" * 30
    assert client.get("/receipt/" + "x" * 30 + "/").status_code == 404


@pytest.mark.parametrize("value", [SCRIPT, "<b>x</b>" * 300, "'; DROP TABLE cases_case; --", "😀" * 10])
def test_rating_comment_is_stored_and_shown_escaped(client, city, value):
    from .test_query import written

    case, code, password = written(client)
    answered(city, case)
    client.post("/query/", {"code": code, "password": password})
    assert client.post("/status/rate/", {"rating": "satisfied", "comment": value}).status_code in (302, 400)
    page = client.get("/status/").content.decode()
    _no_live_markup(page)


def test_hostile_contact_fields_are_stored_as_typed_never_shown_to_the_public(client, city):
    resp = client.post("/write/", form_data(client, name=f"王{SCRIPT}"[:60]))
    assert resp.status_code == 302
    case = Case.objects.get()
    assert Citizen.objects.get(case=case).name.startswith("王<script>")
    answered(city, case)
    page = client.get(f"/answers/{case.pk}/").content.decode()
    assert "<script>" not in page and "王<" not in page
