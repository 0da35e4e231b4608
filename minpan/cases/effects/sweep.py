"""The system's steps, taken by notify.sweep (actor None, role SYSTEM) through
transitions.apply_batch: the reminder before the deadline, the overdue ladder, the nudge to the
center and the alarm. Each checks before it changes anything and writes no rows: the sweep
applies them in batches, and a step already taken is refused, never taken twice."""
from __future__ import annotations

import datetime as dt

from minpan.workdays.arith import deadline_text

from ..deadlines import recompute
from ..errors import RuleViolation
from ..states import Action
from .base import effect


@effect(Action.REMIND)
def remind(ctx):
    case = ctx.case
    if case.due_at is None or case.reminded_for == case.due_at:
        raise RuleViolation(f"{case.reference} 本期限已提醒过。")
    case.reminded_for = case.due_at
    if case.phoned_for != case.due_at:  # the center's call already counted this deadline's reminder
        case.prompts += 1
    return {"due_at": case.due_at.isoformat(), "recipient": ctx.policy.reminder.recipient}


# ---- the overdue ladder: the policy's escalation.steps, one rung at a time ----------------

@effect(Action.URGE)
def urge(ctx, *, step: int, overdue_days: int = 0, skipped: str = ""):
    """催办: the lead unit is urged (a 催办通知书 where the policy has one). It counts as a prompt,
    which later rungs may require (min_prompts), unless it was skipped."""
    data = _climb(ctx, Action.URGE, step=step, overdue_days=overdue_days, skipped=skipped)
    if not skipped:
        ctx.case.prompts += 1
    return data


@effect(Action.SUPERVISE)
def supervise(ctx, *, step: int, overdue_days: int = 0, skipped: str = ""):
    """督办: written supervision of the lead unit, its principal to see to it."""
    return _climb(ctx, Action.SUPERVISE, step=step, overdue_days=overdue_days, skipped=skipped)


@effect(Action.TRANSFER)
def transfer(ctx, *, step: int, overdue_days: int = 0, skipped: str = ""):
    """移交: the matter goes to the body the policy names (escalation.transfer_to)."""
    return _climb(ctx, Action.TRANSFER, step=step, overdue_days=overdue_days, skipped=skipped)


@effect(Action.CRITICISE)
def criticise(ctx, *, step: int, overdue_days: int = 0, skipped: str = ""):
    """通报批评: a criticism, drafted for a leader's approval where the policy asks for it."""
    return _climb(ctx, Action.CRITICISE, step=step, overdue_days=overdue_days, skipped=skipped)


@effect(Action.ACCOUNT)
def account(ctx, *, step: int, overdue_days: int = 0, skipped: str = ""):
    """问责: the unit is to be held to account by the usual procedure."""
    return _climb(ctx, Action.ACCOUNT, step=step, overdue_days=overdue_days, skipped=skipped)


def _climb(ctx, kind: Action, *, step: int, overdue_days: int, skipped: str) -> dict:
    # The rung must be the next one and of this kind: a step taken twice, or a policy changed
    # since the sweep chose it, is refused. A skipped rung (the unit explained the delay, too
    # few prompts yet) is still climbed and recorded, with the reason.
    case, steps = ctx.case, ctx.policy.escalation.steps
    if step != case.steps_done or step >= len(steps) or steps[step].kind != kind:
        raise RuleViolation(f"{case.reference} 的第 {step + 1} 步督办已执行或不适用。")
    case.steps_done = step + 1
    return {"step": step, "letter": steps[step].letter, "overdue_days": overdue_days, "skipped": skipped}


# ---- the center's own backlog ------------------------------------------------------------


@effect(Action.NUDGE)
def nudge(ctx, *, since: dt.datetime, waiting: str):
    if ctx.case.nudged_for == since:
        raise RuleViolation(f"{ctx.case.reference} 已提醒中心处理。")
    ctx.case.nudged_for = since
    return {"waiting": waiting, "since": since.isoformat()}


@effect(Action.ALARM)
def alarm(ctx):
    if ctx.case.alarmed:
        raise RuleViolation(f"{ctx.case.reference} 已发超期预警。")
    ctx.case.alarmed = True
    return {"received_at": ctx.case.received_at.isoformat()}


@effect(Action.PUBLISH_LATE)
def publish_late(ctx):
    """Tongliao 第十二条 (当日在网站上公开答复): taken once per publication deadline."""
    case = ctx.case
    if case.publish_due_at is None or case.publish_late_for == case.publish_due_at:
        raise RuleViolation(f"{case.reference} 的发布逾期已督办。")
    case.publish_late_for = case.publish_due_at
    return {"publish_due": deadline_text(case.publish_due_at)}


# ---- a new holiday schedule ----------------------------------------------------------------


@effect(Action.RECALENDAR)
def recalendar(ctx, *, source: str = ""):
    """The deadline counted again on the calendar now loaded; recorded only when it moved or
    became certain (a year whose schedule was missing is loaded)."""
    case = ctx.case
    due, unverified = case.due_at, case.calendar_unverified
    recompute(case, ctx.policy, ctx.now)
    if case.due_at == due and case.calendar_unverified == unverified:
        raise RuleViolation(f"{case.reference} 的期限不受影响。")
    data: dict[str, object] = {"due_before": deadline_text(due) if due else "", "due_after": deadline_text(case.due_at) if case.due_at else "",
            "source": source}
    if unverified and not case.calendar_unverified:
        data["verified"] = True
    return data
