"""回头看 (Chizhou 第九条(七)): the center draws a sample of closed cases for a period and sees each
sample's cases and what checking them found. The result is recorded on the case page
(Action.LOOK_BACK); a case found 未落实 is reopened there (重新办理). Center people only."""
from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from minpan.cases import lookback
from minpan.cases.errors import CaseError
from minpan.cases.models import LookBackItem, LookBackResult
from minpan.plain_errors import plain_errors
from minpan.policies.active import active_policy
from minpan.units.roles import CENTER_ROLES, Role

from .common import forbidden, role_labels, staff_roles

SHOWN = 12  # the latest samples listed
# who draws: the office that checks (受理员, 督查); leaders and reviewers read
DRAWERS = frozenset({Role.CENTER_OPERATOR, Role.SUPERVISOR})


class DrawForm(forms.Form):
    since = forms.DateField(label="答复日期自", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="至", widget=forms.DateInput(attrs={"type": "date"}))
    size = forms.IntegerField(label="抽取件数", required=False, min_value=1, max_value=lookback.MAX_SIZE)
    percent = forms.IntegerField(label="或抽取比例（%）", required=False, min_value=1, max_value=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_errors(self)


def _center_only(request):
    roles = staff_roles(request.user)
    if not roles & CENTER_ROLES:
        return None, forbidden(request, "回头看抽查各单位已办结的留言，只对中心工作人员、督查人员和市领导开放。")
    return roles, None


def _page(request, roles, form, status=200):
    shown = list(lookback.samples()[:SHOWN])
    items = LookBackItem.objects.filter(sample__in=shown).select_related("case", "case__lead_unit").order_by("case__answered_at", "pk")
    by_sample: dict[int, list] = {}
    for item in items:
        by_sample.setdefault(item.sample_id, []).append(item)
    return render(request, "desk/lookback.html", {
        "roles": role_labels(roles), "form": form, "may_draw": bool(roles & DRAWERS),
        "in_force": active_policy().follow_up.look_back,
        "samples": [{"sample": s, "items": by_sample.get(s.pk, [])} for s in shown],
        "not_done": LookBackResult.NOT_DONE,
    }, status=status)


@login_required
def look_back_page(request):
    roles, refused = _center_only(request)
    if refused:
        return refused
    today = timezone.localdate()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    form = DrawForm(initial={"since": last_month, "until": today, "percent": 10})  # a suggestion: last month on
    return _page(request, roles, form)


@login_required
@require_POST
def look_back_draw(request):
    roles, refused = _center_only(request)
    if refused:
        return refused
    if not roles & DRAWERS:
        return forbidden(request, "回头看抽查由受理员或督查人员抽取。")
    form = DrawForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            sample = lookback.draw(since=data["since"], until=data["until"], size=data["size"], percent=data["percent"],
                                   by=request.user, now=timezone.now())
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已从 {sample.pool} 件已办结留言中抽取 {sample.items.count()} 件，请逐件核查并记录结果。")
            return redirect("desk:look_back")
    return _page(request, roles, form, status=400)


# included by minpan/desk/urls.py
urlpatterns = [
    path("look-back/", look_back_page, name="look_back"),
    path("look-back/draw/", look_back_draw, name="look_back_draw"),
]
