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

from minpan.ops.replica import on_replica
from minpan.reports.board import board
from minpan.reports.indicators import DIMENSIONS, INDICATORS, NAMES, cases_behind
from minpan.reports.periods import Period, PeriodError
from minpan.reports.summary import LABELS, UNSET
from minpan.units.models import Unit
from minpan.units.roles import CENTER_ROLES

from .common import forbidden, role_labels, staff_roles

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


@login_required
@on_replica
def dashboard(request):
    roles, refused = _center_only(request)
    if refused:
        return refused
    period, error = _period(request)
    return render(request, "desk/dashboard.html", {
        "roles": role_labels(roles), "board": board(period, list_url), "error": error,
    })


@login_required
@on_replica
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
            number = int(key) if key and key.isascii() and key.isdigit() and len(key) < 10 else 0
            unit = Unit.objects.filter(pk=number).first()
            if unit is None:
                raise Http404("没有这个单位。")
        key, group = (unit.pk if unit else None), (unit.name if unit else "无承办单位")
    elif by:
        key = key or ""
        if key and key not in LABELS[by]:
            raise Http404("没有这一类。")
        group = LABELS[by][key] if key else UNSET
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
