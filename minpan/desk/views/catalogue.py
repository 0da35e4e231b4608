"""派单目录 in the desk: the center reads the catalogue in force (or on any past day), edits a matter
(each save a new version with the reason), and exports or imports it as Excel. Reading is for the
center, supervisors and leaders; editing for the center's operators. Units' staff get 403."""
from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from minpan.cases.states import Domain
from minpan.catalogue import excel
from minpan.catalogue.models import Matter
from minpan.catalogue.selectors import in_force
from minpan.catalogue.services import CatalogueError, current, matter_create, matter_revise
from minpan.plain_errors import plain_errors
from minpan.units.models import Level, Unit
from minpan.units.roles import CENTER_ROLES, Role
from minpan.workdays.arith import SHANGHAI

from ..forms import UnitsField
from .common import forbidden, role_labels, staff_roles

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EDITORS = frozenset({Role.CENTER_OPERATOR})
NOT_YOURS = "派单目录由中心维护，只对中心工作人员、督查人员和市领导开放。"


def _units():
    return Unit.objects.filter(active=True).exclude(level=Level.CENTER).only("pk", "name", "path")


class MatterForm(forms.Form):
    name = forms.CharField(label="事项名称", max_length=100)
    keywords = forms.CharField(label="关键词和别名", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text="留言中常用的说法，以空格或顿号分隔；两字的词须是完整的词才算匹配")
    lead_unit = forms.ModelChoiceField(label="牵头单位", queryset=Unit.objects.none(), empty_label="请选择")
    co_units = UnitsField(label="配合单位", queryset=Unit.objects.none(), required=False,  # refuses ids past the database's integers
                          widget=forms.SelectMultiple(attrs={"size": 5}))
    legal_basis = forms.CharField(label="职责依据", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    answer_days = forms.IntegerField(label="答复时限（工作日）", required=False, min_value=1, max_value=60)
    in_force = forms.BooleanField(label="有效", required=False, initial=True, help_text="取消勾选即停用：不再用于派单建议，历史版本保留")
    reason = forms.CharField(label="修改理由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_errors(self)
        self.fields["lead_unit"].queryset = self.fields["co_units"].queryset = _units()


class NewMatterForm(MatterForm):
    code = forms.SlugField(label="事项编码", max_length=40, help_text="字母、数字和连字符，如 urban-streetlight")
    domain = forms.ChoiceField(label="领域", choices=Domain.choices)
    parent = forms.ModelChoiceField(label="上级事项", queryset=Matter.objects.all(), required=False, empty_label="（无）")
    field_order = ["code", "domain", "parent"]


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")
    reason = forms.CharField(label="导入理由", max_length=200, initial="按年度派单目录更新")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_errors(self)


def _center(request):
    roles = staff_roles(request.user)
    return roles if roles & CENTER_ROLES else None


def _day(text: str | None) -> dt.datetime | None:
    try:
        day = dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
    return dt.datetime.combine(day, dt.time.max, tzinfo=SHANGHAI) if day else None


def _list(request, roles, *, new=None, upload=None, imported=None, status=200):
    at = _day(request.GET.get("at"))
    return render(request, "desk/catalogue.html", {
        "roles": role_labels(roles), "may_edit": bool(roles & EDITORS), "rows": in_force(at),
        "at": request.GET.get("at") if at else "", "new": new or NewMatterForm(), "upload": upload or ImportForm(),
        "imported": imported,
    }, status=status)


@login_required
def catalogue_page(request):
    roles = _center(request)
    if roles is None:
        return forbidden(request, NOT_YOURS)
    return _list(request, roles)


@login_required
@require_POST
def matter_new(request):
    roles = _center(request)
    if roles is None or not roles & EDITORS:
        return forbidden(request, "派单目录由中心受理员维护。")
    form = NewMatterForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("in_force", None)  # a new matter is in force; it is withdrawn by a later version
        try:
            v = matter_create(by=request.user, **data)
        except CatalogueError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"已新建事项 {v.matter.code}（第1版）。")
            return redirect("desk:matter", pk=v.matter_id)
    return _list(request, roles, new=form, status=400)


@login_required
def matter_page(request, pk: int):
    roles = _center(request)
    if roles is None:
        return forbidden(request, NOT_YOURS)
    matter = get_object_or_404(Matter, pk=pk)
    return _matter(request, roles, matter)


def _matter(request, roles, matter, form=None, status=200):
    versions = list(matter.versions.select_related("lead_unit", "edited_by").prefetch_related("co_units"))
    latest = versions[0] if versions else None
    if form is None and latest is not None:
        form = MatterForm(initial={**current(latest), "reason": ""})
    return render(request, "desk/matter.html", {
        "roles": role_labels(roles), "matter": matter, "versions": versions, "latest": latest,
        "form": form, "may_edit": bool(roles & EDITORS), "domain": Domain(matter.domain).label,
        "disputes": matter.disputes.select_related("case", "unit").order_by("-returned_at")[:20],
    }, status=status)


@login_required
@require_POST
def matter_edit(request, pk: int):
    roles = _center(request)
    if roles is None or not roles & EDITORS:
        return forbidden(request, "派单目录由中心受理员维护。")
    matter = get_object_or_404(Matter, pk=pk)
    form = MatterForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            v = matter_revise(matter=matter, by=request.user, reason=reason, **data)
        except CatalogueError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"已保存为第{v.number}版。" if v else "内容没有变化，未新增版本。")
            return redirect("desk:matter", pk=matter.pk)
    return _matter(request, roles, matter, form, status=400)


@login_required
def catalogue_export(request):
    if _center(request) is None:
        return forbidden(request, NOT_YOURS)
    at = _day(request.GET.get("at"))
    name = f"派单目录-{(at or timezone.now()).astimezone(SHANGHAI):%Y%m%d}.xlsx"
    resp = HttpResponse(excel.export_xlsx(at), content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename=\"catalogue.xlsx\"; filename*=UTF-8''{quote(name)}"
    return resp


@login_required
@require_POST
def catalogue_import(request):
    roles = _center(request)
    if roles is None or not roles & EDITORS:
        return forbidden(request, "派单目录由中心受理员维护。")
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _list(request, roles, upload=form, status=400)
    upload = form.cleaned_data["file"]
    if upload.size > excel.MAX_BYTES:
        form.add_error("file", f"文件超过 {excel.MAX_BYTES // 1024 // 1024} MB。")
        return _list(request, roles, upload=form, status=400)
    result = excel.import_xlsx(upload.read(), by=request.user, reason=f"Excel 导入：{form.cleaned_data['reason']}")
    if result.errors:
        return _list(request, roles, upload=form, imported=result, status=400)
    messages.success(request, f"导入完成：新建 {len(result.created)} 项，修订 {len(result.revised)} 项，未变 {result.unchanged} 项。")
    return redirect("desk:catalogue")


urlpatterns = [
    path("catalogue/", catalogue_page, name="catalogue"),
    path("catalogue/new/", matter_new, name="matter_new"),
    path("catalogue/export.xlsx", catalogue_export, name="catalogue_export"),
    path("catalogue/import/", catalogue_import, name="catalogue_import"),
    path("catalogue/<int:pk>/", matter_page, name="matter"),
    path("catalogue/<int:pk>/edit/", matter_edit, name="matter_edit"),
]
