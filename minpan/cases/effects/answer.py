"""The answer: co-units' input, the draft, sign-off, submission, review, publication and the
reviewer's masking of the text to be published."""
from __future__ import annotations

from minpan.policies.codes import CHANNELS, QUALITY_FAULTS
from minpan.units.people import roles_of
from minpan.units.roles import Role

from .. import publication
from ..errors import NotPermitted, RuleViolation
from ..identity import writer_terms
from ..models import AssignmentRole, Citizen
from ..states import Action, PublishMode, State
from .base import called_back, contacted_before_handling, effect, new_reply, reachable, required, the_reply
from .oversight import legal_review_pending


@effect(Action.CO_INPUT)
def co_input(ctx, *, text: str):
    a = ctx.case.assignments.get(active=True, role=AssignmentRole.CO, unit=ctx.unit)
    a.co_input, a.co_input_at = required(text, "配合意见"), ctx.now
    a.save(update_fields=["co_input", "co_input_at"])
    return {"unit": ctx.unit.pk}


@effect(Action.DRAFT)
def draft(ctx, *, body: str, handler_name: str = "", handler_phone: str = ""):
    if ctx.policy.publication.show_handler_contact:
        handler_name = required(handler_name, "经办人姓名")
        handler_phone = required(handler_phone, "经办人联系电话")
    reply = new_reply(ctx, body=body, unit=ctx.unit, handler_name=handler_name, handler_phone=handler_phone)
    return {"reply_version": reply.version}


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
    reply = the_reply(ctx.case)
    reply.signed_by, reply.signed_at, reply.sealed = ctx.actor, ctx.now, bool(sealed)
    reply.save(update_fields=["signed_by", "signed_at", "sealed"])
    return {"reply_version": reply.version, "level": level, "sealed": bool(sealed)}


@effect(Action.RETURN_DRAFT)
def return_draft(ctx, *, comment: str):
    """退回修改: the leader who would sign the draft sends it back to the handler with a comment
    instead. The draft stays (the handler's form starts from it); the clock keeps running."""
    level = ctx.policy.sign_off.level_for(ctx.case.channel)
    if level is None:
        raise RuleViolation("本制度不设承办单位审签，答复由经办人直接报送。")
    if level == "principal" and ctx.role != Role.UNIT_PRINCIPAL:
        raise NotPermitted("此件答复由承办单位主要负责人审签，也由其退回修改。")
    comment = required(comment, "退回修改的意见")
    return {"reply_version": the_reply(ctx.case).version, "comment": comment}


@effect(Action.SUBMIT)
def submit(ctx):
    case = ctx.case
    level = ctx.policy.sign_off.level_for(case.channel)
    if level is not None and case.state != State.SIGNED:
        who = "主要负责人" if level == "principal" else "分管领导或主要负责人"
        raise RuleViolation(f"答复须经本单位{who}审签后报送。")
    if ctx.policy.follow_up.callback_before_submit and reachable(case) and not called_back(case):
        raise RuleViolation("报送前须回访诉求人并注明回访情况（诉求人未留联系方式的除外）。")
    if ctx.policy.follow_up.contact_before_handling and reachable(case) and not contacted_before_handling(case):
        raise RuleViolation("本制度要求办前主动联系留言人：请先记录“办前联系”的情况，再报送答复（留言人未留联系方式的除外）。")
    case.prepared_at = None  # a new answer is prepared again before it is approved
    if legal_review_pending(ctx.policy, case):
        raise RuleViolation("本件须法制审核：请单位领导先记录本稿答复的法制审核（审核人、结论和意见），再报送。")
    # textmine adds the reply check's flags to this event (cases.hooks contributor)
    return {"reply_version": the_reply(case).version}


def approver_title(policy) -> str:
    """Who approves a prepared answer, in the document's words (秘书长), else the role's label."""
    review = policy.review
    return review.approver_title or (Role(review.final_approver).label if review.final_approver else "")


@effect(Action.PREPARE)
def prepare(ctx):
    """整理报审 (Xizang 第五条(二)): the reviewer has gone through the unit's answer (edited the public
    copy, masked what must not be published) and hands it up to the approver the policy names."""
    title = approver_title(ctx.policy)
    if not title:
        raise RuleViolation("本制度由审核员直接审核通过，无需整理报审。")
    if ctx.case.prepared_at is not None:
        raise RuleViolation(f"答复已整理报{title}审定，请等待审定结果。")
    ctx.case.prepared_at = ctx.now
    return {"reply_version": the_reply(ctx.case).version}


@effect(Action.RETURN_PREPARED)
def return_prepared(ctx, *, reason: str):
    """The approver sends the prepared answer back to the reviewer, who prepares it again or sends it
    back to the unit."""
    title = approver_title(ctx.policy)
    if not title:
        raise RuleViolation("本制度不设审定，答复由审核员审核。")
    if ctx.case.prepared_at is None:
        raise RuleViolation("答复尚未整理报审。")
    reason = required(reason, "退回重新整理的意见")
    ctx.case.prepared_at = None
    return {"reply_version": the_reply(ctx.case).version, "reason": reason}


@effect(Action.APPROVE)
def approve(ctx):
    title = approver_title(ctx.policy)
    if title and ctx.case.prepared_at is None:
        raise RuleViolation(f"答复须经审核员整理后报{title}审定。")
    return {"reply_version": the_reply(ctx.case).version}


@effect(Action.SEND_BACK)
def send_back(ctx, *, reason: str, fault: str = ""):
    # The clock keeps running: a redo does not restart the answer time.
    if ctx.case.prepared_at is not None:
        raise RuleViolation(f"答复已报{approver_title(ctx.policy)}审定：审定退回后才能退回承办单位重办。")
    reason = required(reason, "退回重办的理由")
    if fault and fault not in ctx.policy.escalation.quality_faults:
        raise RuleViolation(f"“{QUALITY_FAULTS.get(fault, fault)}”不是本制度所列的答复质量问题。")
    ctx.case.send_back_count += 1
    # a fault the document names starts its ladder at once (notify.quality issues the step)
    return {"reason": reason, "fault": fault} if fault else {"reason": reason}


@effect(Action.PUBLISH)
def publish(ctx, *, mode: str, public_note: str = "", places=None):
    """`places`: where the publisher put a public answer, among the policy's places for the case
    (publication.places; all of them when not given). The event keeps them for the timeline."""
    case, rule = ctx.case, ctx.policy.publication
    # by the roles the person holds, not the one apply() matched first: one person may be both
    if not roles_of(ctx.actor) & set(rule.publisher_roles):
        raise NotPermitted("本制度的答复由受理员发布：审核通过后已通知受理员，您无需再操作。")
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
        public_note = required(public_note, "公开说明（不公开答复时须对该留言作出说明）")
    put = _places(rule.places_for(case.channel), places) if mode == PublishMode.PUBLIC else []
    case.publish_mode, case.public_note, case.answered_at = mode, public_note.strip(), ctx.now
    # Only a unit that handled the case calls back; the center's own answers have no lead unit.
    case.callback_due = ctx.policy.follow_up.callback_by_unit and case.lead_unit_id is not None and not called_back(case)
    publication.make_copy(case, ctx.now)  # the public text is made now, once, from this answer
    return {"mode": mode, "places": put} if put else {"mode": mode}


def _places(due: tuple[str, ...], given) -> list[str]:
    """The places the answer was put on: a choice among those the policy names for the case."""
    if given is None:
        return list(due)
    chosen = [p for p in dict.fromkeys(given) if p]
    wrong = [p for p in chosen if p not in due]
    if wrong:
        raise RuleViolation(f"“{CHANNELS.get(wrong[0], wrong[0])}”不是本制度规定的答复发布位置。")
    if due and not chosen:
        raise RuleViolation("请勾选答复已发布的位置。")
    return [p for p in due if p in chosen]


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
        reason = required(reason, "取消隐去的理由（如：误判，非个人信息）")
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
