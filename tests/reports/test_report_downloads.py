"""The 月报 and 专报 downloaded from the 统计看板 (/desk/stats/monthly/, /desk/stats/special/):
for the center and leaders only, the same documents as the command, a GET that writes nothing
but the audit trail's export entry."""
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from minpan.audit.models import AuditEntry
from minpan.cases.models import Case, Event

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_the_leader_downloads_the_monthly_report(client, two_months, city):
    client.force_login(city.leader)
    page = client.get("/desk/stats/", {"from": "2026-10-01", "to": "2026-10-31"}).content.decode()
    assert 'action="/desk/stats/monthly/"' in page and 'value="2026-10"' in page and 'action="/desk/stats/special/"' in page
    before = (Case.objects.count(), Event.objects.count())
    resp = client.get("/desk/stats/monthly/", {"month": "2026-10"})
    assert resp.status_code == 200 and resp["Content-Type"] == DOCX
    assert "filename*=UTF-8''%E6%9C%88%E6%8A%A5-2026-10.docx" in resp["Content-Disposition"]
    doc = Document(BytesIO(resp.content))
    assert "2026年10月网民留言办理情况月报" in [p.text for p in doc.paragraphs] and len(doc.inline_shapes) == 2
    assert (Case.objects.count(), Event.objects.count()) == before
    entry = AuditEntry.objects.filter(action="export", object_type="report").get()
    assert entry.object_id == "monthly" and "2026-10-01至2026-10-31 docx" in entry.detail


def test_the_operator_downloads_a_special_report_as_excel(client, two_months, city):
    client.force_login(city.operator)
    resp = client.get("/desk/stats/special/", {"from": "2026-10-01", "to": "2026-10-31", "unit": "东城区", "format": "xlsx"})
    assert resp.status_code == 200
    summary = {row[0]: row[1] for row in load_workbook(BytesIO(resp.content))["汇总"].iter_rows(min_row=3, values_only=True)}
    assert summary["期末逾期未办结数"] == 2 and summary["收到留言数"] == 1


def test_a_unit_s_staff_may_not_download_the_reports(client, city):
    client.force_login(city.principal)
    assert client.get("/desk/stats/monthly/", {"month": "2026-10"}).status_code == 403
    assert client.get("/desk/stats/special/").status_code == 403


@pytest.mark.parametrize("url,query,words", [
    ("/desk/stats/monthly/", {"month": "2026-13"}, "月份格式无效"),
    ("/desk/stats/monthly/", {"month": "2026-10", "format": "pdf"}, "docx 或 xlsx"),
    ("/desk/stats/special/", {"from": "2026-10-31", "to": "2026-10-01"}, "晚于截止日期"),
    ("/desk/stats/special/", {"from": "2026-10-01", "to": "2026-10-31", "domain": "天文"}, "没有“天文”这个领域"),
])
def test_a_bad_choice_is_refused_in_chinese(client, city, url, query, words):
    client.force_login(city.operator)
    resp = client.get(url, query)
    assert resp.status_code == 400 and words in resp.content.decode()
