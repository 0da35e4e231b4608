"""Cells a spreadsheet cannot mistake for formulas: the one helper every CSV and XLSX export uses.

A citizen writes the subject; staff open the export in Excel or WPS. A subject such as
=HYPERLINK("http://x","点") would otherwise become a live formula there (OWASP "CSV injection").
Text that starts with a character a spreadsheet reads as the start of a formula gets a leading
single quote, which spreadsheets show as plain text; in XLSX such cells are also written as
strings, never as formulas. Numbers and dates are left alone: they are ours, not the writer's.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# = + - @ and tab/CR (OWASP), and their full-width forms, which a Chinese input method types
# and some spreadsheets also accept as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]


def append_xlsx_row(sheet, values: Iterable[Any]) -> None:
    """sheet.append(), with every text cell stored as a string (openpyxl makes "=…" a formula)."""
    sheet.append(safe_row(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
