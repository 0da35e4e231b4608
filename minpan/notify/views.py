"""Staff pages of notify: the inbox and the leader's view of supervision."""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from minpan.cases.access import ended_for, held_cases, is_center, unit_paths, visible_cases
from minpan.cases.errors import CaseError, NotPermitted
from minpan.cases.models import Case
from minpan.cases.states import AWAITING_UNIT_ANSWER, OPEN_STATES, State
from minpan.cases.transitions import apply
from minpan.params import whole_number
from minpan.policies.active import active_policy
from minpan.units.people import roles_of
from minpan.units.roles import CENTER_ROLES, Role

from .letters import AlreadyIssued
from .models import Letter, LetterState, Notification, Preference

LEADER_VIEW_ROLES = {Role.CITY_LEADER, Role.SUPERVISOR, Role.CENTER_OPERATOR, Role.CENTER_REVIEWER, Role.ADMIN}


def _roles(user) -> frozenset[str]:
    return roles_of(user)


def _role_labels(roles) -> str:
    return "、".join(Role(r).label for r in sorted(roles))


@login_required
def inbox(request):
    notes = Notification.objects.filter(recipient=request.user).select_related("case").order_by("-created_at")
    page = Paginator(notes, 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    held, left = _held(request.user, page.object_list)
    return render(request, "notify/inbox.html", {
        "page": page, "roles": _role_labels(_roles(request.user)), "held": held, "left": left,
    })


def _held(user, notes) -> tuple[set[int], set[int]]:
    """(the cases whose deadline the notices may show, the cases the reader's units held once but
    no longer). A unit's member sees the deadline only while one of their units holds the case:
    after a 退办, 改派 or 撤回 it is another unit's."""
    ids = {n.case_id for n in notes if n.case_id}
    if not ids or is_center(user) or not unit_paths(user):
        return ids, set()
    held = set(held_cases(user).filter(pk__in=ids).values_list("pk", flat=True))
    once = set(visible_cases(user).filter(pk__in=ids - held).values_list("pk", flat=True)) if ids - held else set()
    return held, once


@login_required
@require_POST
def mark_read(request):
    notes = Notification.objects.filter(recipient=request.user, read_at__isnull=True)
    if request.POST.get("id"):
        pk = whole_number(request.POST["id"])
        if pk is None:  # a forged or mangled form: never "mark everything read" by mistake
            raise Http404("没有这条通知")
        notes = notes.filter(pk=pk)
    notes.update(read_at=timezone.now())
    return redirect("notify:inbox")


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["email", "sms"]
        widgets = {"email": forms.RadioSelect, "sms": forms.RadioSelect}


@login_required
def preference_page(request):
    """通知方式: whether notices also come by e-mail and by text message. A GET only reads (no row
    is made until the person saves a choice)."""
    pref = Preference.objects.filter(user=request.user).first() or Preference(user=request.user)
    form = PreferenceForm(request.POST or None, instance=pref)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "通知方式已保存。")
        return redirect("notify:settings")
    phone = request.user.memberships.exclude(phone="").values_list("phone", flat=True).first() or ""
    return render(request, "notify/settings.html", {
        "form": form, "email": request.user.email, "phone": phone, "roles": _role_labels(_roles(request.user)),
    }, status=400 if form.errors else 200)


@login_required
def leader_view(request):
    roles = _roles(request.user)
    if not roles & LEADER_VIEW_ROLES:
        raise PermissionDenied("督办视图仅供市领导、督查室和中心人员使用。")
    now = timezone.now()
    open_states = [s.value for s in AWAITING_UNIT_ANSWER]
    supervised = (
        Case.objects.filter(supervised=True, state__in=open_states).select_related("lead_unit").order_by("due_at")[:200]
    )
    overdue_by_unit = list(
        Case.objects.filter(state__in=open_states, due_at__lt=now, lead_unit__isnull=False)
        .values("lead_unit__name").annotate(n=Count("pk")).order_by("-n", "lead_unit__name")
    )
    letters = Letter.objects.select_related("case").order_by("-created_at")[:100]
    # Xizang 第五条(二): answers the reviewer has prepared, waiting for the leader's 审定
    to_approve = (
        Case.objects.filter(state=State.SUBMITTED, prepared_at__isnull=False).select_related("lead_unit").order_by("prepared_at")[:200]
    )
    # 一事一报 (Chizhou 第九条(二)): a city leader sees what was reported to them, with the case page's 批示
    reported = Case.objects.filter(reported_to__isnull=False, state__in=[s.value for s in OPEN_STATES]).select_related("lead_unit", "reported_to")
    if Role.CITY_LEADER in roles and not roles & {Role.SUPERVISOR, Role.CENTER_OPERATOR, Role.ADMIN}:
        reported = reported.filter(reported_to=request.user)
    # 实地督查 (Chizhou 第九条(四)): instructed cases whose on-site supervision is not yet recorded
    on_site = Case.objects.filter(on_site_due=True, state__in=[s.value for s in OPEN_STATES]).select_related("lead_unit")
    return render(request, "notify/leader.html", {
        "reported": reported.order_by("reported_at")[:200], "on_site": on_site.order_by("due_at")[:200],
        "supervised": supervised, "overdue_by_unit": overdue_by_unit, "letters": letters, "now": now,
        "to_approve": to_approve, "review": active_policy().review,
        # the chart's bars are <meter>s on one scale, the unit with most overdue cases the longest
        "overdue_top": max((row["n"] for row in overdue_by_unit), default=0),
        "can_approve": Role.CITY_LEADER in roles, "roles": _role_labels(roles),
    })


@login_required
def letter_page(request, pk: int):
    letter = get_object_or_404(Letter.objects.select_related("case"), pk=pk)
    # the letter is about a case: whoever may see the case may read its letters, nobody else
    if not visible_cases(request.user).filter(pk=letter.case_id).exists():
        raise Http404("没有这份文书")
    ended = ended_for(request.user, letter.case)
    if ended is not None and letter.created_at > ended:  # issued to the unit that holds it now
        raise Http404("没有这份文书")
    if letter.state != LetterState.ISSUED and not _roles(request.user) & CENTER_ROLES:  # drafts and refused ones
        raise Http404("没有这份文书")
    return render(request, "notify/letter.html", _letter_context(request.user, letter))


@login_required
@require_POST
def approve_letter(request, pk: int):
    # Who may approve, and the letter's issuing, are the approve_bulletin action's (letters.issue_approved).
    letter = get_object_or_404(Letter, pk=pk)
    try:
        apply(letter.case_id, "approve_bulletin", actor=request.user, letter=letter.pk)
    except AlreadyIssued:
        pass  # a second click: the first one issued it
    except CaseError as exc:
        raise PermissionDenied(str(exc)) from None
    return redirect("notify:leader")


@login_required
@require_POST
def refuse_letter(request, pk: int):
    # 不同意印发: the refuse_bulletin action, with the leader's reason (letters.refuse_drafted sets the letter aside)
    letter = get_object_or_404(Letter, pk=pk)
    try:
        apply(letter.case_id, "refuse_bulletin", actor=request.user, letter=letter.pk, reason=request.POST.get("reason", ""))
    except AlreadyIssued:
        pass  # already decided: the letter page shows how
    except NotPermitted as exc:
        raise PermissionDenied(str(exc)) from None
    except CaseError as exc:
        return render(request, "notify/letter.html", _letter_context(request.user, letter, error=str(exc)), status=400)
    return redirect("notify:letter", pk=letter.pk)


def _letter_context(user, letter: Letter, error: str = "") -> dict:
    return {"letter": letter, "error": error,
            "may_decide": letter.state == LetterState.DRAFT and Role.CITY_LEADER in _roles(user)}
