"""What goes back to a channel: the answers to upload to its back office, in its own columns, and
the month's reconciliation (对账销号): every message it sent accounted for, the open ones listed.

Answers go as the public copy the portal shows (personal data masked, the reviewer's choices
applied); an answer given privately goes as a note that it was, never its text."""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font

from minpan.cases.models import Case, PublicCopy
from minpan.cases.states import PublishMode, State
from minpan.policies.codes import CHANNELS
from minpan.spreadsheet import append_xlsx_row, safe_row
from minpan.workdays.arith import SHANGHAI, deadline_text

# each back office's own column names (the same the importer reads)
REPLY_COLUMNS = {
    "people_daily": ["留言编号", "标题", "回复内容", "回复单位", "回复时间"],
    "hotline_12345": ["工单编号", "标题", "办理结果", "承办单位", "办结时间"],
    "province": ["转办编号", "标题", "办理结果", "承办单位", "办结时间"],
    "other": ["编号", "标题", "答复内容", "答复单位", "答复时间"],
}
FAMILY = {"people_daily": "people_daily", "people_daily_chairman": "people_daily", "hotline_12345": "hotline_12345",
          "mayor_hotline": "hotline_12345", "gov_supervision": "province", "governor_mailbox": "province",
          "governor_hotline": "province"}
PRIVATE_NOTE = "（不公开答复：已直接答复留言人）"


@dataclass
class Sheet:
    title: str
    header: list[str]
    rows: list[list]


def day_range(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The period's instants: from 00:00 of the first day to 24:00 of the last, Beijing time."""
    return (dt.datetime.combine(start, dt.time(), SHANGHAI),
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), SHANGHAI))


def replies(channel: str, start: dt.date, end: dt.date) -> Sheet:
    """The answers published in the period to messages from the channel, oldest first."""
    since, until = day_range(start, end)
    cases = (Case.objects.filter(channel=channel, answered_at__gte=since, answered_at__lt=until)
             .exclude(external_id="").select_related("lead_unit").order_by("answered_at", "pk"))
    copies = {c.case_id: c for c in PublicCopy.objects.filter(case__in=cases)}
    rows = []
    for case in cases:
        copy = copies.get(case.pk) if case.publish_mode == PublishMode.PUBLIC else None
        subject, text = (copy.subject, copy.reply) if copy else (case.reference, PRIVATE_NOTE + (case.public_note or ""))
        unit = case.lead_unit.name if case.lead_unit else "受理中心"
        rows.append([case.external_id, subject, text, unit, _local(case.answered_at)])
    return Sheet(f"{CHANNELS[channel]} 答复回传", REPLY_COLUMNS[FAMILY.get(channel, "other")], rows)


RECONCILE_HEADER = ["渠道编号", "登记编号", "收到时间", "办理情况", "答复时间", "牵头单位", "办理期限"]


def standing(case: Case) -> str:
    if case.state == State.MERGED:
        return "已并单"
    if case.state == State.NOT_ACCEPTED or (case.state == State.ARCHIVED and case.not_accepted_reason and case.answered_at is None):
        return "不予受理"
    if case.answered_at is not None and case.state in (State.PUBLISHED, State.ARCHIVED):
        return "已答复"
    return "办理中"


def reconcile(channel: str, month: dt.date) -> tuple[Sheet, Sheet, dict[str, int]]:
    """对账销号 for the channel's messages received in the month: each one's standing today, the
    ones still open (未销号) on a sheet of their own, and the count of each standing."""
    start = month.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    since, until = day_range(start, end)
    cases = (Case.objects.filter(channel=channel, received_at__gte=since, received_at__lt=until)
             .select_related("lead_unit").order_by("received_at", "pk"))
    rows, open_rows = [], []
    counts = {"已答复": 0, "办理中": 0, "不予受理": 0, "已并单": 0}
    for case in cases:
        how = standing(case)
        counts[how] += 1
        row = [case.external_id, case.reference, _local(case.received_at), how, _local(case.answered_at),
               case.lead_unit.name if case.lead_unit else "", deadline_text(case.due_at) if case.due_at else ""]
        rows.append(row)
        if how == "办理中":
            open_rows.append(row)
    label = f"{CHANNELS[channel]} {start:%Y年%m月}"
    return Sheet(f"{label} 对账", RECONCILE_HEADER, rows), Sheet(f"{label} 未销号", RECONCILE_HEADER, open_rows), counts


def _local(moment: dt.datetime | None) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") if moment else ""


def as_csv(sheet: Sheet) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the BOM
    writer = csv.writer(out)
    writer.writerow(sheet.header)
    writer.writerows(safe_row(r) for r in sheet.rows)
    return out.getvalue().encode("utf-8")


def as_xlsx(*sheets: Sheet) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(sheet.title[:31].replace("/", "-"))
        ws.append(sheet.header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            append_xlsx_row(ws, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
