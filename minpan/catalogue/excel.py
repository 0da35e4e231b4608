"""The catalogue in Excel: exported as the center keeps it, imported back with every error by row.

One row per matter, in the columns of HEADER. An import writes nothing unless every row is right:
a half-imported catalogue would dispatch by a mix of two lists. A row the same as the version in
force is left alone; a changed one becomes a new version (who, when, the import's reason); a new
code, a new matter.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from minpan.cases.states import Domain
from minpan.spreadsheet import append_xlsx_row
from minpan.units.models import Level, Unit

from .models import Matter
from .selectors import in_force
from .services import CatalogueError, matter_create, matter_revise

HEADER = ["事项编码", "上级事项编码", "领域", "事项名称", "关键词和别名", "牵头单位", "配合单位", "职责依据", "答复时限（工作日）", "状态"]
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
STATES = {"有效": True, "停用": False}


def export_xlsx(at: dt.datetime | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "派单目录"
    sheet.append(HEADER)
    for v in in_force(at, withdrawn=True):
        append_xlsx_row(sheet, [
            v.matter.code, v.matter.parent.code if v.matter.parent_id else "", Domain(v.matter.domain).label, v.name,
            v.keywords, v.lead_unit.name, "、".join(u.name for u in v.co_units.all()), v.legal_basis,
            v.answer_days, "有效" if v.in_force else "停用",
        ])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class Imported:
    created: list[str] = field(default_factory=list)
    revised: list[str] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _rows(data: bytes) -> list[tuple]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
    finally:
        book.close()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class _Units:
    """Units by name or code, as a person types them in a cell."""

    def __init__(self):
        units = list(Unit.objects.filter(active=True).exclude(level=Level.CENTER))
        self.by = {u.name: u for u in units} | {u.code: u for u in units}

    def one(self, text: str, label: str) -> Unit:
        unit = self.by.get(text)
        if unit is None:
            raise CatalogueError(f"{label}“{text}”不是启用的承办单位（请写单位全称或代码）")
        return unit


def _parse(row: tuple, units: _Units, domains: dict[str, str]) -> dict:
    cells = [_text(c) for c in (list(row) + [None] * len(HEADER))[: len(HEADER)]]
    code, parent, domain, name, keywords, lead, co, basis, days, state = cells
    problems = []
    if not code:
        problems.append("事项编码为空")
    if domain not in domains:
        problems.append(f"领域“{domain}”不在领域分类中（{'、'.join(Domain.labels)}）")
    if not name:
        problems.append("事项名称为空")
    values: dict = {"code": code, "parent": parent, "domain": domains.get(domain), "name": name, "keywords": keywords,
                    "legal_basis": basis}
    try:
        values["lead_unit"] = units.one(lead, "牵头单位")
    except CatalogueError as e:
        problems.append(str(e))
    co_units = []
    for part in [p for p in co.replace("，", "、").replace(",", "、").split("、") if p.strip()]:
        try:
            co_units.append(units.one(part.strip(), "配合单位"))
        except CatalogueError as e:
            problems.append(str(e))
    values["co_units"] = co_units
    if days and not (days.isdigit() and 1 <= int(days) <= 60):
        problems.append(f"答复时限“{days}”应为 1 至 60 的整数（工作日）")
    values["answer_days"] = int(days) if days.isdigit() else None
    if (state or "有效") not in STATES:
        problems.append(f"状态“{state}”应为“有效”或“停用”")
    values["in_force"] = STATES.get(state or "有效", True)
    if problems:
        raise CatalogueError("；".join(problems))
    return values


def import_xlsx(data: bytes, *, by=None, reason: str = "Excel 导入", now: dt.datetime | None = None) -> Imported:
    now = now or timezone.now()
    result = Imported()
    if len(data) > MAX_BYTES:
        result.errors.append(f"文件超过 {MAX_BYTES // 1024 // 1024} MB。")
        return result
    try:
        rows = _rows(data)
    except Exception:  # a damaged or foreign file: openpyxl raises many kinds
        result.errors.append("无法读取该文件：请上传由本系统导出或按其格式填写的 .xlsx 文件。")
        return result
    if not rows or [_text(c) for c in rows[0][: len(HEADER)]] != HEADER:
        result.errors.append(f"第 1 行应为表头：{'、'.join(HEADER)}。")
        return result
    if len(rows) > MAX_ROWS + 1:
        result.errors.append(f"一次最多导入 {MAX_ROWS} 行。")
        return result
    units, domains = _Units(), {**{d.label: d.value for d in Domain}, **{d.value: d.value for d in Domain}}
    parsed: list[tuple[int, dict]] = []
    seen: dict[str, int] = {}
    known = set(Matter.objects.values_list("code", flat=True))
    for n, row in enumerate(rows[1:], start=2):
        if not any(_text(c) for c in row):
            continue
        try:
            values = _parse(row, units, domains)
        except CatalogueError as e:
            result.errors.append(f"第 {n} 行：{e}")
            continue
        if values["code"] in seen:
            result.errors.append(f"第 {n} 行：事项编码 {values['code']} 与第 {seen[values['code']]} 行重复")
            continue
        seen[values["code"]] = n
        if values["parent"] and values["parent"] not in known and values["parent"] not in seen:
            result.errors.append(f"第 {n} 行：上级事项编码 {values['parent']} 不存在（应在目录中或本表前面的行）")
            continue
        parsed.append((n, values))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            _write(parsed, result, by=by, reason=reason, now=now)
    except CatalogueError as e:
        result.errors.append(str(e))
        result.created, result.revised = [], []
    return result


def _write(parsed, result: Imported, *, by, reason: str, now: dt.datetime) -> None:
    for n, values in parsed:
        code, parent_code, domain = values.pop("code"), values.pop("parent"), values.pop("domain")
        matter = Matter.objects.filter(code=code).select_related("parent").first()
        try:
            if matter is None:
                parent = Matter.objects.get(code=parent_code) if parent_code else None
                in_force_now = values.pop("in_force")
                matter_create(code=code, domain=domain, parent=parent, by=by, reason=reason, now=now, **values)
                if not in_force_now:
                    matter_revise(matter=Matter.objects.get(code=code), in_force=False, by=by, reason=reason, now=now)
                result.created.append(code)
                continue
            if (matter.parent.code if matter.parent else "") != parent_code or matter.domain != domain:
                raise CatalogueError("领域和上级事项导入时不能更改（请在派单目录页面新建事项）")
            if matter_revise(matter=matter, by=by, reason=reason, now=now, **values) is None:
                result.unchanged += 1
            else:
                result.revised.append(code)
        except CatalogueError as e:
            raise CatalogueError(f"第 {n} 行：{e}") from e
