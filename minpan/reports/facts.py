"""What a report document says, gathered in a fixed number of queries whatever the number of
cases: the statistics object of `minpan report stats` (summary.stats, the indicators defined
once), the months before for the trend, the stored hot topics, and the issuing organ.

A special report (专报) may be narrowed to a topic (a word in the message's title or text), a
domain or a unit (with its sub-units): the same indicators, counted on those cases only —
`scoped_breakdowns` applies each indicator's own set and condition (indicators.ON_CASES and
ON_EVENTS) with the scope added. Reads only: nothing here writes."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone

from minpan.cases.models import Event
from minpan.cases.states import Domain
from minpan.redaction import redact
from minpan.units.models import Level, Unit

from . import summary
from .indicators import DIMENSIONS, ON_CASES, ON_EVENTS, Figures, figures, top_units
from .periods import Period, PeriodError

TREND_MONTHS = 6
HOT_TOPICS = 5
DEFAULT_ORGAN = "网民留言办理中心"
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class ScopeError(ValueError):
    pass


def month(text: str) -> Period:
    """A calendar month from YYYY-MM, refused in words for the person who typed it."""
    found = MONTH.match(text or "")
    if not found or not 1 <= int(found[2]) <= 12:
        raise PeriodError(f"月份格式无效：{text!r}，应为 YYYY-MM，例如 2026-10。")
    return Period.month(int(found[1]), int(found[2]))


@dataclass(frozen=True)
class Scope:
    """The cases a special report is about; empty: all of them."""
    topic: str = ""
    domain: str = ""
    unit: Unit | None = None

    @classmethod
    def parse(cls, *, topic: str = "", domain: str = "", unit: str = "") -> Scope:
        """From what a person typed: a domain by its code or Chinese name, a unit by its code or name."""
        topic, domain, unit = (topic or "").strip(), (domain or "").strip(), (unit or "").strip()
        if len(topic) > 50:
            raise ScopeError("专题词不超过 50 个字。")
        if domain:
            known = {**{c: c for c, _ in Domain.choices}, **{str(n): c for c, n in Domain.choices}}
            if domain not in known:
                raise ScopeError(f"没有“{domain}”这个领域。可用：{'、'.join(str(n) for _, n in Domain.choices)}")
            domain = known[domain]
        found = None
        if unit:
            found = Unit.objects.filter(Q(code=unit) | Q(name=unit)).order_by("path").first()
            if found is None:
                raise ScopeError(f"没有“{unit}”这个单位。")
        return cls(topic=topic, domain=domain, unit=found)

    def __bool__(self) -> bool:
        return bool(self.topic or self.domain or self.unit)

    def q(self, to_case: str = "", unit: str = "") -> Q:
        """The condition on cases, reached through `to_case` ("" or "case__"); `unit`: the column
        the unit is looked for in when not the case's lead unit (an event's own "unit" for a
        return: the returning unit's, the case has none after it)."""
        cond = Q()
        if self.topic:
            cond &= Q(**{f"{to_case}subject__contains": self.topic}) | Q(**{f"{to_case}body__contains": self.topic})
        if self.domain:
            cond &= Q(**{f"{to_case}domain": self.domain})
        if self.unit is not None:
            cond &= Q(**{f"{unit or to_case + 'lead_unit'}__path__startswith": self.unit.path})
        return cond

    def words(self) -> str:
        """The scope in words, for the document: 涉及“供暖”、教育领域、市教育局（含下属单位）."""
        parts = []
        if self.topic:
            parts.append(f"涉及“{self.topic}”")
        if self.domain:
            parts.append(f"{Domain(self.domain).label}领域")
        if self.unit is not None:
            parts.append(f"{self.unit.name}（含下属单位）承办")
        return "、".join(parts)


@dataclass
class Facts:
    period: Period
    scope: Scope
    organ: str
    stats: dict                                   # summary.stats' object (the same as `report stats`)
    trend: list[tuple[str, int, int]]             # (month, received, answered), oldest first
    hot: list[dict] = field(default_factory=list)  # stored hot topics of the month: name, messages, previous
    issued: dt.date = field(default_factory=lambda: timezone.localdate())


def gather(period: Period, scope: Scope = Scope(), issued: dt.date | None = None) -> Facts:
    stats = summary.stats(period) if not scope else scoped_stats(period, scope)
    return Facts(period=period, scope=scope, organ=issuing_organ(), stats=stats, trend=trend(period, scope),
                 hot=stored_hot_topics(period) if not scope else [], issued=issued or timezone.localdate())


def issuing_organ() -> str:
    """The center (the unit tree's top, level CENTER) issues the reports, as it issues the ladder's letters."""
    center = Unit.objects.filter(level=Level.CENTER).order_by("path").values_list("name", flat=True).first()
    return center or DEFAULT_ORGAN


def trend(period: Period, scope: Scope = Scope()) -> list[tuple[str, int, int]]:
    """Received and answered in each of the months up to the period's last (two queries a month)."""
    out = []
    for back in range(TREND_MONTHS - 1, -1, -1):
        index = period.last.year * 12 + period.last.month - 1 - back
        month = Period.month(index // 12, index % 12 + 1)
        if scope:
            fig = scoped_breakdowns(month, scope, (), only={"received", "answered"})[None][None]
        else:
            fig = figures(month, only={"received", "answered"})[None]
        out.append((f"{month.first.month}月", fig.received, fig.answered))
    return out


def stored_hot_topics(period: Period) -> list[dict]:
    """The month's hot topics as the worker last grouped them (textmine.HotReport), read, never
    computed here: grouping a busy month's texts takes minutes, and a GET writes nothing."""
    from minpan.textmine.models import HotReport

    if period.whole_months != 1:
        return []
    stored = HotReport.objects.filter(month=f"{period.first:%Y-%m}").exclude(key="").first()
    if stored is None:
        return []
    topics = stored.data.get("topics", [])[:HOT_TOPICS]
    # a topic is named from the citizens' words: names, phones and ID numbers are taken out
    return [{"name": redact(f"{t['place']} · {t['problem']}" if t.get("problem") else t["place"]),
             "messages": t["messages"], "writers": t["writers"], "previous": t.get("previous", 0)} for t in topics]


def scoped_stats(period: Period, scope: Scope) -> dict:
    """summary.stats' object for the scope's cases only."""
    every = scoped_breakdowns(period, scope)
    before = period.previous()
    out = {
        "from": period.first.isoformat(), "to": period.last.isoformat(), **every[None][None].as_dict(),
        "previous": {"from": before.first.isoformat(), "to": before.last.isoformat(),
                     **scoped_breakdowns(before, scope, ())[None][None].as_dict()},
        "by_unit": summary.unit_rows(every["unit"]),
    }
    for dim, labels in summary.LABELS.items():
        out[f"by_{dim}"] = [
            {dim: key or "", "label": labels.get(key, key) if key else summary.UNSET, **fig.as_dict()}
            for key, fig in sorted(every[dim].items(), key=lambda kv: (kv[0] not in labels, list(labels).index(kv[0]) if kv[0] in labels else 0, kv[0] or ""))
        ]
    return out


def scoped_breakdowns(period: Period, scope: Scope, dims: tuple[str, ...] = tuple(DIMENSIONS), only: set[str] | None = None) -> dict:
    """indicators.breakdowns' shape ({None: {None: total}, dim: {key: Figures}}) for the scope's
    cases: one grouped query per counted set, as there. Working days to answer are not counted."""
    groups: dict = {}
    names = {f"by_{d}": F(DIMENSIONS[d]) for d in dims}
    for name, (base, cond) in ON_CASES.items():
        if only is not None and name not in only:
            continue
        cond = cond(period) if callable(cond) else cond
        qs = base(period).filter(scope.q("")).order_by()
        if cond is not None:
            qs = qs.filter(cond)
        _collect(groups, qs, names, name)
    wanted = [n for n in ON_EVENTS if only is None or n in only]
    if wanted:
        events = Event.objects.filter(at__gte=period.start, at__lt=period.end).order_by()
        for name in wanted:
            action, cond = ON_EVENTS[name]
            scoped = events.filter(scope.q("case__", unit="unit" if name == "returns" else ""))
            # a return is the returning unit's (the case has no lead unit after it), as in indicators
            by = {f"by_{d}": F("unit" if name == "returns" else "case__lead_unit") if d == "unit" else F(f"case__{DIMENSIONS[d]}")
                  for d in dims}
            _collect(groups, scoped.filter(Q(action=action) & cond if cond else Q(action=action)), by, name)
    out: dict = {None: {None: Figures()}, **{d: {} for d in dims}}
    for keys, fig in groups.items():
        out[None][None].add(fig)
        for dim, k in zip(dims, keys):
            out[dim].setdefault(k, Figures()).add(fig)
    if "unit" in out:
        tops = top_units(out["unit"])
        rolled: dict = {}
        for unit_id, fig in out["unit"].items():
            top = tops.get(unit_id)
            rolled.setdefault(top.pk if top else None, Figures()).add(fig)
        out["unit"] = rolled
    return out


def _collect(groups: dict, qs, names: dict, indicator: str) -> None:
    if names:
        rows = [(tuple(r[n] for n in names), r["n"]) for r in qs.annotate(**names).values(*names).annotate(n=Count("pk"))]
    else:
        rows = [((), qs.count())]
    for key, n in rows:
        fig = groups.setdefault(key, Figures())
        setattr(fig, indicator, getattr(fig, indicator) + n)
