"""Initial review and registration: accept, not accept, merge and its undoing, classify, and
the center's direct answer to a simple consultation."""
from __future__ import annotations

import datetime as dt

from minpan.policies.codes import MESSAGE_TYPES, NOT_ACCEPTED_REASONS
from minpan.workdays.arith import SHANGHAI

from .. import events, publication
from ..errors import RuleViolation
from ..identity import mask_for_units
from ..models import Case, Counter
from ..states import Action, Domain, State, Urgency
from .base import effect, new_reply, required


@effect(Action.ACCEPT)
def accept(ctx):
    return {}


@effect(Action.NOT_ACCEPT)
def not_accept(ctx, *, reason: str, explanation: str, suggested_channel: str):
    if reason not in ctx.policy.not_accepted_reasons:
        allowed = "、".join(NOT_ACCEPTED_REASONS[r] for r in ctx.policy.not_accepted_reasons)
        raise RuleViolation(f"不予受理理由“{NOT_ACCEPTED_REASONS.get(reason, reason)}”不在本制度范围内。可选：{allowed}")
    case = ctx.case
    case.not_accepted_reason = reason
    case.not_accepted_explanation = required(explanation, "不予受理说明")
    case.suggested_channel = required(suggested_channel, "建议的反映渠道")
    publication.make_copy(case, ctx.now)  # the 不予受理 notice, where the writer agreed to publication
    return {"reason": reason}


@effect(Action.MERGE)
def merge(ctx, *, target):
    """并单: close a repeat into the earlier case its writer will follow. The documents list
    "正在办理过程中或办理完毕的重复事项" among what is not accepted (Tongliao 第五条, Naiman
    第七条(六), Xizang 第四条); merging is the gentler form: the writer is not turned away but
    pointed at the case that answers the same question."""
    case = ctx.case
    earlier = _merge_root(case, target)
    if (earlier.received_at, earlier.pk) >= (case.received_at, case.pk):
        raise RuleViolation(f"只能并入较早收到的留言：{earlier.reference} 晚于 {case.reference}。")
    if earlier.state == State.RECEIVED:
        raise RuleViolation(f"{earlier.reference} 尚未初审，请先对该件作出受理决定再并单。")
    if earlier.state == State.NOT_ACCEPTED or (earlier.not_accepted_reason and earlier.answered_at is None):
        raise RuleViolation(f"{earlier.reference} 已不予受理，不能并入；如属同一事项，请按重复事项不予受理并说明。")
    case.merged_into = earlier
    # the earlier case's timeline shows the merge too
    events.append(
        case=earlier, actor=ctx.actor, role=ctx.role, unit=ctx.unit, at=ctx.now, action=Action.MERGE,
        before=earlier.state, after=earlier.state, note=f"并入 {case.reference}",
        data={"merged": case.pk, "merged_ref": case.reference},
    )
    # notify tells the writer once committed (its listener, cases.hooks): the earlier case's
    # reference only, never its text, writer or unit
    return {"into": earlier.pk, "into_ref": earlier.reference}


@effect(Action.UNMERGE)
def unmerge(ctx, *, reason: str):
    """撤销并单: the message was not the same matter after all. It returns to initial review (its
    answer clock starts again when it is accepted); both timelines say so; the writer is told
    (by notify, after commit) it will be handled on its own."""
    case = ctx.case
    reason = required(reason, "撤销并单的理由")
    earlier = case.merged_into
    case.merged_into = None
    if earlier is not None:
        earlier = Case.objects.select_for_update().get(pk=earlier.pk)
        events.append(
            case=earlier, actor=ctx.actor, role=ctx.role, unit=ctx.unit, at=ctx.now, action=Action.UNMERGE,
            before=earlier.state, after=earlier.state, note=f"撤销并入 {case.reference}：{reason}",
            data={"merged": case.pk, "merged_ref": case.reference},
        )
    return {"reason": reason, "into": earlier.pk if earlier else None, "into_ref": earlier.reference if earlier else ""}


def _merge_root(case, target):
    """The case `target` names, followed along merged_into to the case still being handled;
    locked, since its timeline gets an event."""
    pk = target.pk if isinstance(target, Case) else target
    seen = {case.pk}
    while True:
        try:
            if not 0 < int(pk) < 2**53:
                raise ValueError(pk)
            earlier = Case.objects.select_for_update().get(pk=int(pk))
        except (Case.DoesNotExist, TypeError, ValueError):
            raise RuleViolation(f"没有要并入的留言 {pk!r}。") from None
        if earlier.pk in seen:
            raise RuleViolation("不能并入本件自身，或并入已并入本件的留言。")
        if earlier.state != State.MERGED or earlier.merged_into_id is None:
            return earlier
        seen.add(earlier.pk)
        pk = earlier.merged_into_id


@effect(Action.CLASSIFY)
def classify(ctx, *, msg_type: str, domain: str, urgency: str = Urgency.NORMAL, identity_withheld: bool | None = None):
    if msg_type not in ctx.policy.message_types:
        allowed = "、".join(MESSAGE_TYPES[t] for t in ctx.policy.message_types)
        raise RuleViolation(f"留言类型“{MESSAGE_TYPES.get(msg_type, msg_type)}”不在本制度范围内。可选：{allowed}")
    if domain not in Domain.values:
        raise RuleViolation(f"领域 {domain!r} 无效。")
    if urgency not in Urgency.values:
        raise RuleViolation(f"缓急 {urgency!r} 无效。")
    case = ctx.case
    case.msg_type, case.domain, case.urgency = msg_type, domain, urgency
    if identity_withheld is not None:
        case.identity_withheld = bool(identity_withheld)
    mask_for_units(case)
    if not case.reg_no:
        case.reg_no = _next_reg_no(ctx.now)
    return {"msg_type": msg_type, "domain": domain, "urgency": urgency, "reg_no": case.reg_no}


def _next_reg_no(now: dt.datetime) -> str:
    year = now.astimezone(SHANGHAI).year
    Counter.objects.bulk_create([Counter(year=year)], ignore_conflicts=True)
    counter = Counter.objects.select_for_update().get(year=year)
    counter.value += 1
    counter.save(update_fields=["value"])
    return f"{year}-{counter.value:06d}"


@effect(Action.DIRECT_ANSWER)
def direct_answer(ctx, *, body: str, knowledge: int | None = None):
    # DOMAIN: a simple consultation (咨询) may be answered by the center directly (Yuncheng 五(二):
    # 依据相关规定); `knowledge` names the 知识库 entry it was taken from, checked by that app.
    if ctx.case.msg_type != "consult":
        raise RuleViolation("只有咨询类留言可由中心直接答复，其他类型须交办承办单位。")
    reply = new_reply(ctx, body=body, unit=None, by_center=True)
    return {"reply_version": reply.version, **({"knowledge": int(knowledge)} if knowledge else {})}
