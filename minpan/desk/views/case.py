"""The case page and the one view that takes an action through transitions.apply."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from minpan.audit import trail
from minpan.cases.access import case_for
from minpan.cases.errors import CaseError, NotPermitted
from minpan.cases.page_rows import keep_assignments
from minpan.cases.states import Action
from minpan.cases.transitions import TABLE, apply, can_take, roles_for
from minpan.notify.inbox import open_case
from minpan.policies.active import policy_named

from ..casepage import case_context
from ..forms import FORMS
from .common import forbidden, role_labels, staff_roles


@login_required
def case_page(request, pk: int):
    # the writer's row and portal form come with the case: the page shows both (identity permitting)
    case = case_for(request.user, pk, related=("citizen", "portal_submission"))
    roles = staff_roles(request.user)
    context = case_context(request.user, case, roles)
    context["roles"] = role_labels(roles)
    # A write on GET by design (tests/test_get_writes_nothing.py): opening the case is reading
    # the notices that led here, so the header's unread count drops as the work is found. The
    # count left is the header's (notify.context.inbox), in the same query.
    request.minpan_unread = open_case(request.user, case, now=timezone.now())
    trail.note(request, "显示留言人身份信息" if context["identity"] else "")
    return render(request, "desk/case.html", context)


def _done(case, action: Action, roles) -> str:
    """What the actor is told, with what comes next when it is someone else's turn."""
    text = f"{case.reference}：已{action.label}。"
    policy = policy_named(case.policy_name)
    if action == Action.APPROVE:
        publishers = policy.publication.publisher_roles
        text += "请在下方发布答复。" if roles & set(publishers) else "已通知受理员发布答复，您无需再操作。"
    elif action == Action.PREPARE:
        text += f"已通知{policy.review.approver_title or '领导'}审定，审定结果将通知您。"
    elif action == Action.RETURN_PREPARED:
        text += "已通知审核员重新整理。"
    return text


@login_required
@require_POST
def case_act(request, pk: int, action: str):
    case = case_for(request.user, pk)
    try:
        action = Action(action)
        form_class = FORMS[action]
    except (ValueError, KeyError):
        raise Http404("没有这个操作") from None
    roles = staff_roles(request.user)
    move = TABLE[action]
    # 403 for anyone whose post or unit may not take it; a stale page (state moved on) gets the core's message.
    if not (roles & roles_for(case, action)) or (case.state in move.sources and not can_take(request.user, case, action)):
        return forbidden(request, f"您无权对 {case.reference} 执行“{action.label}”。")
    form = form_class(request.POST, case=case, user=request.user, policy=policy_named(case.policy_name))
    error = ""
    if form.is_valid():
        try:
            apply(case, action, actor=request.user, **form.params())
        except NotPermitted as exc:
            return forbidden(request, str(exc))
        except CaseError as exc:
            error = str(exc)
            form.add_error(None, error)
        else:
            messages.success(request, _done(case, action, roles))
            return redirect("desk:case", pk=case.pk)
    else:
        error = "请按提示修改后重新提交。"
    case.refresh_from_db()
    keep_assignments(case, None)  # read again with the case: another step may have moved it on
    context = case_context(request.user, case, roles, bound=form, error=error)
    context["roles"] = role_labels(roles)
    return render(request, "desk/case.html", context, status=400)
