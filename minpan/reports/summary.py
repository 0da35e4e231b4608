"""The statistics of a period as one plain object: the totals, the same for the period before
(环比), and the breakdowns by unit, channel, message type and domain. What `minpan report stats`
prints as JSON and writes as XLSX."""
from __future__ import annotations

from minpan.cases.states import Domain
from minpan.policies.codes import CHANNELS, MESSAGE_TYPES
from minpan.units.models import Unit

from .indicators import Figures, breakdowns, figures
from .periods import Period

LABELS = {"channel": CHANNELS, "type": MESSAGE_TYPES, "domain": dict(Domain.choices)}
UNSET = "未分类"


def stats(period: Period) -> dict:
    every = breakdowns(period)
    before = period.previous()
    out = {
        "from": period.first.isoformat(), "to": period.last.isoformat(),
        **every[None][None].as_dict(),
        "previous": {"from": before.first.isoformat(), "to": before.last.isoformat(), **figures(before)[None].as_dict()},
        "by_unit": unit_rows(every["unit"]),
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
    ordered = sorted((units[k] for k in rows if k is not None), key=lambda u: u.path)
    return [{"unit": u.name, **rows[u.pk].as_dict()} for u in ordered]


def _order(labels: dict, key) -> tuple:
    codes = list(labels)
    return (key not in codes, codes.index(key) if key in codes else 0, key or "")
