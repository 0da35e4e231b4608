"""Dispatch to the units, the lead unit's claim, and its return of a case it should not handle."""
from __future__ import annotations

from minpan.units.models import Level, Unit
from minpan.units.roles import Role

from ..disputes import cited_matter, pending_dispute
from ..errors import NotPermitted, RuleViolation
from ..models import Assignment, AssignmentRole
from ..states import Action
from .base import (
    effect,
    fmt_due,
    new_deadline_round,
    required,
    the_lead,
    void_pending_extensions,
)
from .oversight import flag_legal_review


@effect(Action.DISPATCH)
def dispatch(ctx, *, lead: Unit, co: list[Unit] | tuple = (), instructions: str = "", co_instructions: str = "",
             legal_review: bool = False):
    if not ctx.case.reg_no:
        raise RuleViolation("请先分类登记再交办。")
    if pending_dispute(ctx.case) is not None:
        raise RuleViolation("退办单位对派单提出了异议（引用派单目录）：请先审核异议（异议成立或不成立）。")
    data = _new_round(ctx, lead, co, instructions, co_instructions)
    if legal_review and not ctx.case.legal_review_needed:
        # Chizhou 第九条(五): the center may say, as it dispatches, that the answer needs 法制审核
        data.update(flag_legal_review(ctx))
    return data


def _new_round(ctx, lead: Unit, co, instructions: str, co_instructions: str) -> dict:
    """A new round of handling: the units that held the case end, the new ones start with a new
    clock. 交办意见 (instructions) is what the center asks of the lead; co_instructions, of each co-unit."""
    case = ctx.case
    co = [u for u in co if u.pk != lead.pk]
    for unit in [lead, *co]:
        if unit.level == Level.CENTER or not unit.active:
            raise RuleViolation(f"“{unit.name}”不是可交办的承办单位。")
    if len({u.pk for u in co}) != len(co):
        raise RuleViolation("配合单位重复。")
    instructions, co_instructions = (instructions or "").strip(), (co_instructions or "").strip()
    case.assignments.filter(active=True).update(active=False, ended_at=ctx.now)
    Assignment.objects.create(case=case, unit=lead, role=AssignmentRole.LEAD, dispatched_at=ctx.now, instructions=instructions)
    add_co_units(ctx, co, co_instructions)
    case.lead_unit = lead
    case.coordinated_due = None  # a new round's deadline is counted again; a meeting sets its own after
    # A new receipt starts a new clock; extensions belonged to the previous round.
    case.extension_days = case.extension_count = 0
    void_pending_extensions(case, "重新交办后作废")
    new_deadline_round(case)
    case.prompts, case.delay_explained_at = 0, None
    case.clock_started_at = ctx.now if ctx.policy.clock_start == "receipt" else None
    data = {"lead": lead.pk, "lead_name": lead.name, "co": [u.pk for u in co], "co_names": [u.name for u in co]}
    if instructions:
        data["instructions"] = instructions
    if co_instructions and co:
        data["co_instructions"] = co_instructions
    return data


def add_co_units(ctx, units, instructions: str) -> None:
    """Co-units (配合单位) join the case from now: on dispatch and 改派, and when a 专题协调会议
    names responsible units not yet on it (cases.effects.coordination)."""
    for unit in units:
        if unit.level == Level.CENTER or not unit.active:
            raise RuleViolation(f"“{unit.name}”不是可交办的承办单位。")
    Assignment.objects.bulk_create(
        Assignment(case=ctx.case, unit=u, role=AssignmentRole.CO, dispatched_at=ctx.now, instructions=instructions) for u in units
    )


@effect(Action.RECALL)
def recall(ctx, *, reason: str):
    """撤回交办: the center takes back a dispatch the lead unit has not claimed yet (the table
    allows it only from 待认领), with a reason; the case waits to be dispatched again."""
    case = ctx.case
    reason = required(reason, "撤回理由")
    lead = the_lead(case)
    case.assignments.filter(active=True).update(active=False, ended_at=ctx.now)
    case.lead_unit = None
    case.clock_started_at = None
    void_pending_extensions(case, "撤回交办后作废")
    return {"reason": reason, "unit": lead.unit_id, "unit_name": lead.unit.name}


@effect(Action.REASSIGN)
def reassign(ctx, *, lead: Unit, reason: str, co: list[Unit] | tuple = (), instructions: str = "", co_instructions: str = ""):
    """改派: the center gives the case to another lead unit, with a reason, claimed or not. A new
    round as on dispatch (the old assignments end, a new clock starts)."""
    reason = required(reason, "改派理由")
    old = the_lead(ctx.case)
    if old.unit_id == lead.pk:
        raise RuleViolation(f"{lead.name} 已是牵头单位：改派须选另一单位（要补充交办意见，请写内部批注）。")
    data = _new_round(ctx, lead, co, instructions, co_instructions)
    return {**data, "reason": reason, "from": old.unit_id, "from_name": old.unit.name}


@effect(Action.CLAIM)
def claim(ctx):
    lead = the_lead(ctx.case)
    lead.claimed_at, lead.claimed_by = ctx.now, ctx.actor
    lead.save(update_fields=["claimed_at", "claimed_by"])
    if ctx.policy.clock_start == "claim":
        ctx.case.clock_started_at = ctx.now
    return {}


@effect(Action.RETURN)
def return_case(ctx, *, reason: str, basis: str = "", matter=None):
    """退办. Citing a matter of the dispatch catalogue (`matter`, 派单异议) says the catalogue gives it
    to another unit, or should: the center then decides on the dispute (cases.effects.dispute)."""
    rule = ctx.policy.return_rule
    case = ctx.case
    if not rule.allowed:
        raise RuleViolation(f"《{ctx.policy.document}》未设退办程序：承办单位须办理，或请中心协调。")
    if case.return_due_at is None or ctx.now >= case.return_due_at:
        limit = "收到当日" if rule.window_working_days == 0 else f"收到次日起 {rule.window_working_days} 个工作日内"
        raise RuleViolation(f"退办须在{limit}提出，期限（{fmt_due(case.return_due_at)}）已过。")
    if rule.signer_roles and ctx.role not in rule.signer_roles:
        raise NotPermitted("退办须由本单位分管领导签字后提出。")
    reason = required(reason, "退办原因")
    cited = cited_matter(matter, ctx.now) if matter else None
    if cited is not None and not (basis or "").strip():
        basis = cited.pop("basis")  # the catalogue's entry is the basis the unit gives
    basis = required(basis, "退办依据") if rule.needs_basis else (basis or "").strip()
    lead = the_lead(case)
    lead.disputed_matter_id = cited["matter"] if cited else None
    lead.returned_at, lead.return_reason, lead.return_basis = ctx.now, reason, basis
    lead.return_signed_by = ctx.actor if ctx.role in (Role.UNIT_PRINCIPAL, Role.UNIT_DEPUTY) else None
    lead.active, lead.ended_at = False, ctx.now
    lead.save()
    case.assignments.filter(active=True).update(active=False, ended_at=ctx.now)
    case.lead_unit = None
    case.clock_started_at = None
    void_pending_extensions(case, "退办后作废")
    data = {"unit": lead.unit_id, "reason": reason, "basis": basis}
    if cited:
        cited.pop("basis", None)
        data["dispute"] = cited
    return data
