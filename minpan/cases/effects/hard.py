"""情况特殊、难以办结 (Tongliao 第十八条): the lead unit asks to explain instead of answering with a
result; the center (交办单位) agrees or refuses, with its reason. Nothing else changes on the case:
the answer still goes through draft, sign-off, submit and review (see cases.hard_cases)."""
from __future__ import annotations

from .. import hard_cases
from ..errors import RuleViolation
from ..states import Action
from .base import effect, required


@effect(Action.ASK_HARD_CASE)
def ask_hard_case(ctx, *, reason: str):
    if not ctx.policy.reply_content.hard_case_explained:
        raise RuleViolation(f"《{ctx.policy.document}》未设难以办结留言的解释程序：答复须写明办理结果或依据。")
    now = hard_cases.status(ctx.case)
    if now == hard_cases.ASKED:
        raise RuleViolation("已申请解释答复，待交办单位决定。")
    if now == hard_cases.AGREED:
        raise RuleViolation("交办单位已同意解释答复，无需再申请。")
    return {"reason": required(reason, "情况特殊、难以办结的理由")}


def _asked(ctx) -> None:
    if hard_cases.status(ctx.case) != hard_cases.ASKED:
        raise RuleViolation("没有待决定的解释答复申请。")


@effect(Action.AGREE_HARD_CASE)
def agree_hard_case(ctx, *, reason: str = ""):
    _asked(ctx)
    reason = (reason or "").strip()
    return {"reason": reason} if reason else {}


@effect(Action.REFUSE_HARD_CASE)
def refuse_hard_case(ctx, *, reason: str):
    _asked(ctx)
    return {"reason": required(reason, "不同意的理由")}
