"""知识库 in the desk: every staff member reads and searches it; the center (受理员, 审核员) and an
entry's owner unit write it; only the center's reviewer approves, and an edit withdraws the approval
until then. Searched from the case page too (the direct answer's 知识库参考)."""
from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from minpan.knowledge import entries
from minpan.knowledge.answers import answered_from_knowledge, uses_by_entry
from minpan.knowledge.models import Entry, in_force
from minpan.knowledge.search import search
from minpan.plain_errors import plain_errors
from minpan.policies.active import active_policy
from minpan.units.models import Unit
from minpan.units.roles import STAFF_ROLES, UNIT_ROLES, Role

from .common import forbidden, role_labels, staff_roles

CENTER_WRITERS = frozenset({Role.CENTER_OPERATOR, Role.CENTER_REVIEWER, Role.ADMIN})
APPROVERS = frozenset({Role.CENTER_REVIEWER, Role.ADMIN})
TABS = {"in_force": "在用", "pending": "待审核", "expired": "已过期"}
LISTED = 200


class EntryForm(forms.ModelForm):
    class Meta:
        model = Entry
        fields = ["title", "questions", "answer", "basis", "owner", "valid_from", "valid_until"]
        widgets = {
            "questions": forms.Textarea(attrs={"rows": 3}), "answer": forms.Textarea(attrs={"rows": 8}),
            "valid_from": forms.DateInput(attrs={"type": "date"}), "valid_until": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].empty_label = "请选择"
        plain_errors(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", "有效期至不能早于生效日期。")
        return data


def _owners(user, roles):
    """The units whose entries this person may write: any, at the center; their own, in a unit."""
    if roles & CENTER_WRITERS:
        return Unit.objects.filter(active=True).order_by("level", "name")
    if roles & UNIT_ROLES:
        return Unit.objects.filter(members__user=user, members__role__in=UNIT_ROLES).distinct()
    return Unit.objects.none()


def _may_edit(user, roles, entry: Entry | None) -> bool:
    if roles & CENTER_WRITERS:
        return True
    if not roles & UNIT_ROLES:
        return False
    return entry is None or _owners(user, roles).filter(pk=entry.owner_id).exists()


def _staff(request):
    roles = staff_roles(request.user)
    if not roles & STAFF_ROLES:
        return None, forbidden(request, "知识库只对中心和承办单位工作人员开放。")
    return roles, None


@login_required
def knowledge_page(request):
    roles, refused = _staff(request)
    if refused:
        return refused
    today = timezone.localdate()
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "in_force"
    q = (request.GET.get("q") or "").replace("\x00", "").strip()[:500]
    found = None
    if tab == "in_force" and q:
        found = search(q, day=today, limit=20)
    rows = Entry.objects.select_related("owner").order_by("title", "pk")
    rows = {"in_force": rows.filter(in_force(today)), "pending": rows.filter(approved_at__isnull=True),
            "expired": rows.filter(approved_at__isnull=False, valid_until__lt=today)}[tab]
    if q and tab != "in_force":
        rows = rows.filter(title__icontains=q)
    month_start = today.replace(day=1)
    if found is not None:
        uses = uses_by_entry(today - dt.timedelta(days=365), today)
        found = [{"found": f, "uses": uses.get(f.entry.pk, 0)} for f in found]
    return render(request, "desk/knowledge.html", {
        "roles": role_labels(roles), "tabs": TABS, "tab": tab, "q": q, "found": found,
        "rows": list(rows[:LISTED]) if found is None else [], "may_write": bool(_owners(request.user, roles).exists()),
        "answered_this_month": answered_from_knowledge(month_start, today),
        # the direct answer's basis is Yuncheng's article: cited where Yuncheng's policy is in force, not under another's
        "cites_yuncheng": active_policy().name == "yuncheng",
    })


def _entry_page(request, roles, entry, form, status=200):
    return render(request, "desk/knowledge_entry.html", {
        "roles": role_labels(roles), "entry": entry, "form": form,
        "may_edit": _may_edit(request.user, roles, entry),
        "may_approve": entry is not None and entry.pk is not None and not entry.approved and bool(roles & APPROVERS),
        "in_force": entry is not None and entry.pk is not None and entry.approved and entry.valid_on(timezone.localdate()),
    }, status=status)


@login_required
def entry_page(request, pk=None):
    roles, refused = _staff(request)
    if refused:
        return refused
    entry = get_object_or_404(Entry.objects.select_related("owner", "approved_by", "created_by"), pk=pk) if pk else None
    may_edit = _may_edit(request.user, roles, entry)
    if request.method == "POST":
        if not may_edit:
            return forbidden(request, "只有中心受理员、审核员和该条目的责任单位可以修改知识库条目。")
        form = EntryForm(request.POST, instance=entry or Entry(), owners=_owners(request.user, roles))
        if form.is_valid():
            saved = entries.save(form.instance, by=request.user, now=timezone.now())
            messages.success(request, f"已保存《{saved.title}》，经中心审核员审核后供受理员采用。")
            return redirect("desk:knowledge_entry", pk=saved.pk)
        return _entry_page(request, roles, entry, form, status=400)
    if entry is None and not may_edit:
        return forbidden(request, "只有中心受理员、审核员和承办单位工作人员可以新增知识库条目。")
    form = EntryForm(instance=entry, owners=_owners(request.user, roles),
                     initial=None if entry else {"valid_from": timezone.localdate()}) if may_edit else None
    return _entry_page(request, roles, entry, form)


@login_required
@require_POST
def entry_approve(request, pk):
    roles, refused = _staff(request)
    if refused:
        return refused
    if not roles & APPROVERS:
        return forbidden(request, "知识库条目由中心审核员审核。")
    entry = get_object_or_404(Entry, pk=pk)
    if entry.approved:
        messages.info(request, f"《{entry.title}》已审核，无须重复审核。")
    else:
        entries.approve(entry, by=request.user, now=timezone.now())
        messages.success(request, f"《{entry.title}》已审核通过，有效期内向受理员推荐。")
    return redirect("desk:knowledge_entry", pk=entry.pk)


# included by minpan/desk/urls.py
urlpatterns = [
    path("knowledge/", knowledge_page, name="knowledge"),
    path("knowledge/new/", entry_page, name="knowledge_new"),
    path("knowledge/<int:pk>/", entry_page, name="knowledge_entry"),
    path("knowledge/<int:pk>/approve/", entry_approve, name="knowledge_approve"),
]
