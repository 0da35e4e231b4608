"""渠道对账: for the center, each channel's month — received, answered, still open — and the files that
go back to it (answers in its back office's columns, the 对账销号 list). Units' staff get 403: the
lists cover every unit's cases."""
from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from minpan.intake import export
from minpan.policies.active import active_policy
from minpan.policies.codes import CHANNELS
from minpan.units.roles import CENTER_ROLES

from .common import forbidden, role_labels, staff_roles

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _month(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(f"{text}-01") if text else timezone.localdate().replace(day=1)
    except ValueError:
        return None


@login_required
def channels_page(request):
    roles = staff_roles(request.user)
    if not roles & CENTER_ROLES:
        return forbidden(request, "渠道对账汇总了各单位的留言，只对中心工作人员、督查人员和市领导开放。")
    month = _month(request.GET.get("month"))
    if month is None:
        return render(request, "desk/channels.html", {"error": "月份应写作 2026-11。", "roles": role_labels(roles)}, status=400)
    rows = []
    for code in active_policy().channels:
        _, still_open, counts = export.reconcile(code, month)
        rows.append({"code": code, "name": CHANNELS[code], "counts": counts, "total": sum(counts.values()),
                     "open": still_open.rows[:20], "more": max(0, len(still_open.rows) - 20)})
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    following = (month + dt.timedelta(days=32)).replace(day=1)
    return render(request, "desk/channels.html", {
        "rows": rows, "month": f"{month:%Y-%m}", "label": f"{month:%Y年%m月}", "roles": role_labels(roles),
        "previous": f"{previous:%Y-%m}", "next": f"{following:%Y-%m}",
    })


@login_required
def channel_file(request, channel: str, kind: str, month: str):
    roles = staff_roles(request.user)
    if not roles & CENTER_ROLES:
        return forbidden(request, "渠道对账汇总了各单位的留言，只对中心工作人员、督查人员和市领导开放。")
    first = _month(month)
    if channel not in CHANNELS or kind not in ("replies", "reconcile") or first is None:
        return HttpResponse("没有这个渠道、文件或月份。", status=404, content_type="text/plain; charset=utf-8")
    if kind == "replies":
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        sheets = [export.replies(channel, first, last)]
        name = f"{CHANNELS[channel]}-答复回传-{month}.xlsx"
    else:
        table, still_open, _ = export.reconcile(channel, first)
        sheets = [table, still_open]
        name = f"{CHANNELS[channel]}-对账销号-{month}.xlsx"
    resp = HttpResponse(export.as_xlsx(*sheets), content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename=\"{channel}-{kind}-{month}.xlsx\"; filename*=UTF-8''{quote(name)}"
    return resp


urlpatterns = [
    path("channels/", channels_page, name="channels"),
    path("channels/<slug:channel>/<str:month>/<slug:kind>.xlsx", channel_file, name="channel_file"),
]
