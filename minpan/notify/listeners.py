"""What notify does when the core applies an action (registered in apps.NotifyConfig.ready).

At every hand-off the next person on the case is told it is their turn ("Your turn."): an inbox
row linked to the case, and an e-mail or text message as their Preference says. Who is told is
read from the case as the action left it; the one who acted is never told of their own step.
A notice names units, deadlines and the reasons staff wrote; the case's subject is the one units
read (notes.AsUnitsRead), never the writer's name or contact.

The writer's messages carry only our wording and references we made: never the text, the
writer or the unit of another case (see api.py)."""
from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from minpan.cases.effects.oversight import REPORT_GROUNDS
from minpan.cases.hooks import Applied
from minpan.cases.models import Assignment, AssignmentRole, Case, ExtensionRequest
from minpan.cases.states import Action
from minpan.policies.codes import CHANNELS
from minpan.units.models import Unit
from minpan.units.roles import Role
from minpan.workdays.arith import deadline_text

from . import recipients as who
from .api import notify_citizen
from .inbox import Message, send_many
from .models import Kind


def tell_writer_merged(applied: Applied) -> None:
    case = applied.case
    notify_citizen(case, "merge", f"您的留言（查询码 {case.tracking_code}）与此前收到的同一事项（{applied.data['into_ref']}）合并办理，"
                                  f"请凭原查询码查询办理进展和答复。")


def tell_writer_unmerged(applied: Applied) -> None:
    case = applied.case
    notify_citizen(case, "unmerge", f"您的留言（查询码 {case.tracking_code}）将单独办理，请凭原查询码查询办理进展。")


# ---- hand-offs: the next person is told ------------------------------------------------------


def _tell(applied: Applied, messages: Iterable[Message]) -> None:
    actor = applied.actor.pk if applied.actor is not None else None
    kept = [Message(m.kind, [p for p in m.people if p.pk != actor], m.case, m.context) for m in messages]
    send_many(kept, now=applied.at)


def _due(case: Case) -> str:
    return deadline_text(case.due_at) if case.due_at else ""


def _unit_name(case: Case) -> str:
    return case.lead_unit.name if case.lead_unit is not None else ""


def _reason(applied: Applied) -> str:
    """What the actor wrote to explain the step: the effect's reason or comment, else the note."""
    data = applied.data
    return _clause(data.get("reason") or data.get("comment") or applied.note)


def _clause(text: object) -> str:
    """Staff's free text as a clause the wording ends with its own 。 (not "修复。。")."""
    return str(text or "").strip().rstrip("。．.；;，,！!")


def _dispatch_messages(case: Case, at) -> list[Message]:
    """The units a dispatch started at `at`: the lead unit's handlers, each co-unit with its part."""
    started = list(Assignment.objects.filter(case=case, active=True, dispatched_at=at).select_related("unit"))
    lead = next((a for a in started if a.role == AssignmentRole.LEAD), None)
    co = [a for a in started if a.role == AssignmentRole.CO]
    out = []
    if lead is not None:
        out.append(Message(Kind.DISPATCHED, who.workers(lead.unit), case, {
            "unit": lead.unit.name, "due": _due(case), "instructions": _clause(lead.instructions),
            "co_names": "、".join(a.unit.name for a in co),
        }))
    for a in co:
        out.append(Message(Kind.CO_REQUESTED, who.workers(a.unit), case, {
            "unit": a.unit.name, "lead": lead.unit.name if lead else "", "instructions": _clause(a.instructions), "due": _due(case),
        }))
    return out


def dispatched(applied: Applied) -> None:
    _tell(applied, _dispatch_messages(applied.case, applied.at))


def reassigned(applied: Applied) -> None:
    """改派: the new lead (and co-units) as on dispatch; the unit it was taken from is told to stop."""
    case = applied.case
    _tell(applied, [*_dispatch_messages(case, applied.at), *_taken_back(applied, reassigned=True)])


def dispute_accepted(applied: Applied) -> None:
    """派单异议成立: the new lead unit as on dispatch, and the unit that disputed it learns where it
    went and why (its assignment ended at its return; nothing else would tell it)."""
    data = applied.data
    from_id = data.get("from")
    disputing = Unit.objects.filter(pk=from_id).first() if from_id else None
    told = [Message(Kind.DISPUTE_ACCEPTED, who.workers(disputing), applied.case, {
        "unit": disputing.name, "lead": data.get("lead_name", ""), "code": data.get("code", ""),
        "matter_name": data.get("matter_name", ""), "reason": _clause(data.get("reason", "")), "new_version": data.get("new_version"),
    })] if disputing is not None else []
    _tell(applied, [*_dispatch_messages(applied.case, applied.at), *told])


def recalled(applied: Applied) -> None:
    _tell(applied, _taken_back(applied, reassigned=False))


def _taken_back(applied: Applied, *, reassigned: bool) -> list[Message]:
    """The units whose assignment this step ended (ended_at is the step's time)."""
    ended = Assignment.objects.filter(case=applied.case, ended_at=applied.at).select_related("unit")
    kept = set(Assignment.objects.filter(case=applied.case, active=True).values_list("unit_id", flat=True))
    units = {a.unit_id: a.unit for a in ended if a.unit_id not in kept}
    return [
        Message(Kind.RECALLED, who.workers(unit), applied.case,
                {"unit": unit.name, "reason": _reason(applied), "reassigned": reassigned})
        for unit in units.values()
    ]


def drafted(applied: Applied) -> None:
    case = applied.case
    level = applied.policy.sign_off.level_for(case.channel)
    _tell(applied, [Message(Kind.TO_SIGN, who.signers(case.lead_unit, level), case, {
        "unit": _unit_name(case), "version": applied.data.get("reply_version", ""), "seal": applied.policy.sign_off.seal,
        "due": _due(case),
    })])


def signed(applied: Applied) -> None:
    case = applied.case
    _tell(applied, [Message(Kind.SIGNED, who.the_handler(case), case, {"unit": _unit_name(case), "due": _due(case)})])


def draft_returned(applied: Applied) -> None:
    case = applied.case
    _tell(applied, [Message(Kind.DRAFT_RETURNED, who.the_handler(case), case, {
        "unit": _unit_name(case), "reason": _reason(applied), "version": applied.data.get("reply_version", ""),
        "due": _due(case),
    })])


def submitted(applied: Applied) -> None:
    case = applied.case
    _tell(applied, [Message(Kind.TO_REVIEW, who.reviewers(), case, {"unit": _unit_name(case), "due": _due(case)})])


def sent_back(applied: Applied) -> None:
    case = applied.case
    _tell(applied, [Message(Kind.SENT_BACK, who.the_handler(case), case, {
        "unit": _unit_name(case), "reason": _reason(applied), "due": _due(case),
    })])


def approved(applied: Applied) -> None:
    case = applied.case
    # whoever publishes under the policy: the 受理员, and the reviewer where the reviewing office does
    publishers = who.at_center(*applied.policy.publication.publisher_roles)
    # same_day policies (Tongliao 第十二条): the day it must be online
    due = deadline_text(case.publish_due_at) if case.publish_due_at else ""
    # where a public answer must be put (publication.places), when the writer agreed to publication
    rule = applied.policy.publication
    places = "、".join(CHANNELS.get(p, p) for p in rule.places_for(case.channel)) if case.may_publish and rule.public_allowed else ""
    _tell(applied, [Message(Kind.TO_PUBLISH, publishers, case, {"unit": _unit_name(case), "due": due, "places": places})])


def prepared(applied: Applied) -> None:
    """整理报审 (Xizang 第五条(二)): the approver the policy names learns it is their turn."""
    case = applied.case
    review = applied.policy.review
    if not review.final_approver:
        return
    _tell(applied, [Message(Kind.TO_APPROVE, who.at_center(review.final_approver), case, {
        "unit": _unit_name(case), "title": _approver_title(applied), "due": _due(case),
    })])


def prepared_returned(applied: Applied) -> None:
    """审定退回: the reviewer who prepared the answer hears why (all reviewers if they no longer can)."""
    case = applied.case
    preparer = case.events.filter(action=Action.PREPARE).order_by("-seq").values_list("actor_id", flat=True).first()
    reviewers = who.reviewers()
    people = [p for p in reviewers if p.pk == preparer] or reviewers
    _tell(applied, [Message(Kind.PREPARED_RETURNED, people, case, {
        "unit": _unit_name(case), "title": _approver_title(applied), "reason": _reason(applied),
    })])


def _approver_title(applied: Applied) -> str:
    review = applied.policy.review
    return review.approver_title or (Role(review.final_approver).label if review.final_approver else "")


def returned(applied: Applied) -> None:
    case = applied.case
    unit_id = applied.data.get("unit")
    unit = Unit.objects.filter(pk=unit_id).first() if unit_id else applied.unit
    _tell(applied, [Message(Kind.RETURNED, who.operators(), case, {
        "unit": unit.name if unit else "", "reason": _reason(applied), "basis": _clause(applied.data.get("basis")),
    })])


def extension_asked(applied: Applied) -> None:
    """To the center's approver; a handler's request under 逐级 (Tongliao 第十四条) first to the unit's leaders."""
    case = applied.case
    request = _latest_request(case)
    rule = applied.policy.extension
    if applied.data.get("endorsing"):
        people = who.in_unit(case.lead_unit, *rule.endorser_roles)
    else:
        people = who.at_center(rule.approver_role)
    _tell(applied, [Message(Kind.EXTENSION_ASKED, people, case, {
        "unit": _unit_name(case), "days": request.days if request else applied.data.get("days", ""),
        "promised": request.promised_date.isoformat() if request and request.promised_date else "",
        "reason": _clause(request.reason) if request else "", "due": _due(case),
    })])


def extension_endorsed(applied: Applied) -> None:
    """Signed by the unit's leader: now the center decides; refused: the requester is told why."""
    if applied.data.get("agree"):
        extension_asked(applied)
        return
    case = applied.case
    request = _latest_request(case)
    _tell(applied, [Message(Kind.EXTENSION_DECIDED, who.requester(request), case, {
        "unit": _unit_name(case), "days": applied.data.get("days", ""), "by": "单位领导", "decision": "不同意上报",
        "note": _clause(applied.data.get("reason")), "due": _due(case),
    })])


def extension_decided(applied: Applied) -> None:
    case = applied.case
    request = _latest_request(case)
    _tell(applied, [Message(Kind.EXTENSION_DECIDED, who.requester(request), case, {
        "unit": _unit_name(case), "days": applied.data.get("days", ""),
        "decision": "已同意" if applied.action == Action.APPROVE_EXTENSION else "不同意",
        "note": _clause(request.decision_note) if request else "", "due": _due(case),
    })])


def _latest_request(case: Case) -> ExtensionRequest | None:
    return case.extensions.select_related("requested_by").order_by("-requested_at", "-pk").first()


def instructed(applied: Applied) -> None:
    """领导批示: the lead unit's principal; a case no unit holds yet goes to the operators who dispatch it.
    Where the policy has instructed cases supervised on site (Chizhou 第九条(四)), the supervisors too."""
    case = applied.case
    people = who.in_unit(case.lead_unit, Role.UNIT_PRINCIPAL) if case.lead_unit_id else who.operators()
    context = {
        "unit": _unit_name(case), "text": _clause(applied.data.get("text")), "leader_name": applied.data.get("leader_name", ""),
        "due": _due(case),
    }
    messages = [Message(Kind.INSTRUCTED, people, case, context)]
    if case.on_site_due:
        messages.append(Message(Kind.ON_SITE_DUE, who.supervisors(), case, context))
    _tell(applied, messages)


def legal_review_asked(applied: Applied) -> None:
    """法制审核 (Chizhou 第九条(五)), flagged on dispatch or later: the lead unit's leaders, who record it."""
    if not applied.data.get("legal_review"):
        return
    case = applied.case
    _tell(applied, [Message(Kind.LEGAL_REVIEW_ASKED, who.in_unit(case.lead_unit, Role.UNIT_PRINCIPAL, Role.UNIT_DEPUTY), case, {
        "unit": _unit_name(case), "reason": _clause(applied.data.get("reason")),
    })])


def reported(applied: Applied) -> None:
    """一事一报 (Chizhou 第九条(二)): the city leader it is reported to."""
    case = applied.case
    _tell(applied, [Message(Kind.REPORTED, who.active([applied.data["leader"]]), case, {
        "unit": _unit_name(case), "grounds": REPORT_GROUNDS.get(str(applied.data.get("grounds", "")), ""),
        "reason": _clause(applied.data.get("reason")),
    })])


def published(applied: Applied) -> None:
    """Xizang 第五条(三): the result goes back to each leader who instructed on the case."""
    case = applied.case
    leaders = who.active(case.events.filter(action=Action.INSTRUCT).values_list("actor_id", flat=True))
    if leaders:
        _tell(applied, [Message(Kind.INSTRUCTION_DONE, leaders, case, {
            "unit": _unit_name(case) or "中心", "published": f"{timezone.localtime(applied.at):%Y-%m-%d %H:%M}",
        })])


def center_urged(applied: Applied) -> None:
    case = applied.case
    people = who.workers(case.lead_unit) + who.in_unit(case.lead_unit, Role.UNIT_PRINCIPAL)
    _tell(applied, [Message(Kind.CENTER_URGED, people, case, {"unit": _unit_name(case), "reason": _reason(applied), "due": _due(case)})])


def followed_up(applied: Applied) -> None:
    # the writer's own words stay on the case: a notice says only that they followed up
    case = applied.case
    _tell(applied, [Message(Kind.FOLLOW_UP, who.operators(), case, {"unit": _unit_name(case)})])


def co_input_given(applied: Applied) -> None:
    """A co-unit's input reaches the lead unit's handler, who writes the one answer (Naiman 第十三条)."""
    case = applied.case
    _tell(applied, [Message(Kind.CO_INPUT_GIVEN, who.the_handler(case), case, {
        "unit": _unit_name(case), "co_unit": applied.unit.name if applied.unit else "配合单位", "due": _due(case),
    })])


def noted(applied: Applied) -> None:
    """内部批注: the people working the case now — whoever acted on it and still holds it, and the
    lead unit's handler. The text goes with it: it is staff's own, about a case they all hold."""
    case = applied.case
    people = who.working_on(case)
    name = applied.actor.get_full_name().strip() if applied.actor is not None else ""
    author = f"{applied.unit.name if applied.unit else ''}{name or Role(applied.role).label}"
    _tell(applied, [Message(Kind.NOTED, people, case, {"author": author, "text": _clause(applied.note)})])


HANDOFFS = {
    Action.DISPATCH: dispatched,
    Action.REASSIGN: reassigned,
    # 派单异议 decided: the unit the case goes to now is told as on dispatch (a rejection goes back
    # to the disputing unit, with the reason as the instructions); a dispute that holds is also
    # told to the unit that raised it
    Action.ACCEPT_DISPUTE: dispute_accepted,
    Action.REJECT_DISPUTE: dispatched,
    Action.RECALL: recalled,
    Action.DRAFT: drafted,
    Action.SIGN_OFF: signed,
    Action.RETURN_DRAFT: draft_returned,
    Action.SUBMIT: submitted,
    Action.SEND_BACK: sent_back,
    Action.APPROVE: approved,
    Action.PREPARE: prepared,
    Action.RETURN_PREPARED: prepared_returned,
    Action.RETURN: returned,
    Action.REQUEST_EXTENSION: extension_asked,
    Action.ENDORSE_EXTENSION: extension_endorsed,
    Action.APPROVE_EXTENSION: extension_decided,
    Action.REFUSE_EXTENSION: extension_decided,
    Action.INSTRUCT: instructed,
    Action.REPORT_TO_LEADER: reported,
    Action.FLAG_LEGAL_REVIEW: legal_review_asked,
    Action.PUBLISH: published,
    Action.CENTER_URGE: center_urged,
    Action.FOLLOW_UP: followed_up,
    Action.CO_INPUT: co_input_given,
    Action.NOTE: noted,
}
