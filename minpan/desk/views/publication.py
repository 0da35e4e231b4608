"""公开预览: the text as it will be published, and the reviewer's choices on it.

The preview on the case page and the copy written at publication come from the same function
(cases.publication.public_text), so the reviewer sees exactly what will be published. A choice
(mask one more piece, keep a false positive visible, take either back) is the case action 调整公开隐去,
taken through transitions.apply like any other.
"""
from __future__ import annotations

from collections.abc import Set as AbstractSet

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from minpan.cases.access import case_for
from minpan.cases.errors import CaseError, NotPermitted
from minpan.cases.identity import writer_terms
from minpan.cases.page_rows import citizen_of, page_rows
from minpan.cases.publication import MANUAL, is_writers_own, public_text
from minpan.cases.states import Action, State
from minpan.cases.transitions import Standing, apply, can_take
from minpan.policies.active import policy_named
from minpan.redaction import LABELS
from minpan.units.roles import CENTER_ROLES

from .common import forbidden, staff_roles

PREVIEW_STATES = frozenset({State.SUBMITTED, State.APPROVED})
CHOICES = {"add": "隐去", "keep": "取消隐去（保留）", "unkeep": "撤销保留", "unmask": "撤销隐去"}
KINDS = {**LABELS, "writer": "留言人登记信息", "text": "文字"}
FIELDS = ("add", "keep", "unkeep", "unmask", "reason")


def preview_context(user, case, roles: AbstractSet[str], known: Standing | None = None) -> dict | None:
    """The 公开预览 panel for center staff while the answer is under review and the writer agreed
    to publication; None otherwise."""
    if case.state not in PREVIEW_STATES or not (roles & CENTER_ROLES) or not case.may_publish:
        return None
    if not policy_named(case.policy_name).publication.public_allowed:
        return None
    text = public_text(case)
    chosen = case.publish_masks or {}
    history = [
        {"event": e, "choice": CHOICES.get(e.data.get("choice"), ""), "kind": KINDS.get(e.data.get("kind"), ""),
         "shown": e.data.get("shown", ""), "length": e.data.get("length"), "reason": e.data.get("reason", "")}
        for e in _masks(case)
    ]
    names, extra = writer_terms(citizen_of(case))
    # the writer's own details stay hidden without their separate consent: no button offered
    masks = [{"piece": p, "locked": not case.publish_personal and p.kind != MANUAL and is_writers_own(p.original, names, extra)}
             for p in text.masks()]
    return {
        "text": text, "masks": masks, "manual": MANUAL,
        "masked": list(chosen.get("mask", [])), "kept": list(chosen.get("keep", [])),
        "history": history, "may_mask": can_take(user, case, Action.MASK, known),
    }


def _masks(case) -> list:
    loaded = page_rows(case)
    if loaded is not None:
        return [e for e in loaded.events if e.action == Action.MASK]
    return list(case.events.filter(action=Action.MASK).order_by("seq"))


@login_required
@require_POST
def mask(request, pk: int):
    case = case_for(request.user, pk)
    if not (staff_roles(request.user) & CENTER_ROLES):
        raise Http404("没有这条留言")  # units never see the public preview
    # the event's JSON keeps these; PostgreSQL's jsonb refuses NUL, and no text to mask has one
    params = {name: request.POST.get(name, "").replace("\x00", "") for name in FIELDS}
    try:
        apply(case, Action.MASK, actor=request.user, **params)
    except NotPermitted as exc:
        return forbidden(request, str(exc))
    except CaseError as exc:
        messages.error(request, f"{case.reference}：{exc}")
    else:
        messages.success(request, f"{case.reference}：已{Action.MASK.label}。")
    return redirect(reverse("desk:case", args=[case.pk]) + "#publication")
