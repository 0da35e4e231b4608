"""The monthly report (月报) and special report (专报) downloaded from the 统计看板: the same
documents as `minpan report monthly|special` (minpan.reports.document, DOCX in GB/T 9704's
layout, or the same data as XLSX), for the roles that see the dashboard. A GET: reads only."""
from __future__ import annotations

import datetime as dt
import io
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone

from minpan.audit import trail
from minpan.reports import document, facts, summary, workbook
from minpan.reports.periods import Period, PeriodError

from .dashboard import _center_only

TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _refused(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def _last_month() -> Period:
    """Nothing chosen: the last full month, as the dashboard shows."""
    month_ago = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    return Period.month(month_ago.year, month_ago.month)


@login_required
def report_file(request, kind: str):
    _, refused = _center_only(request)
    if refused:
        return refused
    get = request.GET
    fmt = get.get("format") or "docx"
    if fmt not in TYPES:
        return _refused("文件格式只能是 docx 或 xlsx。")
    title = (get.get("title") or "").strip()[:100]
    try:
        if kind == "monthly":
            period, scope = facts.month(get["month"]) if get.get("month") else _last_month(), facts.Scope()
        else:
            period = Period.parse(get.get("from") or "", get.get("to") or "") if get.get("from") or get.get("to") else _last_month()
            scope = facts.Scope.parse(topic=get.get("topic") or "", domain=get.get("domain") or "", unit=get.get("unit") or "")
    except (PeriodError, facts.ScopeError) as exc:
        return _refused(str(exc))
    out = io.BytesIO()
    if fmt == "xlsx":
        workbook.write(summary.stats(period) if not scope else facts.scoped_stats(period, scope), out)
    else:
        document.write(facts.gather(period, scope), out, policy_name=settings.MINPAN_POLICY, special=kind == "special", title=title)
    trail.note(request, f"{period.first}至{period.last} {fmt}{'，' + scope.words() if scope else ''}"[:200])
    resp = HttpResponse(out.getvalue(), content_type=TYPES[fmt])
    when = f"{period.first:%Y-%m}" if kind == "monthly" else f"{period.first}_{period.last}"
    name = f"{'月报' if kind == 'monthly' else '专报'}-{when}.{fmt}"
    resp["Content-Disposition"] = f"attachment; filename=\"{kind}-{when}.{fmt}\"; filename*=UTF-8''{quote(name)}"
    return resp


# included by minpan/desk/urls.py
urlpatterns = [
    path("stats/monthly/", report_file, {"kind": "monthly"}, name="stats_monthly"),
    path("stats/special/", report_file, {"kind": "special"}, name="stats_special"),
]
