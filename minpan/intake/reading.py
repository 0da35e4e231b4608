"""Reading the files channels export (CSV and XLSX) as records, each with the file line it starts on.

A channel's export is never quite clean: a few bytes that are not UTF-8, a NUL, a quote left open,
a record spread over several lines. None of that stops the file: the record it spoils is handed on
marked bad, with its line, and every other record is read. The header is line 1.
Pure: no Django."""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# a field this long is not a message: the csv module's own limit, said in our words
FIELD_LIMIT = 1_000_000


class UnreadableFile(Exception):
    pass


@dataclass
class Record:
    line: int                     # where the record starts in the file (the header is line 1)
    values: dict[str, object] = field(default_factory=dict)
    bad: str = ""                 # why the record cannot be read, if it cannot


@dataclass
class Table:
    header: list[str]
    records: list[Record]
    encoding: str


def read(path: str | Path) -> Table:
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(f"找不到文件：{path}")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx(path)
    if path.suffix.lower() == ".xls":
        raise UnreadableFile("不支持旧版 .xls 文件：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV（UTF-8）后再导入。")
    return _csv(path.read_bytes())


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in: UTF-8 (with or without BOM), where a few bytes that
    are not UTF-8 stay as markers on their records; GB18030 when the whole file is that (exports
    from older Chinese office software) and not UTF-8."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", errors="surrogateescape")
    broken = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    if broken > max(8, len(raw) // 1000):
        try:
            return raw.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
    return text, "utf-8"


def _unreadable(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" or ch == "\x00" for ch in value)


def _csv(raw: bytes) -> Table:
    text, encoding = decode(raw)
    csv.field_size_limit(FIELD_LIMIT)
    # a NUL stops the csv module for the whole file: it becomes a marker on its record instead
    reader = csv.reader(io.StringIO(text.replace("\x00", "\udc80"), newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise UnreadableFile("文件是空的：没有表头和数据。") from None
    except csv.Error as exc:
        raise UnreadableFile(f"第 1 行（表头）无法读取：{exc}") from None
    if not any(header):
        raise UnreadableFile("第 1 行（表头）是空的。")
    records: list[Record] = []
    done = reader.line_num
    for row, error in _rows(reader):
        line = done + 1
        done = reader.line_num
        if error:
            records.append(Record(line, bad=f"无法按 CSV 格式读取（{error}）"))
            continue
        if not any(cell.strip() for cell in row):
            continue  # a blank line between records
        if len(row) > len(header):
            records.append(Record(line, bad=f"列数（{len(row)}）多于表头（{len(header)}）：可能有未加引号的逗号"))
            continue
        values: dict[str, object] = {name: row[i] if i < len(row) else "" for i, name in enumerate(header) if name}
        if any(_unreadable(v) for v in row):
            records.append(Record(line, values, bad="含无法识别的字节（不是 UTF-8 编码的文字），请核对原文件中的这条记录"))
            continue
        records.append(Record(line, values))
    return Table(header, records, encoding)


def _rows(reader) -> Iterator[tuple[list[str], str]]:
    """Each record, or the csv module's complaint about it; reading goes on after a complaint."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield [], str(exc)
            continue
        yield row, ""


def _xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UnreadableFile(f"不是有效的 Excel（.xlsx）文件：{type(exc).__name__}") from None
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        try:
            header = [str(h).strip() if h is not None else "" for h in next(rows)]
        except StopIteration:
            raise UnreadableFile("工作表是空的：没有表头和数据。") from None
        records = []
        for line, row in enumerate(rows, start=2):
            if row is None or all(v is None or str(v).strip() == "" for v in row):
                continue
            if len([v for v in row[len(header):] if v not in (None, "")]):
                records.append(Record(line, bad="表头之外的列有内容"))
                continue
            values = {name: _cell(row[i]) if i < len(row) else "" for i, name in enumerate(header) if name}
            records.append(Record(line, values))
        return Table(header, records, "xlsx")
    finally:
        book.close()


def _cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed as a number: 20220510008, not 20220510008.0
    return str(value)
