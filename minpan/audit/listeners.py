"""What the audit trail hears: Django's sign-in signals and the core's actions (after commit)."""
from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from minpan.cases import hooks
from minpan.cases.states import Action
from minpan.portal.limits import client_ip

from .models import Result, What
from .trail import record

# The core's actions that are audited, as the trail names them.
AUDITED = {
    Action.DISPATCH: What.DISPATCH,
    # 派单异议: each decision sends the case somewhere, and may revise the 派单目录 with it
    Action.ACCEPT_DISPUTE: What.DISPUTE_DECIDED,
    Action.REJECT_DISPUTE: What.DISPUTE_DECIDED,
    Action.DIRECT_ANSWER: What.DIRECT_ANSWER,
    Action.SIGN_OFF: What.SIGN_OFF,
    Action.SUBMIT: What.SUBMIT,
    Action.PUBLISH: What.PUBLISH,
}
OUTCOMES = {Action.ACCEPT_DISPUTE: "异议成立", Action.REJECT_DISPUTE: "异议不成立"}
ACTORLESS = {"citizen": "网民", "system": "系统"}


def register() -> None:
    user_logged_in.connect(signed_in, dispatch_uid="minpan.audit.signed_in")
    user_logged_out.connect(signed_out, dispatch_uid="minpan.audit.signed_out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="minpan.audit.sign_in_failed")
    for action in AUDITED:
        hooks.listen(action, acted)


def _address(request) -> str:
    return client_ip(request) if request is not None else ""


def _where(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def signed_in(sender, request, user, **kwargs) -> None:
    record(action=What.SIGN_IN, result=Result.ALLOWED, user=user, address=_address(request), detail=_where(request))


def signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(action=What.SIGN_OUT, result=Result.ALLOWED, user=user, address=_address(request), detail=_where(request))


def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    # Django has already replaced the password in `credentials`; the name typed is kept as typed
    # (cut short), since a failed sign-in names no account for sure.
    name = str(credentials.get("username") or "")
    record(action=What.SIGN_IN, result=Result.FAILED, who=name, address=_address(request), detail=_where(request))


def acted(applied: hooks.Applied) -> None:
    actor = applied.actor
    record(
        action=AUDITED[applied.action], result=Result.ALLOWED, user=actor,
        who="" if actor is not None else ACTORLESS.get(applied.role, applied.role), role=applied.role,
        object_type="case", object_id=applied.case.pk, at=applied.at,
        detail=f"{applied.case.reference} {OUTCOMES[applied.action]}" if applied.action in OUTCOMES else applied.case.reference,
    )
