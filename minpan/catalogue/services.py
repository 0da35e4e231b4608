"""Writing the catalogue: a new matter, and a new version of one. Nothing is ever edited in place."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from minpan.cases.states import Domain
from minpan.units.models import Level, Unit

from . import selectors
from .matching import split_keywords
from .models import Matter, MatterVersion


class CatalogueError(ValueError):
    """A catalogue edit the rules refuse; the message is shown to the person as it is."""


# the fields a version carries; a revision copies the last version's and changes the ones given
FIELDS = ("name", "keywords", "lead_unit", "co_units", "legal_basis", "answer_days", "in_force")


def _check(values: dict) -> dict:
    name = (values.get("name") or "").strip()
    if not name:
        raise CatalogueError("请填写事项名称。")
    lead = values.get("lead_unit")
    if not isinstance(lead, Unit) or lead.level == Level.CENTER or not lead.active:
        raise CatalogueError("请选择一个可交办的牵头单位。")
    co = [u for u in values.get("co_units") or () if u.pk != lead.pk]
    for unit in co:
        if unit.level == Level.CENTER or not unit.active:
            raise CatalogueError(f"“{unit.name}”不是可交办的承办单位。")
    days = values.get("answer_days")
    if days is not None and not 1 <= int(days) <= 60:
        raise CatalogueError("答复时限应为 1 至 60 个工作日。")
    return {**values, "name": name, "co_units": co, "keywords": " ".join(split_keywords(values.get("keywords") or "")),
            "legal_basis": (values.get("legal_basis") or "").strip(), "in_force": bool(values.get("in_force", True))}


def _write(matter: Matter, number: int, values: dict, *, by, reason: str, now: dt.datetime) -> MatterVersion:
    reason = (reason or "").strip()
    if not reason:
        raise CatalogueError("请写明修改理由。")
    values = _check(values)
    co = values.pop("co_units")
    version = MatterVersion.objects.create(matter=matter, number=number, valid_from=now, reason=reason,
                                           edited_by=by if getattr(by, "pk", None) else None, **values)
    version.co_units.set(co)
    selectors.forget_cached()
    transaction.on_commit(selectors.forget_cached)  # a reader between the two must not keep the old one
    return version


def matter_create(*, code: str, domain: str, name: str, lead_unit: Unit, co_units: Iterable[Unit] = (),
                  keywords: str = "", legal_basis: str = "", answer_days: int | None = None,
                  parent: Matter | None = None, by=None, reason: str = "新建事项", now: dt.datetime | None = None) -> MatterVersion:
    now = now or timezone.now()
    code = (code or "").strip()
    if not code:
        raise CatalogueError("请填写事项编码。")
    if domain not in Domain.values:
        raise CatalogueError(f"领域“{domain}”不在领域分类中。")
    with transaction.atomic():
        if Matter.objects.filter(code=code).exists():
            raise CatalogueError(f"事项编码 {code} 已存在。")
        matter = Matter.objects.create(code=code, domain=domain, parent=parent, created_at=now)
        return _write(matter, 1, dict(name=name, keywords=keywords, lead_unit=lead_unit, co_units=list(co_units),
                                      legal_basis=legal_basis, answer_days=answer_days), by=by, reason=reason, now=now)


def current(version: MatterVersion) -> dict:
    return {f: (list(version.co_units.all()) if f == "co_units" else getattr(version, f)) for f in FIELDS}


def matter_revise(*, matter: Matter, by=None, reason: str, now: dt.datetime | None = None, **changes) -> MatterVersion | None:
    """A new version with `changes` over the last one; None when nothing would change (no empty versions)."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"not catalogue fields: {sorted(unknown)}")
    now = now or timezone.now()
    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=matter.pk)
        last = matter.latest()
        if last is None:
            raise CatalogueError(f"事项 {matter.code} 尚无内容。")
        before = current(last)
        after = {**before, **changes}
        if _comparable(_check(after)) == _comparable(_check(before)):
            return None
        return _write(matter, last.number + 1, after, by=by, reason=reason, now=now)


def _comparable(values: dict) -> dict:
    return {**values, "lead_unit": values["lead_unit"].pk, "co_units": sorted(u.pk for u in values["co_units"]),
            "answer_days": int(values["answer_days"]) if values.get("answer_days") is not None else None}
