"""The statistics of a period as one plain object: the totals, the same for the period before
(环比), and the breakdowns by unit, channel, message type and domain. What `minpan report stats`
prints as JSON and writes as XLSX."""
from __future__ import annotations

from minpan.cases.states import Domain
from minpan.catalogue.disputes import disputed_dispatches
from minpan.knowledge.answers import answered_from_knowledge
from minpan.policies.codes import CHANNELS, MESSAGE_TYPES
from minpan.units.models import Unit

from .indicators import Figures, breakdowns, figures
from .periods import Period

LABELS = {"channel": CHANNELS, "type": MESSAGE_TYPES, "domain": dict(Domain.choices)}
UNSET = "未分类"
DISPUTE_COLUMNS = {"returned": "退回", "disputed": "引用派单目录异议", "accepted": "异议成立", "rejected": "异议不成立",
                   "pending": "待中心决定"}


def stats(period: Period) -> dict:
    every = breakdowns(period)
    before = period.previous()
    out = {
        "from": period.first.isoformat(), "to": period.last.isoformat(),
        **every[None][None].as_dict(),
        "previous": {"from": before.first.isoformat(), "to": before.last.isoformat(), **figures(before)[None].as_dict()},
        "by_unit": unit_rows(every["unit"]),
        # issue 18: consultations the center answered from the 知识库; returns that cited the 派单目录,
        # by the unit that returned them (as returned, not rolled up to the top unit)
        "answered_from_knowledge": answered_from_knowledge(period.first, period.last),
        "disputed_by_unit": [{"unit": r["unit_name"], **{k: r[k] for k in DISPUTE_COLUMNS}}
                             for r in disputed_dispatches(since=period.start, until=period.end)],
    }
    for dim, labels in LABELS.items():
        out[f"by_{dim}"] = [
            {dim: key or "", "label": labels.get(key, key) if key else UNSET, **fig.as_dict()}
            for key, fig in sorted(every[dim].items(), key=lambda kv: _order(labels, kv[0]))
        ]
    return out


def unit_rows(rows: dict[int | None, Figures]) -> list[dict]:
    """One row per top unit that held a case counted in the period, in the unit tree's order;
    cases no unit holds (not yet dispatched, or answered by the center itself) are only in the totals."""
    units = Unit.objects.in_bulk([k for k in rows if k is not None])
    ordered = sorted((units[k] for k in rows if k is not None), key=lambda u: u.tree_order)
    return [{"unit": u.name, **rows[u.pk].as_dict()} for u in ordered]


def _order(labels: dict, key) -> tuple:
    codes = list(labels)
    return (key not in codes, codes.index(key) if key in codes else 0, key or "")
