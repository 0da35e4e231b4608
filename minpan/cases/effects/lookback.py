"""回头看 (Chizhou 第九条(七)): the result of checking that a sampled closed case's measures were
carried out, on its item (cases.lookback) and on the timeline."""
from __future__ import annotations

from ..errors import RuleViolation
from ..models import LookBackItem, LookBackResult, LookBackVia
from ..states import Action
from .base import effect, required


@effect(Action.LOOK_BACK)
def look_back(ctx, *, result: str, via: str):
    if not ctx.policy.follow_up.look_back:
        raise RuleViolation("本制度未规定“回头看”。")
    item = LookBackItem.objects.filter(case=ctx.case).first()
    if item is None:
        raise RuleViolation(f"{ctx.case.reference} 未列入回头看抽查。")
    if item.result:
        raise RuleViolation(f"{ctx.case.reference} 的回头看结果已记录：{LookBackResult(item.result).label}。")
    if result not in LookBackResult.values:
        raise RuleViolation("请选择核查结果：措施已落实、部分落实或未落实。")
    if via not in LookBackVia.values:
        raise RuleViolation("请选择核查方式：回访留言人或核查承办单位。")
    required(ctx.note, "核查情况")
    item.result, item.via, item.recorded_at = result, via, ctx.now
    item.save(update_fields=["result", "via", "recorded_at"])
    return {"result": result, "via": via, "sample": item.sample_id}
