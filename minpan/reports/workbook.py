"""`minpan report stats --format xlsx`: the same object as the JSON, one sheet per table.

Rates stay fractions (0.5), shown as percentages by the cell's number format; every text cell
goes through minpan.spreadsheet (a unit or label is never read as a formula)."""
from __future__ import annotations

from pathlib import Path
from typing import IO

from openpyxl import Workbook

from minpan.spreadsheet import append_xlsx_row

from .indicators import NAMES
from .summary import DISPUTE_COLUMNS

RATES = {"on_time_rate", "satisfaction_rate", "send_back_rate"}
DAYS = {"avg_working_days", "median_working_days"}
TABLES = [("by_unit", "按单位", "unit", "单位"), ("by_channel", "按渠道", "label", "渠道"),
          ("by_type", "按类型", "label", "留言类型"), ("by_domain", "按领域", "label", "领域")]


def write(data: dict, path: Path | IO[bytes]) -> None:
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
    if "disputed_by_unit" in data:  # the whole city's statistics, not a special report's scope
        sheet = book.create_sheet("派单异议与知识库")
        append_xlsx_row(sheet, ["依知识库直接答复（件）", data["answered_from_knowledge"]])
        append_xlsx_row(sheet, ["退回单位", *DISPUTE_COLUMNS.values()])
        for row in data["disputed_by_unit"]:
            append_xlsx_row(sheet, [row["unit"], *(row[k] for k in DISPUTE_COLUMNS)])
    book.save(path)


def _format(sheet, key: str, row: int, *cols: int) -> None:
    fmt = "0.0%" if key in RATES else "0.0" if key in DAYS else None
    if fmt:
        for col in cols:
            sheet.cell(row=row, column=col).number_format = fmt
