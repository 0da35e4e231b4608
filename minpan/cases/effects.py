"""What each action checks under the policy and writes, besides the state.

Called only by transitions.apply, inside its transaction with the case locked.
Each returns the data that goes into the event (never the writer's identity).
"""
from __future__ import annotations

import datetime as dt
import logging

from minpan.units.models import Level, Unit
from minpan.units.roles import Role
from minpan.workdays.arith import SHANGHAI, deadline_day, parse_date
from minpan.workdays.service import calendar_around

from . import publication
from .deadlines import extension_room
from .errors import NotPermitted, RuleViolation
from .identity import writer_terms
from .identity import mask_for_units
from .models import Assignment, AssignmentRole, Citizen, Counter, ExtensionRequest, ExtensionState, Reply
from .states import Action, Domain, PublishMode, Rating, State, Urgency
from minpan.policies.codes import MESSAGE_TYPES, NOT_ACCEPTED_REASONS

EFFECTS = {}
logger = logging.getLogger(__name__)


def effect(action):
    def register(fn):
        EFFECTS[action] = fn
        return fn
    return register


def _required(value, label: str) -> str:
    text = (value or "").strip()
    if not text:
        raise RuleViolation(f"请填写{label}。")
    return text


def _lead(case) -> Assignment | None:
    return case.assignments.filter(active=True, role=AssignmentRole.LEAD).first()


def _latest_reply(case) -> Reply | None:
    return case.replies.order_by("-version").first()


# ---- initial review and registration -------------------------------------------------

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
    case.not_accepted_explanation = _required(explanation, "不予受理说明")
    case.suggested_channel = _required(suggested_channel, "建议的反映渠道")
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
    from . import events  # the earlier case's timeline shows the merge too

    events.append(
        case=earlier, actor=ctx.actor, role=ctx.role, unit=ctx.unit, at=ctx.now, action=Action.MERGE,
        before=earlier.state, after=earlier.state, note=f"并入 {case.reference}",
        data={"merged": case.pk, "merged_ref": case.reference},
    )
    return {"into": earlier.pk, "into_ref": earlier.reference}


@effect(Action.UNMERGE)
def unmerge(ctx, *, reason: str):
    """撤销并单: the message was not the same matter after all. It returns to initial review (its
    answer clock starts again when it is accepted); both timelines say so; the writer is told
    it will be handled on its own."""
    case = ctx.case
    reason = _required(reason, "撤销并单的理由")
    earlier = case.merged_into
    case.merged_into = None
    from . import events
    from .models import Case

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
    from .models import Case

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
def direct_answer(ctx, *, body: str):
    # DOMAIN: a simple consultation (咨询) may be answered by the center directly.
    if ctx.case.msg_type != "consult":
        raise RuleViolation("只有咨询类留言可由中心直接答复，其他类型须交办承办单位。")
    reply = _new_reply(ctx, body=body, unit=None, by_center=True)
    return {"reply_version": reply.version}


# ---- dispatch, claim, return ---------------------------------------------------------

@effect(Action.DISPATCH)
def dispatch(ctx, *, lead: Unit, co: list[Unit] | tuple = ()):
    case = ctx.case
    co = [u for u in co if u.pk != lead.pk]
    for unit in [lead, *co]:
        if unit.level == Level.CENTER or not unit.active:
            raise RuleViolation(f"“{unit.name}”不是可交办的承办单位。")
    if len({u.pk for u in co}) != len(co):
        raise RuleViolation("配合单位重复。")
    if not case.reg_no:
        raise RuleViolation("请先分类登记再交办。")
    case.assignments.filter(active=True).update(active=False, ended_at=ctx.now)
    Assignment.objects.create(case=case, unit=lead, role=AssignmentRole.LEAD, dispatched_at=ctx.now)
    Assignment.objects.bulk_create(
        Assignment(case=case, unit=u, role=AssignmentRole.CO, dispatched_at=ctx.now) for u in co
    )
    case.lead_unit = lead
    # A new receipt starts a new clock; extensions belonged to the previous round.
    case.extension_days = case.extension_count = 0
    _void_pending_extensions(case, "重新交办后作废")
    _new_deadline_round(case)
    case.prompts, case.delay_explained_at = 0, None
    case.clock_started_at = ctx.now if ctx.policy.clock_start == "receipt" else None
    return {"lead": lead.pk, "lead_name": lead.name, "co": [u.pk for u in co], "co_names": [u.name for u in co]}


@effect(Action.CLAIM)
def claim(ctx):
    lead = _lead(ctx.case)
    lead.claimed_at, lead.claimed_by = ctx.now, ctx.actor
    lead.save(update_fields=["claimed_at", "claimed_by"])
    if ctx.policy.clock_start == "claim":
        ctx.case.clock_started_at = ctx.now
    return {}


@effect(Action.RETURN)
def return_case(ctx, *, reason: str, basis: str = ""):
    rule = ctx.policy.return_rule
    case = ctx.case
    if not rule.allowed:
        raise RuleViolation(f"《{ctx.policy.document}》未设退办程序：承办单位须办理，或请中心协调。")
    if case.return_due_at is None or ctx.now >= case.return_due_at:
        limit = "收到当日" if rule.window_working_days == 0 else f"收到次日起 {rule.window_working_days} 个工作日内"
        raise RuleViolation(f"退办须在{limit}提出，期限（{_fmt(case.return_due_at)}）已过。")
    if rule.signer_roles and ctx.role not in rule.signer_roles:
        raise NotPermitted("退办须由本单位分管领导签字后提出。")
    reason = _required(reason, "退办原因")
    basis = _required(basis, "退办依据") if rule.needs_basis else (basis or "").strip()
    lead = _lead(case)
    lead.returned_at, lead.return_reason, lead.return_basis = ctx.now, reason, basis
    lead.return_signed_by = ctx.actor if ctx.role in (Role.UNIT_PRINCIPAL, Role.UNIT_DEPUTY) else None
    lead.active, lead.ended_at = False, ctx.now
    lead.save()
    case.assignments.filter(active=True).update(active=False, ended_at=ctx.now)
    case.lead_unit = None
    case.clock_started_at = None
    _void_pending_extensions(case, "退办后作废")
    return {"unit": lead.unit_id, "reason": reason, "basis": basis}


# ---- extensions ----------------------------------------------------------------------

@effect(Action.REQUEST_EXTENSION)
def request_extension(ctx, *, days: int, reason: str, promised_date: dt.date | str | None = None, basis: str = ""):
    rule = ctx.policy.extension
    case = ctx.case
    if not rule.allowed:
        raise RuleViolation(f"《{ctx.policy.document}》未设延期：须在 {ctx.policy.answer_working_days} 个工作日内办结。")
    if ctx.role not in rule.requester_roles:
        raise NotPermitted("延期申请须经承办单位分管负责同志签批。")
    if case.extension_pending:
        raise RuleViolation("已有一份延期申请待审批。")
    if rule.before_deadline and (case.due_at is None or ctx.now >= case.due_at):
        raise RuleViolation(f"延期须在办理期限（{_fmt(case.due_at)}）届满前申请。")
    days = _check_days(ctx, days)
    asked = case.extensions.filter(unit=ctx.unit, requested_at__gte=case.clock_started_at).count()
    if rule.max_count is not None and asked >= rule.max_count:
        raise RuleViolation(f"本制度只能申请延期 {rule.max_count} 次，本单位已申请过。")
    reason = _required(reason, "延期理由")
    if rule.needs_basis:
        basis = _required(basis, "延期依据")
    if rule.needs_promised_date and not promised_date:
        raise RuleViolation("请填写承诺办结日期。")
    if isinstance(promised_date, str) and promised_date:
        promised_date = parse_date(promised_date)
    if promised_date and promised_date < ctx.now.astimezone(SHANGHAI).date():
        raise RuleViolation("承诺办结日期不能早于今天。")
    if promised_date and case.due_at:
        new_due = calendar_around(deadline_day(case.due_at), days).add(deadline_day(case.due_at), days)
        if promised_date > new_due:
            raise RuleViolation(f"承诺办结日期晚于延期后的期限（{new_due} 24:00）：请增加延长天数或提前承诺日期。")
    ExtensionRequest.objects.create(
        case=case, unit=ctx.unit, days=days, reason=reason, basis=basis or "",
        promised_date=promised_date or None, requested_by=ctx.actor, requested_at=ctx.now,
    )
    case.extension_pending = True
    return {"days": days, "promised_date": promised_date.isoformat() if promised_date else None}


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


def _void_pending_extensions(case, note: str) -> None:
    # A request belongs to one unit's round of handling; a new round starts clean.
    case.extensions.filter(state=ExtensionState.PENDING).update(state=ExtensionState.REFUSED, decision_note=note)
    case.extension_pending = False


def _pending(ctx) -> ExtensionRequest:
    req = ctx.case.extensions.filter(state=ExtensionState.PENDING).first()
    if req is None:
        raise RuleViolation("没有待审批的延期申请。")
    if ctx.role != ctx.policy.extension.approver_role:
        raise NotPermitted("延期申请须由交办单位审批。")
    return req


@effect(Action.APPROVE_EXTENSION)
def approve_extension(ctx, *, decision_note: str = ""):
    req = _pending(ctx)
    _check_days(ctx, req.days)  # caps may have changed since the request
    _decide(ctx, req, ExtensionState.APPROVED, decision_note)
    ctx.case.extension_days += req.days
    ctx.case.extension_count += 1
    _new_deadline_round(ctx.case)
    return {"days": req.days, "extension_days": ctx.case.extension_days}


@effect(Action.REFUSE_EXTENSION)
def refuse_extension(ctx, *, decision_note: str):
    req = _pending(ctx)
    _decide(ctx, req, ExtensionState.REFUSED, _required(decision_note, "不同意的理由"))
    return {"days": req.days}


def _decide(ctx, req, state, note):
    req.state, req.decided_by, req.decided_at, req.decision_note = state, ctx.actor, ctx.now, note
    req.save()
    ctx.case.extension_pending = False


# ---- the answer ----------------------------------------------------------------------

@effect(Action.CO_INPUT)
def co_input(ctx, *, text: str):
    a = ctx.case.assignments.get(active=True, role=AssignmentRole.CO, unit=ctx.unit)
    a.co_input, a.co_input_at = _required(text, "配合意见"), ctx.now
    a.save(update_fields=["co_input", "co_input_at"])
    return {"unit": ctx.unit.pk}


@effect(Action.DRAFT)
def draft(ctx, *, body: str, handler_name: str = "", handler_phone: str = ""):
    if ctx.policy.publication.show_handler_contact:
        handler_name = _required(handler_name, "经办人姓名")
        handler_phone = _required(handler_phone, "经办人联系电话")
    reply = _new_reply(ctx, body=body, unit=ctx.unit, handler_name=handler_name, handler_phone=handler_phone)
    return {"reply_version": reply.version}


def _new_reply(ctx, *, body: str, unit, by_center: bool = False, **extra) -> Reply:
    body = _required(body, "答复内容")
    last = _latest_reply(ctx.case)
    return Reply.objects.create(
        case=ctx.case, version=(last.version + 1) if last else 1, body=body, unit=unit,
        by_center=by_center, drafted_by=ctx.actor, drafted_at=ctx.now,
        callback_note=last.callback_note if last else "", **extra,
    )


@effect(Action.SIGN_OFF)
def sign_off(ctx, *, sealed: bool = False):
    rule = ctx.policy.sign_off
    level = rule.level_for(ctx.case.channel)
    if level is None:
        raise RuleViolation("本制度不设承办单位审签，答复可直接报送。")
    if level == "principal" and ctx.role != Role.UNIT_PRINCIPAL:
        raise NotPermitted("此件答复须由承办单位主要负责人审签。")
    if rule.seal and not sealed:
        raise RuleViolation("答复须加盖单位公章。")
    reply = _latest_reply(ctx.case)
    reply.signed_by, reply.signed_at, reply.sealed = ctx.actor, ctx.now, bool(sealed)
    reply.save(update_fields=["signed_by", "signed_at", "sealed"])
    return {"reply_version": reply.version, "level": level, "sealed": bool(sealed)}


@effect(Action.SUBMIT)
def submit(ctx):
    case = ctx.case
    level = ctx.policy.sign_off.level_for(case.channel)
    if level is not None and case.state != State.SIGNED:
        who = "主要负责人" if level == "principal" else "分管领导或主要负责人"
        raise RuleViolation(f"答复须经本单位{who}审签后报送。")
    if ctx.policy.follow_up.callback_before_submit and _reachable(case) and not _called_back(case):
        raise RuleViolation("报送前须回访诉求人并注明回访情况（诉求人未留联系方式的除外）。")
    # textmine adds the reply check's flags to this event (cases.hooks contributor)
    return {"reply_version": _latest_reply(case).version}


def _reachable(case) -> bool:
    citizen = Citizen.objects.filter(case=case).first()
    return bool(citizen and citizen.reachable)


def _called_back(case) -> bool:
    # 办后回访 / 告知办理结果: only a callback made after this round's answer was drafted counts
    # (a contact before handling, 办前联系, does not).
    if not (case.callback_at and case.clock_started_at and case.callback_at >= case.clock_started_at):
        return False
    return case.replies.filter(drafted_at__gte=case.clock_started_at, drafted_at__lte=case.callback_at).exists()


@effect(Action.APPROVE)
def approve(ctx):
    return {"reply_version": _latest_reply(ctx.case).version}


@effect(Action.SEND_BACK)
def send_back(ctx, *, reason: str):
    # The clock keeps running: a redo does not restart the answer time.
    ctx.case.send_back_count += 1
    return {"reason": _required(reason, "退回重办的理由")}


@effect(Action.PUBLISH)
def publish(ctx, *, mode: str, public_note: str = ""):
    case, rule = ctx.case, ctx.policy.publication
    if mode not in PublishMode.values:
        raise RuleViolation(f"答复方式 {mode!r} 无效。")
    if mode == PublishMode.PUBLIC:
        if not rule.public_allowed:
            raise RuleViolation("本制度不公开答复。")
        if not case.may_publish:
            raise RuleViolation("留言人不同意公开，只能直接答复本人。")
    else:
        if not rule.private_allowed:
            raise RuleViolation("本制度要求公开答复。")
        public_note = _required(public_note, "公开说明（不公开答复时须对该留言作出说明）")
    case.publish_mode, case.public_note, case.answered_at = mode, public_note.strip(), ctx.now
    # Only a unit that handled the case calls back; the center's own answers have no lead unit.
    case.callback_due = ctx.policy.follow_up.callback_by_unit and case.lead_unit_id is not None and not _called_back(case)
    publication.make_copy(case, ctx.now)  # the public text is made now, once, from this answer
    return {"mode": mode}


@effect(Action.MASK)
def mask(ctx, *, add: str = "", keep: str = "", unkeep: str = "", unmask: str = "", reason: str = ""):
    """调整公开隐去: before publication the reviewer masks one more piece of the text, keeps a false
    positive visible ("not personal data", with a reason), or takes back an earlier choice. The
    literal is kept on the case (publish_masks, read when the copy is made); the event records
    only what kind of text it is, its length and a masked form: the literal may be personal data."""
    case = ctx.case
    given = [(c, v.strip()) for c, v in (("add", add), ("keep", keep), ("unkeep", unkeep), ("unmask", unmask)) if (v or "").strip()]
    if len(given) != 1:
        raise RuleViolation("请填写一处要隐去或取消隐去的文字（每次一处）。")
    choice, literal = given[0]
    if len(literal) > publication.LITERAL_MAX:
        raise RuleViolation(f"一次最多隐去 {publication.LITERAL_MAX} 个字。")
    reason = (reason or "").strip()
    chosen = {k: list((case.publish_masks or {}).get(k, [])) for k in ("mask", "keep")}
    names, extra = writer_terms(Citizen.objects.filter(case=case).first())
    if choice in ("add", "keep") and not publication.occurs(case, literal):
        raise RuleViolation("标题、留言内容和答复中没有这段文字，请照原文填写。")
    if choice == "add":
        chosen["keep"] = [k for k in chosen["keep"] if k != literal]
        chosen["mask"] = [*chosen["mask"], literal] if literal not in chosen["mask"] else chosen["mask"]
    elif choice == "keep":
        reason = _required(reason, "取消隐去的理由（如：误判，非个人信息）")
        if not case.publish_personal and publication.is_writers_own(literal, names, extra):
            raise RuleViolation("留言人未单独同意公开个人信息，不能取消隐去。")
        chosen["mask"] = [m for m in chosen["mask"] if m != literal]
        chosen["keep"] = [*chosen["keep"], literal] if literal not in chosen["keep"] else chosen["keep"]
    else:
        # taking back a choice: the literal itself, or the choices a masked piece is made of
        held = "keep" if choice == "unkeep" else "mask"
        gone = [x for x in chosen[held] if x == literal or (held == "mask" and x in literal)]
        if not gone:
            raise RuleViolation("没有这项隐去或保留的选择，可能已被撤销。")
        chosen[held] = [x for x in chosen[held] if x not in gone]
    case.publish_masks = chosen
    return {"choice": choice, **publication.describe(literal, names, extra), "reason": reason}


# ---- after the answer ----------------------------------------------------------------

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


@effect(Action.CALLBACK)
def callback(ctx, *, note: str = ""):
    # apply() takes `note` for the event, so the callback record arrives as ctx.note.
    note = _required(note or ctx.note, "回访情况")
    case = ctx.case
    if ctx.role == Role.CENTER_OPERATOR and case.lead_unit_id and ctx.policy.follow_up.callback_by_unit:
        raise NotPermitted("本制度由承办单位回访留言人。")
    case.callback_at, case.callback_due = ctx.now, False
    reply = _latest_reply(case)
    if reply is not None:
        reply.callback_note = note
        reply.save(update_fields=["callback_note"])
    return {}


@effect(Action.REOPEN)
def reopen(ctx, *, reason: str):
    case = ctx.case
    reason = _required(reason, "重新办理的原因")
    case.assignments.filter(active=True).update(active=False, ended_at=ctx.now)
    case.lead_unit = None
    case.clock_started_at = None
    case.reopened_count += 1
    _void_pending_extensions(case, "重新办理后作废")
    case.archived_at = None
    case.rating, case.rating_comment, case.callback_due = "", "", False
    return {"reason": reason}


@effect(Action.ARCHIVE)
def archive(ctx):
    case = ctx.case
    if case.callback_due and _reachable(case):
        raise RuleViolation("尚未回访留言人，不能归档。")
    case.archived_at = ctx.now
    return {}


@effect(Action.INSTRUCT)
def instruct(ctx, *, text: str, leader_name: str = ""):
    ctx.case.supervised = True
    return {"text": _required(text, "批示内容"), "leader_name": (leader_name or "").strip()}


def _new_deadline_round(case) -> None:
    # A new deadline: the overdue ladder starts again from its first rung.
    case.steps_done = 0


@effect(Action.EXPLAIN_DELAY)
def explain_delay(ctx, *, reason: str = ""):
    reason = _required(reason or ctx.note, "逾期理由")
    ctx.case.delay_explained_at = ctx.now
    return {"reason": reason}


@effect(Action.APPROVE_BULLETIN)
def approve_bulletin(ctx, *, letter: int):
    # The letter itself (notify.Letter) is issued by notify's contributor, in this transaction.
    return {"letter": int(letter)}


# ---- the sweep's steps (called by notify.sweep with actor=None) ----------------------

@effect(Action.REMIND)
def remind(ctx):
    case = ctx.case
    if case.due_at is None or case.reminded_for == case.due_at:
        raise RuleViolation(f"{case.reference} 本期限已提醒过。")
    case.reminded_for = case.due_at
    case.prompts += 1
    return {"due_at": case.due_at.isoformat(), "recipient": ctx.policy.reminder.recipient}


def _ladder_step(ctx, kind: str, *, step: int, overdue_days: int = 0, skipped: str = ""):
    case, steps = ctx.case, ctx.policy.escalation.steps
    if step != case.steps_done or step >= len(steps) or steps[step].kind != kind:
        raise RuleViolation(f"{case.reference} 的第 {step + 1} 步督办已执行或不适用。")
    case.steps_done = step + 1
    if not skipped and kind == "urge":
        case.prompts += 1
    return {"step": step, "letter": steps[step].letter, "overdue_days": overdue_days, "skipped": skipped}


for _kind in ("urge", "supervise", "transfer", "criticise", "account"):
    EFFECTS[Action(_kind)] = lambda ctx, _k=_kind, **kw: _ladder_step(ctx, _k, **kw)


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


def _fmt(moment: dt.datetime | None) -> str:
    if moment is None:
        return "未计时"
    local = (moment - dt.timedelta(microseconds=1)).astimezone(SHANGHAI)
    return f"{local:%Y-%m-%d} 24:00"
