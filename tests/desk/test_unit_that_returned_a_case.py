"""A unit that returned a case keeps what it saw until then and nothing after: not the next unit's
draft, files or documents, not the writer's identity, not the case in its work queues."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minpan.cases.transitions import apply
from minpan.units.models import Membership
from tests.flow import dispatched


@pytest.fixture
def redispatched(city):
    """Returned by 市住建局 the day it came, then dispatched to 市教育局, which drafts and uploads."""
    case = dispatched(city, "tongliao")
    apply(case, "return", actor=city.deputy, reason="属教育部门职责", basis="三定方案")
    apply(case, "dispatch", actor=city.operator, lead=city.education)
    apply(case, "claim", actor=city.edu_handler)
    apply(case, "draft", actor=city.edu_handler, body="经核查，教育局已责成学校整改，答复草稿甲乙丙。",
          handler_name="李工", handler_phone="0475-8123456")
    return case


def _upload_as_education(client, city, case):
    from minpan.attachments.content import PDF
    from minpan.desk import attachments

    post = Membership.objects.get(user=city.edu_handler)
    upload = SimpleUploadedFile("现场照片.pdf", b"%PDF-1.4\n% evidence\n%%EOF\n", content_type="application/pdf")
    return attachments.attachment_add(case=case, upload=upload, kind=PDF, user=city.edu_handler, post=post)


def test_returning_unit_sees_its_own_return_and_nothing_after(client, city, redispatched):
    client.force_login(city.handler)
    page = client.get(f"/desk/case/{redispatched.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "不再承办" in html
    assert "属教育部门职责" in html            # its own return, as it wrote it
    assert "答复草稿甲乙丙" not in html         # the next unit's draft
    assert "市教育局" not in html               # nor who holds it now
    assert "王小明" not in html and "13800138000" not in html
    assert "可办操作" in html and "当前没有您可以办理的操作" in html


def test_next_units_file_is_not_found_by_the_unit_that_returned(client, city, redispatched):
    att = _upload_as_education(client, city, redispatched)
    client.force_login(city.edu_handler)
    assert client.get(f"/desk/case/{redispatched.pk}/files/{att.pk}/").status_code == 200
    client.force_login(city.handler)
    assert client.get(f"/desk/case/{redispatched.pk}/files/{att.pk}/").status_code == 404
    assert "现场照片" not in client.get(f"/desk/case/{redispatched.pk}/").content.decode()


def test_returning_unit_gets_no_documents_and_cannot_upload(client, city, redispatched):
    client.force_login(city.handler)
    assert client.get(f"/desk/case/{redispatched.pk}/doc/assignment/").status_code == 404
    assert client.get(f"/desk/case/{redispatched.pk}/doc/assignment.docx").status_code == 404
    upload = SimpleUploadedFile("x.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    resp = client.post(f"/desk/case/{redispatched.pk}/files/", {"file": upload})
    assert resp.status_code == 403
    assert not redispatched.attachments.exists()


def test_returned_case_leaves_the_units_work_queues_but_stays_in_all(client, city, redispatched):
    client.force_login(city.handler)
    for slug in ("claim", "working", "due_soon", "overdue", "sign", "submitted"):
        assert f"/desk/case/{redispatched.pk}/" not in client.get(f"/desk/q/{slug}/").content.decode(), slug
    listing = client.get("/desk/q/all/").content.decode()
    assert f"/desk/case/{redispatched.pk}/" in listing
    assert "本单位已不再承办" in listing and "<td>市教育局</td>" not in listing


def test_the_unit_holding_it_now_sees_everything(client, city, redispatched):
    client.force_login(city.edu_handler)
    html = client.get(f"/desk/case/{redispatched.pk}/").content.decode()
    assert "答复草稿甲乙丙" in html and "不再承办" not in html


def test_a_unit_dispatched_the_case_again_sees_it_whole_again(client, city):
    case = dispatched(city, "tongliao")
    apply(case, "return", actor=city.deputy, reason="属教育部门职责", basis="三定方案")
    apply(case, "dispatch", actor=city.operator, lead=city.education)
    apply(case, "return", actor=city.edu_principal, reason="仍属住建职责", basis="三定方案")
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    client.force_login(city.handler)
    html = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "不再承办" not in html and "王小明" in html
