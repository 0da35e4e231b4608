"""统计看板 for the center and city leaders: the indicators of a period (minpan.reports), the
period before, charts drawn on the server as SVG, and behind every number the list of its cases.
Units' staff get 403: the figures cover every unit's cases."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone

from minpan.reports import charts
from minpan.reports.indicators import DIMENSIONS, INDICATORS, NAMES, breakdowns, cases_behind, figures
from minpan.reports.periods import Period, PeriodError
from minpan.reports.summary import LABELS, UNSET
from minpan.units.models import Unit
from minpan.units.roles import CENTER_ROLES

from .common import forbidden, role_labels, staff_roles

# The figures on the page's tiles, and for a rate or a number of days the list its link opens.
TILES = [
    ("received", None), ("accepted", None), ("not_accepted", None), ("answered", None),
    ("answered_on_time", None), ("fell_due", None), ("fell_due_on_time", None), ("on_time_rate", "fell_due_on_time"),
    ("overdue_open", None), ("rated", None), ("satisfied", None), ("satisfaction_rate", "satisfied"),
    ("extensions", None), ("returns", None), ("send_backs", None), ("send_back_rate", "send_backs"),
    ("avg_working_days", "answered"), ("median_working_days", "answered"), ("callbacks", None), ("merged", None),
]
RATES = {"on_time_rate", "satisfaction_rate", "send_back_rate"}
LISTED = dict(TILES)
MONTHS = 6  # the trend chart: this many months up to the period's last
PER_PAGE = 50


def _center_only(request):
    roles = staff_roles(request.user)
    if not roles & CENTER_ROLES:
        return None, forbidden(request, "统计看板汇总了各单位的留言，只对中心工作人员、督查人员和市领导开放。")
    return roles, None


def _period(request) -> tuple[Period, str]:
    """The period asked for, or the last full month with the reason the asked one was refused."""
    first, last = request.GET.get("from"), request.GET.get("to")
    if first or last:
        try:
            return Period.parse(first or "", last or ""), ""
        except PeriodError as exc:
            error = str(exc)
    else:
        error = ""
    month_ago = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    return Period.month(month_ago.year, month_ago.month), error


def list_url(period: Period, name: str, by: str | None = None, key=None) -> str:
    query = {"i": name, "from": period.first.isoformat(), "to": period.last.isoformat()}
    if by:
        query.update(by=by, key="none" if key is None else key)
    return f"{reverse('desk:stats_cases')}?{urlencode(query)}"


def shown(name: str, value) -> str:
    if value is None:
        return "—"
    if name in RATES:
        return f"{value:.1%}"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


@login_required
def dashboard(request):
    roles, refused = _center_only(request)
    if refused:
        return refused
    period, error = _period(request)
    every = breakdowns(period, ("unit",))
    now, before = every[None][None].as_dict(), figures(period.previous())[None].as_dict()
    tiles = [{
        "name": NAMES[name], "value": shown(name, now[name]), "previous": shown(name, before[name]),
        "href": list_url(period, target or name),
    } for name, target in TILES]
    by_unit = every["unit"]
    units = Unit.objects.in_bulk([k for k in by_unit if k is not None])
    rows = sorted(((units[k], f.as_dict()) for k, f in by_unit.items() if k is not None), key=lambda r: r[0].path)
    table = [{
        "unit": u.name,
        "cells": [(shown(n, f[n]), list_url(period, LISTED.get(n) or n, "unit", u.pk)) for n in UNIT_COLUMNS],
    } for u, f in rows]
    due = [(u, f) for u, f in rows if f["fell_due"]]
    on_time = charts.horizontal("各单位按时办结率", [
        (u.name, f["on_time_rate"] or 0, f"{f['fell_due_on_time']}/{f['fell_due']} · {shown('on_time_rate', f['on_time_rate'])}",
         list_url(period, "fell_due", "unit", u.pk)) for u, f in due
    ], top=1.0)
    overdue = charts.horizontal("各单位期末逾期未办结", [
        (u.name, f["overdue_open"], str(f["overdue_open"]), list_url(period, "overdue_open", "unit", u.pk))
        for u, f in rows if f["overdue_open"]
    ], colour="#c53030")
    return render(request, "desk/dashboard.html", {
        "roles": role_labels(roles), "period": period, "previous": period.previous(), "error": error,
        "tiles": tiles, "table": table, "columns": [NAMES[n] for n in UNIT_COLUMNS],
        "charts": [c for c in (on_time, overdue, _trend(period)) if c.bars],
    })


UNIT_COLUMNS = ["received", "answered", "fell_due", "fell_due_on_time", "on_time_rate", "overdue_open",
                "rated", "satisfaction_rate", "extensions", "returns", "send_backs"]


def _trend(period: Period) -> charts.Chart:
    """Received and answered in each of the months up to the period's last."""
    groups = []
    year, month = period.last.year, period.last.month
    for back in range(MONTHS - 1, -1, -1):
        index = year * 12 + month - 1 - back
        m = Period.month(index // 12, index % 12 + 1)
        f = figures(m, only={"received", "answered"})[None]
        groups.append((f"{m.first.month}月", [(f.received, list_url(m, "received")), (f.answered, list_url(m, "answered"))]))
    return charts.columns("近六个月收到与答复", groups, [("收到", "#2b6cb0"), ("答复", "#2f855a")])


@login_required
def cases_page(request):
    """The cases behind one number of the dashboard."""
    roles, refused = _center_only(request)
    if refused:
        return refused
    period, error = _period(request)
    name, by, key = request.GET.get("i") or "received", request.GET.get("by") or None, request.GET.get("key")
    if name not in INDICATORS or (by is not None and by not in DIMENSIONS) or error:
        raise Http404("没有这项统计。")
    group = ""
    if by == "unit":
        unit = None
        if key != "none":
            unit = Unit.objects.filter(pk=int(key) if (key or "").isdigit() else 0).first()
            if unit is None:
                raise Http404("没有这个单位。")
        key, group = (unit.pk if unit else None), (unit.name if unit else "无承办单位")
    elif by:
        key = key or ""
        group = LABELS[by].get(key, key) if key else UNSET
    qs = cases_behind(period, name, by, key).select_related("lead_unit").order_by("-received_at", "-pk")
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "desk/dashboard_cases.html", {
        "roles": role_labels(roles), "period": period, "name": NAMES[name], "group": group, "page": page,
        "query": query.urlencode(), "back": f"{reverse('desk:stats')}?{urlencode({'from': period.first, 'to': period.last})}",
    })


# included by minpan/desk/urls.py
urlpatterns = [
    path("stats/", dashboard, name="stats"),
    path("stats/cases/", cases_page, name="stats_cases"),
]
