"""Every look at citizen data is on the audit trail: the staff case page (saying whether it showed
the writer's identity), the writer's files, the documents, and every export — who, what, when,
from where; the entry itself holds no personal data."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minpan.audit.models import AuditEntry
from minpan.cases.models import Case
from minpan.cases.transitions import apply
from minpan.portal.models import Attachment
from tests.flow import CITIZEN, collect, dispatched
from tests.portal.conftest import PDF, form_data


def trail(action):
    return list(AuditEntry.objects.filter(action=action).order_by("id").values_list("user_id", "object_type", "object_id", "result", "detail"))


def test_the_case_page_is_recorded_with_whether_the_writer_was_shown(client, city):
    case = dispatched(city, "tongliao")
    client.force_login(city.operator)
    assert client.get(f"/desk/case/{case.pk}/").status_code == 200
    client.force_login(city.handler)
    assert client.get(f"/desk/case/{case.pk}/").status_code == 200
    shown = [d for _, _, _, _, d in trail("view_case")]
    assert trail("view_case")[0][:4] == (city.operator.pk, "case", str(case.pk), "allowed")
    assert len(shown) == 2 and shown[0] == "显示留言人身份信息"


def test_the_entry_holds_no_personal_data(client, city):
    case = dispatched(city, "tongliao")
    client.force_login(city.operator)
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert CITIZEN["phone"] in page  # the page did show it ...
    row = " ".join(str(v) for v in AuditEntry.objects.filter(action="view_case").values().get().values())
    for value in (CITIZEN["name"], CITIZEN["phone"], CITIZEN["email"], case.subject):
        assert value not in row  # ... the trail says only that it was seen


def test_a_writers_file_is_recorded(client, city, settings, tmp_path):
    settings.MINPAN_FILES_DIR = tmp_path / "files"
    assert client.post("/write/", {**form_data(client), "attachments": [SimpleUploadedFile("说明.pdf", PDF, "application/pdf")]}).status_code == 302
    case = Case.objects.get()
    apply(case, "accept", actor=city.operator)
    item = Attachment.objects.get()
    client.force_login(city.operator)
    assert client.get(f"/desk/case/{case.pk}/writer-files/{item.pk}/").status_code == 200
    assert trail("view_writer_file") == [(city.operator.pk, "writer_file", str(item.pk), "allowed", "")]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_queue_export_is_recorded(client, city, fmt):
    collect("tongliao")
    client.force_login(city.operator)
    assert client.get(f"/desk/q/review/export.{fmt}").status_code == 200
    assert trail("export") == [(city.operator.pk, "queue", "review", "allowed", f"格式 {fmt}")]


def test_a_document_and_its_docx_are_recorded(client, city):
    case = dispatched(city, "tongliao")
    client.force_login(city.handler)
    assert client.get(f"/desk/case/{case.pk}/doc/assignment/").status_code == 200
    assert client.get(f"/desk/case/{case.pk}/doc/assignment.docx").status_code == 200
    assert trail("view_document") == [(city.handler.pk, "case", str(case.pk), "allowed", "")]
    assert trail("export") == [(city.handler.pk, "case", str(case.pk), "allowed", "")]


def test_a_refused_export_is_a_refusal_not_a_view(client, city):
    client.force_login(city.operator)
    assert client.get("/desk/q/review/export.pdf").status_code == 404
    assert trail("export") == [] and AuditEntry.objects.get(action="access").result == "denied"
