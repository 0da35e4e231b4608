"""The registry of effects (`EFFECTS`, `@effect(action)`) and the helpers the stage modules share."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from minpan.workdays.arith import deadline_text

from ..errors import RuleViolation
from ..models import Assignment, AssignmentRole, Citizen, ExtensionState, Reply
from ..states import Action

EFFECTS: dict[Action, Callable[..., dict | None]] = {}


def effect(action: Action):
    def register(fn):
        if action in EFFECTS:
            raise ValueError(f"two effects for {action}: {EFFECTS[action].__qualname__} and {fn.__qualname__}")
        EFFECTS[action] = fn
        return fn
    return register


def required(value, label: str) -> str:
    text = (value or "").strip()
    if not text:
        raise RuleViolation(f"请填写{label}。")
    return text


def lead_of(case) -> Assignment | None:
    return case.assignments.filter(active=True, role=AssignmentRole.LEAD).first()


def latest_reply(case) -> Reply | None:
    return case.replies.order_by("-version").first()


def the_lead(case) -> Assignment:
    """The active lead assignment, for effects the table allows only while a unit holds the case."""
    lead = lead_of(case)
    if lead is None:
        raise RuleViolation(f"{case.reference} 当前没有承办单位。")
    return lead


def the_reply(case) -> Reply:
    """The latest reply, for effects the table allows only once a reply is drafted."""
    reply = latest_reply(case)
    if reply is None:
        raise RuleViolation(f"{case.reference} 尚无答复稿。")
    return reply


def void_pending_extensions(case, note: str) -> None:
    # A request belongs to one unit's round of handling; a new round starts clean.
    case.extensions.filter(state=ExtensionState.PENDING).update(state=ExtensionState.REFUSED, decision_note=note)
    case.extension_pending = False


def new_reply(ctx, *, body: str, unit, by_center: bool = False, **extra) -> Reply:
    body = required(body, "答复内容")
    last = latest_reply(ctx.case)
    return Reply.objects.create(
        case=ctx.case, version=(last.version + 1) if last else 1, body=body, unit=unit,
        by_center=by_center, drafted_by=ctx.actor, drafted_at=ctx.now,
        callback_note=last.callback_note if last else "", **extra,
    )


def reachable(case) -> bool:
    citizen = Citizen.objects.filter(case=case).first()
    return bool(citizen and citizen.reachable)


def contacted_before_handling(case) -> bool:
    """办前联系 recorded by the unit that holds the case now (since its dispatch)."""
    since = case.assignments.filter(active=True, role=AssignmentRole.LEAD).values_list("dispatched_at", flat=True).first()
    return since is not None and case.events.filter(action=Action.CONTACT_WRITER, at__gte=since).exists()


def called_back(case) -> bool:
    # 办后回访 / 告知办理结果: only a callback made after this round's answer was drafted counts
    # (a contact before handling, 办前联系, does not).
    if not (case.callback_at and case.clock_started_at and case.callback_at >= case.clock_started_at):
        return False
    return case.replies.filter(drafted_at__gte=case.clock_started_at, drafted_at__lte=case.callback_at).exists()


def new_deadline_round(case) -> None:
    # A new deadline: the overdue ladder starts again from its first rung.
    case.steps_done = 0


def fmt_due(moment: dt.datetime | None) -> str:
    return deadline_text(moment) if moment is not None else "未计时"


# Last: each module registers its effects in EFFECTS when imported.
