"""A message about a unit's own conduct: that unit reads it with the writer's identity masked, on
every page, document, list, export and notification, and cannot find it by the writer's details
(Xizang 第六条; 信访工作条例)."""
import io

import pytest
from docx import Document

from minpan.cases.transitions import apply
from minpan.notify.models import Notification
from tests.flow import collect

CITIZEN = {"name": "赵晓峰", "phone": "13912345678", "email": "zxf@example.cn", "id_number": "150102198807153218",
           "address": "幸福路88号幸福家园小区5栋2单元301室", "employer": "通辽市第三中学"}
SUBJECT = "赵晓峰反映住建局工作人员推诿"
BODY = ("我是赵晓峰，住幸福家园小区5栋2单元301室，在通辽市第三中学工作。去市住建局办事三次都被推诿。"
        "我的电话１３９ １２３４ ５６７８，身份证150102 19880715 3218。请中心督促。")
SECRETS = ("赵晓峰", "晓峰", "13912345678", "１３９ １２３４ ５６７８", "150102 19880715 3218", "150102198807153218",
           "第三中学", "5栋2单元301")


@pytest.fixture
def complaint(city):
    case = collect("tongliao", citizen=CITIZEN, subject=SUBJECT, body=BODY)
    apply(case, "accept", actor=city.operator)
    apply(case, "classify", actor=city.operator, msg_type="complaint", domain="urban", identity_withheld=True)
    return apply(case, "dispatch", actor=city.operator, lead=city.housing)


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def test_unit_reads_the_message_with_the_writer_masked(client, city, complaint):
    client.force_login(city.handler)
    page = client.get(f"/desk/case/{complaint.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "推诿" in html and "请中心督促" in html  # the matter itself stays readable
    assert _leaks(html) == []


def test_center_still_reads_the_whole_message(client, city, complaint):
    client.force_login(city.operator)
    html = client.get(f"/desk/case/{complaint.pk}/").content.decode()
    assert "赵晓峰" in html and "13912345678" in html


def test_assignment_sheet_in_html_and_docx_hides_the_writer(client, city, complaint):
    client.force_login(city.handler)
    page = client.get(f"/desk/case/{complaint.pk}/doc/assignment/")
    assert page.status_code == 200
    assert _leaks(page.content.decode()) == []
    docx = client.get(f"/desk/case/{complaint.pk}/doc/assignment.docx")
    assert docx.status_code == 200
    doc = Document(io.BytesIO(docx.content))
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert "推诿" in text
    assert _leaks(text) == []


def test_unit_queue_and_export_show_the_masked_subject(client, city, complaint):
    client.force_login(city.handler)
    html = client.get("/desk/q/claim/").content.decode()
    assert "推诿" in html and _leaks(html) == []
    for fmt in ("csv", "xlsx"):
        resp = client.get(f"/desk/q/claim/export.{fmt}")
        assert resp.status_code == 200
        body = resp.content.decode("utf-8", "ignore") if fmt == "csv" else _xlsx_text(resp.content)
        assert _leaks(body) == [], fmt


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return "\n".join(str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None)


@pytest.mark.parametrize("query", ["赵晓峰", "13912345678", "150102198807153218", "第三中学"])
def test_unit_search_does_not_find_the_case_by_the_writers_details(client, city, complaint, query):
    client.force_login(city.handler)
    html = client.get("/desk/q/all/", {"q": query}).content.decode()
    assert f"/desk/case/{complaint.pk}/" not in html
    client.force_login(city.operator)
    assert f"/desk/case/{complaint.pk}/" in client.get("/desk/q/all/", {"q": "赵晓峰"}).content.decode()


def test_unit_search_still_finds_the_case_by_the_matter(client, city, complaint):
    client.force_login(city.handler)
    assert f"/desk/case/{complaint.pk}/" in client.get("/desk/q/all/", {"q": "推诿"}).content.decode()


def test_notifications_to_the_unit_carry_no_name(city, complaint):
    from minpan.notify import inbox

    inbox.send("remind", [city.handler], now=complaint.received_at, case=complaint, unit="市住建局", due="2026-12-08")
    texts = [f"{n.title} {n.body}" for n in Notification.objects.filter(case=complaint)]
    assert texts and all(_leaks(t) == [] for t in texts)


def test_lifting_the_withholding_at_reclassification_clears_the_masked_text(city, complaint):
    case = apply(complaint.pk, "return", actor=city.deputy, reason="不属于本单位职责", basis="三定方案")
    case = apply(case, "classify", actor=city.operator, msg_type="complaint", domain="urban", identity_withheld=False)
    assert case.masked_body == "" and case.masked_subject == ""
