"""What the 统计看板 shows for a period: the tiles (each figure against the period before), the
table by unit, and the charts; every number with the link to the cases behind it, which the
page makes with `link(period, indicator, by, key)` (this module knows no URLs)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from minpan.policies.active import active_policy
from minpan.units.models import Unit

from . import charts
from .indicators import LOOK_BACK, NAMES, breakdowns, by_month, figures
from .periods import Period

# The figures on the tiles, and for a rate or a number of days the figure whose cases its link lists.
TILES = [
    ("received", None), ("accepted", None), ("not_accepted", None), ("answered", None),
    ("answered_on_time", None), ("fell_due", None), ("fell_due_on_time", None), ("on_time_rate", "fell_due_on_time"),
    ("overdue_open", None), ("rated", None), ("satisfied", None), ("satisfaction_rate", "satisfied"),
    ("extensions", None), ("returns", None), ("send_backs", None), ("send_back_rate", "send_backs"),
    ("avg_working_days", "answered"), ("median_working_days", "answered"), ("callbacks", None), ("merged", None),
]
# 回头看 (Chizhou 第九条(七)): shown where the policy in force looks back, or where the period counted any
LOOK_BACK_TILES = [(name, None) for name in LOOK_BACK]
LISTED = {name: target or name for name, target in TILES + LOOK_BACK_TILES}
UNIT_COLUMNS = ["received", "answered", "fell_due", "fell_due_on_time", "on_time_rate", "overdue_open",
                "rated", "satisfaction_rate", "extensions", "returns", "send_backs", "callbacks"]
RATES = {"on_time_rate", "satisfaction_rate", "send_back_rate"}
MONTHS = 6  # the trend chart: this many months up to the period's last

Link = Callable[..., str]


@dataclass
class Board:
    period: Period
    previous: Period
    tiles: list[dict]
    columns: list[str]
    table: list[dict]
    charts: list[charts.Chart]


def shown(name: str, value) -> str:
    if value is None:
        return "—"
    if name in RATES:
        return f"{value:.1%}"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def board(period: Period, link: Link) -> Board:
    every = breakdowns(period, ("unit",))
    now, before = every[None][None].as_dict(), figures(period.previous())[None].as_dict()
    looks_back = active_policy().follow_up.look_back or any(now[n] or before[n] for n in LOOK_BACK)
    tiles = [{"name": NAMES[n], "value": shown(n, now[n]), "previous": shown(n, before[n]), "href": link(period, LISTED[n])}
             for n, _ in TILES + (LOOK_BACK_TILES if looks_back else [])]
    by_unit = every["unit"]
    units = Unit.objects.in_bulk([k for k in by_unit if k is not None])
    rows = sorted(((units[k], f.as_dict()) for k, f in by_unit.items() if k is not None), key=lambda r: r[0].tree_order)
    table = [{"unit": u.name, "cells": [(shown(n, f[n]), link(period, LISTED.get(n, n), "unit", u.pk)) for n in UNIT_COLUMNS]}
             for u, f in rows]
    on_time = charts.horizontal("各单位按时办结率", [
        (u.name, f["on_time_rate"] or 0, f"{f['fell_due_on_time']}/{f['fell_due']} · {shown('on_time_rate', f['on_time_rate'])}",
         link(period, "fell_due", "unit", u.pk)) for u, f in rows if f["fell_due"]
    ], top=1.0)
    overdue = charts.horizontal("各单位期末逾期未办结", [
        (u.name, f["overdue_open"], str(f["overdue_open"]), link(period, "overdue_open", "unit", u.pk))
        for u, f in rows if f["overdue_open"]
    ], colour="#c53030")
    return Board(
        period=period, previous=period.previous(), tiles=tiles, columns=[NAMES[n] for n in UNIT_COLUMNS], table=table,
        charts=[c for c in (on_time, overdue, trend(period, link)) if c.bars],
    )


def trend(period: Period, link: Link) -> charts.Chart:
    """Received and answered in each of the months up to the period's last."""
    year, month = period.last.year, period.last.month
    months = []
    for back in range(MONTHS - 1, -1, -1):
        index = year * 12 + month - 1 - back
        months.append(Period.month(index // 12, index % 12 + 1))
    groups: list[tuple[str, list[tuple[float, str]]]] = [
        (f"{m.first.month}月", [(f.received, link(m, "received")), (f.answered, link(m, "answered"))])
        for m, f in zip(months, by_month(months))
    ]
    return charts.columns("近六个月收到与答复", groups, [("收到", "#2b6cb0"), ("答复", "#2f855a")])
