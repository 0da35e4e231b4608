"""通报: the center drafts a period's bulletin from the figures (minpan.bulletins), edits and submits
it; a leader of the role the policy names signs it (签发) or returns it with a reason. Units read
the issued bulletins that name them. Each page offers only the steps the service accepts now."""
from __future__ import annotations

import io
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from minpan.bulletins import services
from minpan.bulletins.drafting import last_period, period_label
from minpan.bulletins.models import Bulletin, BulletinState, Section
from minpan.bulletins.services import may_decide, may_draft, may_edit
from minpan.cases.errors import CaseError, NotPermitted
from minpan.notify.letters import issuing_organ
from minpan.plain_errors import plain_errors
from minpan.policies.active import active_policy, policy_named
from minpan.reports.indicators import NAMES
from minpan.reports.periods import Period, PeriodError
from minpan.units.roles import Role

from .. import documents
from .common import forbidden, role_labels, staff_roles

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SHOWN = 50
COLUMNS = ("fell_due", "fell_due_on_time", "on_time_rate", "overdue_open", "rated", "satisfaction_rate")
RATES = ("on_time_rate", "satisfaction_rate")


class DraftForm(forms.Form):
    first = forms.DateField(label="统计起始日", widget=forms.DateInput(attrs={"type": "date"}))
    last = forms.DateField(label="统计截止日", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_errors(self)


class EditForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    body = forms.CharField(label="正文（每段一行）", widget=forms.Textarea(attrs={"rows": 12}), max_length=20000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_errors(self)


class ReturnForm(forms.Form):
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_errors(self)


def _bulletin(user, pk: int) -> Bulletin:
    """The bulletin if the user may read it; 404 otherwise (a unit never learns of a draft)."""
    found = services.visible(user).filter(pk=pk).select_related("drafted_by", "approved_by").first()
    if found is None:
        raise Http404("没有这份通报")
    return found


@login_required
def bulletin_list(request, form: DraftForm | None = None, status: int = 200):
    policy = active_policy()
    if form is None:
        period = last_period(policy.bulletins.every, timezone.localdate())
        form = DraftForm(initial={"first": period.first, "last": period.last})
    return render(request, "desk/bulletins.html", {
        "roles": role_labels(staff_roles(request.user)), "rules": policy.bulletins, "policy": policy,
        "bulletins": services.visible(request.user).select_related("drafted_by")[:SHOWN],
        "may_draft": may_draft(request.user) and bool(policy.bulletins.kinds), "form": form,
        "approver": Role(policy.bulletins.approver_role).label,
    }, status=status)


@login_required
@require_POST
def bulletin_draft(request):
    if not may_draft(request.user):
        return forbidden(request, "通报由中心工作人员或督查人员拟稿。")
    form = DraftForm(request.POST)
    if form.is_valid():
        try:
            period = Period(form.cleaned_data["first"], form.cleaned_data["last"])
            bulletin = services.bulletin_draft(period=period, by=request.user, now=timezone.now())
        except (PeriodError, CaseError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已根据{period_label(period)}的统计数据拟制通报草稿，请核对修改后报送签批。")
            return redirect("desk:bulletin", bulletin.pk)
    return bulletin_list(request, form, status=400)


def _table(bulletin: Bulletin) -> list[dict]:
    """The lines by section, in the policy's order, each figure formatted as the dashboard does."""
    out = []
    for section in (Section.EXEMPLARY, Section.OVERDUE, Section.PERFUNCTORY):  # the text's order
        lines = [line for line in bulletin.lines if line["section"] == section]
        if lines:
            out.append({"label": "通报表扬" if section == Section.EXEMPLARY else f"通报批评：{section.label}", "lines": [
                {**line, "cells": [_cell(name, line["figures"].get(name)) for name in COLUMNS],
                 "perfunctory": line["figures"].get("perfunctory")} for line in lines]})
    return out


def _cell(name: str, value) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.1f}%" if name in RATES else str(value)


def _context(request, bulletin: Bulletin, **forms_given) -> dict:
    user = request.user
    return {
        "roles": role_labels(staff_roles(user)), "b": bulletin, "table": _table(bulletin),
        "columns": [NAMES[c] for c in COLUMNS], "steps": bulletin.steps.select_related("actor"),
        "heading": policy_named(bulletin.policy_name).bulletins.heading,
        "may_edit": may_edit(user, bulletin), "may_decide": may_decide(user, bulletin),
        "edit_form": forms_given.get("edit") or EditForm(initial={"title": bulletin.title, "body": bulletin.body}),
        "return_form": forms_given.get("back") or ReturnForm(),
        "issued": bulletin.state == BulletinState.ISSUED, "organ": issuing_organ(),
    }


@login_required
def bulletin_page(request, pk: int):
    return render(request, "desk/bulletin.html", _context(request, _bulletin(request.user, pk)))


@login_required
def bulletin_print(request, pk: int):
    return render(request, "desk/bulletin_print.html", _context(request, _bulletin(request.user, pk)))


@login_required
def bulletin_docx(request, pk: int):
    bulletin = _bulletin(request.user, pk)
    resp = HttpResponse(as_docx(bulletin), content_type=DOCX)
    resp["Content-Disposition"] = f"attachment; filename=\"bulletin-{bulletin.pk}.docx\"; filename*=UTF-8''{quote(bulletin.title)}.docx"
    return resp


@login_required
@require_POST
def bulletin_step(request, pk: int, step: str):
    bulletin = _bulletin(request.user, pk)
    now, user = timezone.now(), request.user
    edit = back = None
    try:
        if step == "edit":
            edit = EditForm(request.POST)
            if edit.is_valid():
                services.bulletin_edit(bulletin=bulletin, by=user, now=now, **edit.cleaned_data)
                messages.success(request, "已保存修改。")
                return redirect("desk:bulletin", pk)
        elif step == "submit":
            services.bulletin_submit(bulletin=bulletin, by=user, now=now)
            messages.success(request, "已报送领导签批。")
            return redirect("desk:bulletin", pk)
        elif step == "approve":
            services.bulletin_approve(bulletin=bulletin, by=user, now=now)
            messages.success(request, "已签发，被通报的单位已收到通知。")
            return redirect("desk:bulletin", pk)
        elif step == "return":
            back = ReturnForm(request.POST)
            if back.is_valid():
                services.bulletin_return(bulletin=bulletin, by=user, now=now, reason=back.cleaned_data["reason"])
                messages.success(request, "已退回修改。")
                return redirect("desk:bulletin", pk)
        else:
            raise Http404("没有这个操作")
    except NotPermitted as exc:
        return forbidden(request, str(exc))
    except CaseError as exc:
        messages.error(request, str(exc))
        return redirect("desk:bulletin", pk)
    return render(request, "desk/bulletin.html", _context(request, bulletin, edit=edit, back=back), status=400)


def as_docx(bulletin: Bulletin) -> bytes:
    """The text as a DOCX in GB/T 9704's layout (desk.documents' helpers), its tables after it."""
    book = documents.gbt9704_document()
    heading = policy_named(bulletin.policy_name).bulletins.heading
    documents.add_title(book, heading)
    if bulletin.number:
        documents.add_text(book, bulletin.number, right=True)
    documents.add_title(book, bulletin.title)
    for text in bulletin.paragraphs:
        documents.add_text(book, text)
    for group in _table(bulletin):
        documents.add_text(book, f"附表：{group['label']}", indent=False)
        table = book.add_table(rows=1, cols=len(COLUMNS) + 2)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ["单位", *[NAMES[c] for c in COLUMNS], "留言编号"], strict=True):
            cell.text = text
        for line in group["lines"]:
            values = [line["unit_name"], *line["cells"], "、".join(line["cases"])]
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.text = text
    documents.add_text(book, issuing_organ(), right=True)
    if bulletin.issued_at:
        documents.add_text(book, timezone.localtime(bulletin.issued_at).strftime("%Y年%m月%d日"), right=True)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# included by minpan/desk/urls.py
urlpatterns = [
    path("bulletins/", bulletin_list, name="bulletins"),
    path("bulletins/draft/", bulletin_draft, name="bulletin_draft"),
    path("bulletins/<int:pk>/", bulletin_page, name="bulletin"),
    path("bulletins/<int:pk>/print/", bulletin_print, name="bulletin_print"),
    path("bulletins/<int:pk>.docx", bulletin_docx, name="bulletin_docx"),
    path("bulletins/<int:pk>/<slug:step>/", bulletin_step, name="bulletin_step"),
]
