"""`minpan report stats --format xlsx`: the same object as the JSON, one sheet per table.

Rates stay fractions (0.5), shown as percentages by the cell's number format; every text cell
goes through minpan.spreadsheet (a unit or label is never read as a formula)."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from minpan.spreadsheet import append_xlsx_row

NAMES = {
    "received": "收到留言数", "not_accepted": "不予受理数", "accepted": "受理数",
    "answered": "答复数", "answered_public": "公开答复数", "answered_on_time": "按期答复数",
    "fell_due": "期限届满数", "fell_due_on_time": "按期办结数", "on_time_rate": "按时办结率",
    "overdue_open": "期末逾期未办结数", "rated": "评价数", "satisfied": "满意和基本满意数",
    "satisfaction_rate": "满意率", "extensions": "批准延期数", "returns": "退办数",
    "submitted": "报送答复数", "send_backs": "退回重办数", "send_back_rate": "重办率",
    "avg_working_days": "平均办理工作日", "median_working_days": "办理工作日中位数",
    "callbacks": "回访数", "merged": "并单数",
}
RATES = {"on_time_rate", "satisfaction_rate", "send_back_rate"}
DAYS = {"avg_working_days", "median_working_days"}
TABLES = [("by_unit", "按单位", "unit", "单位"), ("by_channel", "按渠道", "label", "渠道"),
          ("by_type", "按类型", "label", "留言类型"), ("by_domain", "按领域", "label", "领域")]


def write(data: dict, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "汇总"
    prev = data["previous"]
    append_xlsx_row(sheet, ["统计期间", f"{data['from']} 至 {data['to']}", f"上期 {prev['from']} 至 {prev['to']}"])
    append_xlsx_row(sheet, ["指标", "本期", "上期"])
    for key, name in NAMES.items():
        append_xlsx_row(sheet, [name, data[key], prev[key]])
        _format(sheet, key, sheet.max_row, 2, 3)
    for table, title, label_key, label in TABLES:
        sheet = book.create_sheet(title)
        append_xlsx_row(sheet, [label, *NAMES.values()])
        for row in data[table]:
            append_xlsx_row(sheet, [row[label_key], *(row[k] for k in NAMES)])
            for col, key in enumerate(NAMES, start=2):
                _format(sheet, key, sheet.max_row, col)
    book.save(path)


def _format(sheet, key: str, row: int, *cols: int) -> None:
    fmt = "0.0%" if key in RATES else "0.0" if key in DAYS else None
    if fmt:
        for col in cols:
            sheet.cell(row=row, column=col).number_format = fmt
