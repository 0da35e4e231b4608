"""CSV and Excel export of a queue's current list (the same filters and sort as the page)."""
from __future__ import annotations

import csv
import io
from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from minpan.spreadsheet import append_xlsx_row, safe_row
from minpan.workdays.arith import deadline_text

MAX_ROWS = 20000
HEADERS = ["登记编号", "标题", "来源渠道", "留言类型", "领域", "状态", "牵头单位", "收到时间", "办理期限", "剩余工作日"]


def _cells(row: dict) -> list:
    case = row["case"]
    due = deadline_text(case.due_at) if case.due_at else ""
    return [
        case.reference, row["subject"], case.get_channel_display(), case.get_msg_type_display(),
        case.get_domain_display(), case.get_state_display(), case.lead_unit.name if case.lead_unit_id else "",
        timezone.localtime(case.received_at).strftime("%Y-%m-%d %H:%M"), due,
        "" if row["left"] is None else row["left"],
    ]


def response(title: str, rows: list[dict], fmt: str) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"{title}-{stamp}"
    if fmt == "csv":
        text = io.StringIO()
        text.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the BOM
        writer = csv.writer(text)
        writer.writerow(HEADERS)
        writer.writerows(safe_row(_cells(r)) for r in rows)
        resp = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
        ext = "csv"
    elif fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = title[:31]
        sheet.append(HEADERS)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for r in rows:
            append_xlsx_row(sheet, _cells(r))
        sheet.freeze_panes = "A2"
        for col, width in zip("ABCDEFGHIJ", (14, 40, 22, 8, 14, 12, 18, 17, 17, 10)):
            sheet.column_dimensions[col].width = width
        buf = io.BytesIO()
        book.save(buf)
        resp = HttpResponse(buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        ext = "xlsx"
    else:
        raise Http404("不支持的导出格式")
    resp["Content-Disposition"] = f"attachment; filename=\"queue.{ext}\"; filename*=UTF-8''{quote(filename)}.{ext}"
    return resp
