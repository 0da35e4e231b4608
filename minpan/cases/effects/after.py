"""After the answer: the writer's rating, the callback, reopening and archiving; and what
leaders do at any time: instructions, and the approval of a letter to be issued."""
from __future__ import annotations

import datetime as dt

from minpan.units.roles import Role
from minpan.workdays.arith import deadline_day, local_date

from ..errors import NotPermitted, RuleViolation
from ..states import Action, Rating
from .base import effect, fmt_due, latest_reply, reachable, required, void_pending_extensions
from .oversight import instruction_given


def may_explain_delay(case, now: dt.datetime) -> bool:
    """A reason for the delay may be reported from the deadline's day on (the desk asks the same)."""
    return case.due_at is not None and local_date(now) >= deadline_day(case.due_at)


@effect(Action.RATE)
def rate(ctx, *, rating: str, comment: str = ""):
    case = ctx.case
    if not ctx.policy.follow_up.rating:
        raise RuleViolation("本制度不设网民评价。")
    if rating not in Rating.values:
        raise RuleViolation("请选择 满意、基本满意 或 不满意。")
    if case.rating:
        raise RuleViolation("已经评价过了。")
    case.rating, case.rating_comment = rating, (comment or "").strip()[:2000]
    if rating == Rating.UNSATISFIED:
        case.callback_due = True
    return {"rating": rating}


# 追问: a short text, as the portal's form says
FOLLOW_UP_MIN, FOLLOW_UP_MAX = 10, 1000


@effect(Action.FOLLOW_UP)
def follow_up(ctx, *, text: str):
    """The writer who rated the answer 不满意 follows it up, once. The text stays on the case (like
    the body, it is the writer's message to the center); the event records only that it came and
    its length. It waits for a callback (待回访), which answers it."""
    case = ctx.case
    if case.rating != Rating.UNSATISFIED:
        raise RuleViolation("对答复评价“不满意”后才能追问。")
    if case.follow_up_at is not None:
        raise RuleViolation("已经追问过了：每条留言只能追问一次。")
    text = (text or "").strip()
    if not FOLLOW_UP_MIN <= len(text) <= FOLLOW_UP_MAX:
        raise RuleViolation(f"追问内容须为 {FOLLOW_UP_MIN} 到 {FOLLOW_UP_MAX} 个字，现在是 {len(text)} 个字。")
    case.follow_up, case.follow_up_at, case.callback_due = text, ctx.now, True
    return {"length": len(text)}


@effect(Action.CONTACT_WRITER)
def contact_writer(ctx):
    # Xizang 第五条(二): 承办单位对留有联系信息的网友要在办前主动联系. What was said is the event's note.
    required(ctx.note, "联系情况")
    if not reachable(ctx.case):
        raise RuleViolation("留言人未留联系方式，无需办前联系。")
    return {}


@effect(Action.CALLBACK)
def callback(ctx, *, note: str = ""):
    # apply() takes `note` for the event, so the callback record arrives as ctx.note.
    note = required(note or ctx.note, "回访情况")
    case = ctx.case
    if ctx.role == Role.CENTER_OPERATOR and case.lead_unit_id and ctx.policy.follow_up.callback_by_unit:
        raise NotPermitted("本制度由承办单位回访留言人。")
    case.callback_at, case.callback_due = ctx.now, False
    reply = latest_reply(case)
    if reply is not None:
        reply.callback_note = note
        reply.save(update_fields=["callback_note"])
    return {}


@effect(Action.REOPEN)
def reopen(ctx, *, reason: str):
    case = ctx.case
    reason = required(reason, "重新办理的原因")
    case.assignments.filter(active=True).update(active=False, ended_at=ctx.now)
    case.lead_unit = None
    case.clock_started_at = None
    case.reopened_count += 1
    void_pending_extensions(case, "重新办理后作废")
    case.archived_at = None
    case.rating, case.rating_comment, case.callback_due = "", "", False
    return {"reason": reason}


@effect(Action.ARCHIVE)
def archive(ctx):
    case = ctx.case
    if case.callback_due and reachable(case):
        raise RuleViolation("尚未回访留言人，不能归档。")
    case.archived_at = ctx.now
    return {}


@effect(Action.INSTRUCT)
def instruct(ctx, *, text: str, leader_name: str = ""):
    ctx.case.supervised = True
    instruction_given(ctx)  # awaits on-site supervision; a 一事一报 is answered
    return {"text": required(text, "批示内容"), "leader_name": (leader_name or "").strip()}


@effect(Action.EXPLAIN_DELAY)
def explain_delay(ctx, *, reason: str = ""):
    # Yuncheng 五(三): a unit 超过办理期限又未报告说明理由 gets the 催办通知书. The reason is for a
    # deadline missed or being missed: from the deadline's own day on, not before (earlier, the
    # way to more time is an extension).
    if not may_explain_delay(ctx.case, ctx.now):
        when = f"办理期限（{fmt_due(ctx.case.due_at)}）当日起" if ctx.case.due_at else "开始计时后"
        raise RuleViolation(f"尚未逾期：{when}方可报告逾期理由。")
    reason = required(reason or ctx.note, "逾期理由")
    ctx.case.delay_explained_at = ctx.now
    return {"reason": reason}


@effect(Action.APPROVE_BULLETIN)
def approve_bulletin(ctx, *, letter: int):
    # The letter itself (notify.Letter) is issued by notify's contributor, in this transaction.
    return {"letter": int(letter)}


@effect(Action.REFUSE_BULLETIN)
def refuse_bulletin(ctx, *, letter: int, reason: str = ""):
    # The letter is set aside by notify's contributor (letters.refuse_drafted), in this transaction.
    return {"letter": int(letter), "reason": required(reason or ctx.note, "不同意印发的理由")}
