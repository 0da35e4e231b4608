"""Bulk dispatch: the same lead and co-units for several selected cases, one apply() each."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from minpan.cases.access import visible_cases
from minpan.cases.errors import CaseError
from minpan.cases.states import Action
from minpan.cases.transitions import apply
from minpan.params import ids as checked_ids
from minpan.units.roles import Role

from ..forms import DispatchForm
from .common import forbidden, staff_roles


@login_required
@require_POST
def bulk_dispatch(request):
    if Role.CENTER_OPERATOR not in staff_roles(request.user):
        return forbidden(request, "只有受理员可以批量交办。")
    back = request.POST.get("back") or "/desk/q/dispatch/"
    if not back.startswith("/desk/"):
        back = "/desk/q/dispatch/"
    form = DispatchForm(request.POST, policy=None)
    ids = checked_ids(request.POST.getlist("case"), limit=200)
    if not ids:
        messages.error(request, "请先勾选要交办的留言。")
        return redirect(back)
    if not form.is_valid():
        messages.error(request, "请选择牵头单位：" + "；".join(e for errs in form.errors.values() for e in errs))
        return redirect(back)
    done, failed = [], []
    for case in visible_cases(request.user).filter(pk__in=ids).order_by("pk"):
        try:
            apply(case, Action.DISPATCH, actor=request.user, **form.params())
            done.append(case.reference)
        except CaseError as exc:
            failed.append(str(exc))
    if done:
        messages.success(request, f"已交办 {len(done)} 件：{'、'.join(done)}")
    for text in failed:
        messages.error(request, text)
    return redirect(back)
