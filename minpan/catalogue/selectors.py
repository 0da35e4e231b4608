"""Reading the catalogue: the versions in force on a day, and the matters a message is about."""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from minpan.units.models import Unit

from .matching import Entry, match, split_keywords
from .models import Matter, MatterVersion


def in_force(at: dt.datetime | None = None, *, withdrawn: bool = False):
    """The version of each matter in force at `at` (now): the last one made by then. Withdrawn matters
    (their last version not in force) are left out unless asked for."""
    at = at or timezone.now()
    last = MatterVersion.objects.filter(matter=OuterRef("matter"), valid_from__lte=at).order_by("-number").values("pk")[:1]
    rows = MatterVersion.objects.filter(pk=Subquery(last)).select_related("matter", "lead_unit").prefetch_related("co_units")
    if not withdrawn:
        rows = rows.filter(in_force=True)
    return rows.order_by("matter__domain", "matter__code")


# The catalogue in force now, kept by each process for a minute: every case page at intake matches
# against it, and it changes a few times a year. A write in this process forgets it at once (services);
# the other processes see an edit within CACHE_SECONDS.
CACHE_SECONDS = 60.0
_now: list[tuple[float, list[MatterVersion]]] = []


def in_force_now() -> list[MatterVersion]:
    if _now and _now[0][0] > time.monotonic():
        return _now[0][1]
    versions = list(in_force())
    _now[:] = [(time.monotonic() + CACHE_SECONDS, versions)]
    return versions


def forget_cached() -> None:
    _now.clear()


@dataclass(frozen=True)
class Proposal:
    """A lead unit proposed for a message, and why."""

    unit: Unit
    source: str  # "catalogue" or "learnt"
    why: str
    version: MatterVersion | None = None
    keywords: tuple[str, ...] = ()


def catalogue_proposals(*, title: str, body: str, at: dt.datetime | None = None, k: int = 3) -> list[Proposal]:
    """The lead units of the matters the message is about, best match first, each unit once."""
    versions = [v for v in (in_force_now() if at is None else in_force(at)) if v.lead_unit.active]
    hits = match(title, body, [Entry(v, tuple(split_keywords(v.keywords))) for v in versions], k=k)
    out: list[Proposal] = []
    for hit in hits:
        v: MatterVersion = hit.key  # type: ignore[assignment]
        if any(p.unit.pk == v.lead_unit_id for p in out):
            continue
        why = f"派单目录事项“{v.name}”（{v.matter.code}，第{v.number}版），匹配关键词：{'、'.join(hit.keywords)}"
        out.append(Proposal(unit=v.lead_unit, source="catalogue", why=why, version=v, keywords=hit.keywords))
    return out


def dispatch_proposals(*, title: str, body: str, learnt: list[tuple[Unit, float]], at: dt.datetime | None = None,
                       k: int = 3) -> list[Proposal]:
    """What the dispatch form proposes: the catalogue's units first, then the units learnt from
    earlier dispatches (textmine's routing) not already proposed, up to k of each."""
    out = catalogue_proposals(title=title, body=body, at=at, k=k)
    seen = {p.unit.pk for p in out}
    for unit, score in learnt[:k]:
        if unit.pk not in seen:
            seen.add(unit.pk)
            out.append(Proposal(unit=unit, source="learnt", why=f"按以往交办学习：与该单位办理过的留言相似（得分 {score:.2f}）"))
    return out


def matters_for_choice(at: dt.datetime | None = None) -> list[tuple[int, str]]:
    """(matter id, '编码 名称（牵头单位）') for the matters in force, for a unit citing the catalogue."""
    return [(v.matter_id, f"{v.matter.code} {v.name}（{v.lead_unit.name}）") for v in in_force(at)]


def matter_in_force(matter: Matter | int, at: dt.datetime | None = None) -> MatterVersion | None:
    pk = matter.pk if isinstance(matter, Matter) else matter
    v = MatterVersion.objects.filter(matter_id=pk, valid_from__lte=at or timezone.now()).order_by("-number").first()
    return v if v is not None and v.in_force else None
