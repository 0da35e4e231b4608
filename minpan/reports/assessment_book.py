"""单位考核 as Excel: the ranking (ranked units first, then those 不参与排名) and every event that
moved a score, each with its case number, date, points and article. Written from the same object
`minpan report assessment --format json` prints, through minpan.spreadsheet as the statistics' workbook."""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook

from minpan.spreadsheet import append_xlsx_row

UNRANKED = "不参与排名"
RANKING = ["名次", "单位", "期限届满件数", "扣分", "加分", "得分"]
DETAILS = ["单位", "日期", "留言编号", "事项", "分值", "依据"]


def write(data: dict, out: Path | BinaryIO, title: str) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "考核排名"
    append_xlsx_row(sheet, [title])
    append_xlsx_row(sheet, ["考核期间", f"{data['from']} 至 {data['to']}", "依据", data["basis"],
                            "基础分", data["start_score"], "参与排名最少件数", data["min_cases"]])
    append_xlsx_row(sheet, RANKING)
    for unit in data["units"]:
        append_xlsx_row(sheet, [unit["rank"] if unit["ranked"] else UNRANKED, unit["unit"], unit["cases"],
                                unit["taken_off"], unit["added"], unit["score"]])
    details = book.create_sheet("考核明细")
    append_xlsx_row(details, DETAILS)
    for unit in data["units"]:
        for item in unit["items"]:
            append_xlsx_row(details, [unit["unit"], item["date"], item["case"], item["what"], item["points"], item["article"]])
    book.save(out)
