"""Extensions: the lead unit asks for more working days, the center approves or refuses."""
from __future__ import annotations

import datetime as dt

from minpan.workdays.arith import SHANGHAI, deadline_day, end_of_day, parse_date
from minpan.workdays.service import calendar_around

from ..deadlines import extension_room
from ..errors import NotPermitted, RuleViolation
from ..models import ExtensionRequest, ExtensionState
from ..states import Action
from .base import effect, fmt_due, new_deadline_round, required


@effect(Action.REQUEST_EXTENSION)
def request_extension(ctx, *, days: int, reason: str, promised_date: dt.date | str | None = None, basis: str = "",
                      progress: str = "", writer_note: str = ""):
    rule = ctx.policy.extension
    case = ctx.case
    if not rule.allowed:
        raise RuleViolation(f"《{ctx.policy.document}》未设延期：须在 {ctx.policy.answer_working_days} 个工作日内办结。")
    if ctx.role not in rule.requester_roles:
        raise NotPermitted("延期申请须经承办单位分管负责同志签批。")
    if case.extension_pending:
        raise RuleViolation("已有一份延期申请待审批。")
    if case.coordinated_due:
        # Yuncheng 五(二): the meeting set the limit (限期办理); only another meeting moves it
        raise RuleViolation(f"本件的办结期限由专题协调会议确定（{fmt_due(case.due_at)}），不再申请延期；确需调整的请报中心再次协调。")
    if rule.before_deadline and (case.due_at is None or ctx.now >= case.due_at):
        raise RuleViolation(f"延期须在办理期限（{fmt_due(case.due_at)}）届满前申请。")
    days = _check_days(ctx, days)
    asked = case.extensions.filter(unit=ctx.unit, requested_at__gte=case.clock_started_at).count()
    if rule.max_count is not None and asked >= rule.max_count:
        raise RuleViolation(f"本制度只能申请延期 {rule.max_count} 次，本单位已申请过。")
    reason = required(reason, "延期理由")
    if rule.needs_basis:
        basis = required(basis, "延期依据")
    if rule.needs_progress:
        progress = required(progress, "工作进度（已做的调查核实和处置情况）")
    late = case.due_at is not None and ctx.now >= case.due_at
    if rule.explain_late_to_writer and late:
        writer_note = required(writer_note, "向留言人的解释（已过办理期限：用平实的话说明未能按期答复的原因，不写工作人员姓名和内部意见）")
    if rule.needs_promised_date and not promised_date:
        raise RuleViolation("请填写承诺办结日期。")
    if isinstance(promised_date, str) and promised_date:
        promised_date = parse_date(promised_date)
    if promised_date and promised_date < ctx.now.astimezone(SHANGHAI).date():
        raise RuleViolation("承诺办结日期不能早于今天。")
    if promised_date and case.due_at:
        new_due = calendar_around(deadline_day(case.due_at), days).add(deadline_day(case.due_at), days)
        if promised_date > new_due:
            raise RuleViolation(f"承诺办结日期晚于延期后的期限（{fmt_due(end_of_day(new_due))}）：请增加延长天数或提前承诺日期。")
    # 逐级: a handler's request waits for the unit's leader; a leader's own goes to the center
    endorsing = bool(rule.endorser_roles) and ctx.role not in rule.endorser_roles
    ExtensionRequest.objects.create(
        case=case, unit=ctx.unit, days=days, reason=reason, basis=basis or "",
        progress=(progress or "").strip(), writer_note=(writer_note or "").strip(),
        promised_date=promised_date or None, requested_by=ctx.actor, requested_at=ctx.now,
        state=ExtensionState.ENDORSING if endorsing else ExtensionState.PENDING,
    )
    case.extension_pending = True
    data = {"days": days, "promised_date": promised_date.isoformat() if promised_date else None, "endorsing": endorsing}
    # the progress report is the center's to read on the timeline; the writer's note stays on the request
    if progress:
        data["progress"] = progress.strip()
    if late:
        data["late"] = True  # asked once the deadline had passed (notify tells the writer why)
    return data


@effect(Action.ENDORSE_EXTENSION)
def endorse_extension(ctx, *, agree: bool | str = True, reason: str = ""):
    """The unit's leader signs the handler's request up to the center, or refuses it with a reason."""
    req = ctx.case.extensions.filter(state=ExtensionState.ENDORSING).first()
    if req is None:
        raise RuleViolation("没有待单位领导签批的延期申请。")
    if ctx.role not in ctx.policy.extension.endorser_roles:
        raise NotPermitted("延期申请须由本单位分管负责同志或主要负责同志签批。")
    agree = agree in (True, "yes", "true", "1", "on")
    req.endorsed_by, req.endorsed_at = ctx.actor, ctx.now
    if agree:
        req.state = ExtensionState.PENDING
        req.save(update_fields=["state", "endorsed_by", "endorsed_at"])
        return {"days": req.days, "agree": True}
    _decide(ctx, req, ExtensionState.REFUSED, required(reason, "不同意上报的理由"))
    return {"days": req.days, "agree": False, "reason": req.decision_note}


def _check_days(ctx, days) -> int:
    rule = ctx.policy.extension
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise RuleViolation(f"延长天数必须是整数：{days!r}") from None
    if days <= 0:
        raise RuleViolation("延长天数必须大于 0。")
    if rule.max_count is not None and ctx.case.extension_count >= rule.max_count:
        raise RuleViolation(f"本制度只能延期 {rule.max_count} 次，已用完。")
    if rule.max_days_each is not None and days > rule.max_days_each:
        raise RuleViolation(f"每次延期最长 {rule.max_days_each} 个工作日。")
    room = extension_room(ctx.case, ctx.policy)
    if room is not None and days > room:
        raise RuleViolation(f"超过延期上限：最多还能延长 {room} 个工作日。")
    return days


def _pending(ctx) -> ExtensionRequest:
    req = ctx.case.extensions.filter(state=ExtensionState.PENDING).first()
    if req is None:
        if ctx.case.extensions.filter(state=ExtensionState.ENDORSING).exists():
            raise RuleViolation("延期申请尚待承办单位领导签批，签批后再审批。")
        raise RuleViolation("没有待审批的延期申请。")
    if ctx.role != ctx.policy.extension.approver_role:
        raise NotPermitted("延期申请须由交办单位审批。")
    return req


@effect(Action.APPROVE_EXTENSION)
def approve_extension(ctx, *, decision_note: str = ""):
    req = _pending(ctx)
    _check_days(ctx, req.days)  # caps may have changed since the request
    # approved after the deadline passed: the writer is told why, in the unit's words for them
    # (Xizang 第五条(四); notify.writer_listeners, portal.own_case). The deadline here is the old one.
    late = ctx.case.due_at is not None and ctx.now >= ctx.case.due_at
    _decide(ctx, req, ExtensionState.APPROVED, decision_note)
    ctx.case.extension_days += req.days
    ctx.case.extension_count += 1
    new_deadline_round(ctx.case)
    data = {"days": req.days, "extension_days": ctx.case.extension_days}
    if late:
        data.update(late=True, writer_note=req.writer_note)
    return data


@effect(Action.REFUSE_EXTENSION)
def refuse_extension(ctx, *, decision_note: str):
    req = _pending(ctx)
    _decide(ctx, req, ExtensionState.REFUSED, required(decision_note, "不同意的理由"))
    return {"days": req.days}


def _decide(ctx, req, state, note):
    req.state, req.decided_by, req.decided_at, req.decision_note = state, ctx.actor, ctx.now, note
    req.save()
    ctx.case.extension_pending = False
