"""Every place that shows a case's deadline shows the same text: its day and 24:00, never
00:00 of the next day (for a case due Friday 2026-10-09 that would read Saturday 10-10)."""
import csv
import io

import time_machine
from docx import Document
from openpyxl import load_workbook

from minpan.cases.transitions import apply
from minpan.notify.models import Notification
from minpan.workdays.arith import deadline_text
from tests.flow import at, dispatched
from tests.notify.helpers import sweep_through

SHOWN = "2026年10月09日 24:00"
WRONG = ("2026-10-10 00:00", "10月10日", "2026-10-10")


def _due_friday_after_national_day(city):
    # Tongliao, 5 working days from Fri 09-25: 09-28, 09-29, 09-30, (holiday 10-01..10-07), 10-08, Fri 10-09.
    case = dispatched(city, "tongliao", now=at("2026-09-25 10:00"))
    apply(case, "instruct", actor=city.leader, now=at("2026-09-25 15:00"), text="请抓紧办理。")
    assert case.due_at == at("2026-10-10 00:00")
    return case


def test_the_text_is_the_day_and_24_00():
    assert deadline_text(at("2026-10-10 00:00")) == SHOWN


@time_machine.travel("2026-10-08 09:00 +0800", tick=False)
def test_every_page_export_document_and_notice_shows_the_same_deadline(client, admin_client, city):
    case = _due_friday_after_national_day(city)
    sweep_through("2026-09-25", "2026-10-08")
    shown: dict[str, str] = {}

    client.force_login(city.operator)
    shown["case page"] = client.get(f"/desk/case/{case.pk}/").content.decode()
    shown["queue row"] = client.get("/desk/q/claim/").content.decode()
    rows = list(csv.reader(io.StringIO(client.get("/desk/q/claim/export.csv").content.decode("utf-8-sig"))))
    shown["export csv"] = rows[1][rows[0].index("办理期限")]
    sheet = load_workbook(io.BytesIO(client.get("/desk/q/claim/export.xlsx").content)).active
    shown["export xlsx"] = sheet.cell(row=2, column=[c.value for c in sheet[1]].index("办理期限") + 1).value
    doc = Document(io.BytesIO(client.get(f"/desk/case/{case.pk}/doc/assignment.docx").content))
    shown["document"] = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)

    client.force_login(city.leader)
    shown["leader page"] = client.get("/notify/leader/").content.decode()

    note = Notification.objects.get(case=case, kind="remind", recipient=city.principal)
    shown["notification"] = note.body
    client.force_login(note.recipient)
    shown["inbox"] = client.get("/notify/inbox/").content.decode()

    shown["admin changelist"] = admin_client.get("/admin/cases/case/").content.decode()

    for place, text in shown.items():
        assert SHOWN in text, place
        for wrong in WRONG:
            assert wrong not in text, (place, wrong)
