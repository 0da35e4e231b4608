"""单位考核 (issue 15): each unit's score for a month or a year under the policy in force, the
ranking, and behind each score the events that moved it, each linking to its case.

The center's people and city leaders see every unit and may download the workbook; a unit's
staff see their own unit's score and events only (a unit of the tree's first level: a sub-unit's
cases count for it, so its staff are refused, as they may not see its other cases). Checked here,
on the server, for every unit asked for: another unit is 404."""
from __future__ import annotations

import datetime as dt
import io
from urllib.parse import quote, urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone

from minpan.policies.active import active_policy
from minpan.reports import assessment_book
from minpan.reports.assessment import ADDED, KINDS, as_dict, assess, period_of, units_seen_by
from minpan.reports.periods import Period, PeriodError
from minpan.units.roles import CENTER_ROLES

from .common import forbidden, role_labels, staff_roles

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONTHS = [("", "全年")] + [(f"{m:02}", f"{m} 月") for m in range(1, 13)]


def _allowed(request):
    """(roles, the units seen or None for all, a refusal)."""
    roles = staff_roles(request.user)
    seen = units_seen_by(request.user)
    if seen is not None and not seen:
        return roles, seen, forbidden(request, "单位考核以一级单位（含下属单位）为对象：只对中心工作人员、督查人员、"
                                              "市领导和被考核单位本单位的工作人员开放。")
    return roles, seen, None


def _period(request) -> tuple[Period, str, str, str]:
    """The month or year asked for (year=2026&month=05, month empty: the whole year), or the last
    full month with the reason the asked one was refused."""
    year, month = (request.GET.get("year") or "").strip(), (request.GET.get("month") or "").strip()
    error = ""
    if year:
        try:
            return period_of(year, f"{year}-{month}" if month else ""), year, month, ""
        except PeriodError as exc:
            error = str(exc)
    last = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    return Period.month(last.year, last.month), str(last.year), f"{last.month:02}", error


def _query(year: str, month: str) -> str:
    return urlencode({"year": year, "month": month})


@login_required
def ranking(request):
    roles, seen, refused = _allowed(request)
    if refused:
        return refused
    period, year, month, error = _period(request)
    policy = active_policy()
    scores = assess(period, policy)
    if seen is not None:
        scores = [s for s in scores if s.unit.pk in seen]
    rule = policy.assessment
    points = [(label, ("+" if kind in ADDED else "-") + str(getattr(rule, name)))
              for kind, (label, name) in KINDS.items() if getattr(rule, name)]
    return render(request, "desk/assessment.html", {
        "roles": role_labels(roles), "policy": policy, "rule": rule, "points": points, "period": period,
        "year": year, "month": month, "months": MONTHS, "error": error, "everyone": seen is None,
        "ranked": [s for s in scores if s.ranked], "unranked": [s for s in scores if not s.ranked],
        "query": _query(year, month),
    })


@login_required
def unit_detail(request, pk: int):
    roles, seen, refused = _allowed(request)
    if refused:
        return refused
    if seen is not None and pk not in seen:
        raise Http404("没有这个单位。")
    period, year, month, error = _period(request)
    if error:
        raise Http404(error)
    policy = active_policy()
    score = next((s for s in assess(period, policy, items_of={pk}) if s.unit.pk == pk), None)
    if score is None:
        raise Http404("没有这个单位。")
    return render(request, "desk/assessment_unit.html", {
        "roles": role_labels(roles), "policy": policy, "period": period, "score": score,
        "back": f"{reverse('desk:assessment')}?{_query(year, month)}",
    })


@login_required
def export(request):
    roles = staff_roles(request.user)
    if not roles & CENTER_ROLES:
        return forbidden(request, "考核排名表汇总了各单位的得分，只对中心工作人员、督查人员和市领导开放。")
    period, year, month, error = _period(request)
    if error:
        raise Http404(error)
    policy = active_policy()
    out = io.BytesIO()
    assessment_book.write(as_dict(period, policy, assess(period, policy, items_of=None)), out, f"{policy.title} 单位考核（{period}）")
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    name = f"单位考核-{year}{'-' + month if month else ''}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


# included by minpan/desk/urls.py
urlpatterns = [
    path("assessment/", ranking, name="assessment"),
    path("assessment/unit/<int:pk>/", unit_detail, name="assessment_unit"),
    path("assessment/export.xlsx", export, name="assessment_export"),
]
