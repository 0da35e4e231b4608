"""派单异议 (国办函〔2025〕66号 派单异议审核): a unit's return that cites the dispatch catalogue, and
the center's decision on it.

The unit returns the case as any 退办 (cases.effects.dispatch.return_case), naming the catalogue's
matter and why it is not theirs. Until the center decides, the case is not dispatched again by the
plain 交办. The center finds the dispute holds (ACCEPT_DISPUTE: a new round with the unit the
catalogue names, or another, and, in the same step, a new catalogue version where the catalogue was
wrong) or does not (REJECT_DISPUTE: a new round with the unit that returned it, with the reason).
"""
from __future__ import annotations

from minpan.catalogue.selectors import matter_in_force
from minpan.catalogue.services import CatalogueError, matter_revise
from minpan.units.models import Unit

from ..disputes import pending_dispute
from ..errors import RuleViolation
from ..models import Assignment, AssignmentRole
from ..states import Action
from .base import effect, required
from .dispatch import _new_round


def _the_dispute(case) -> Assignment:
    found = pending_dispute(case)
    if found is None:
        raise RuleViolation(f"{case.reference} 没有待审核的派单异议（退办未引用派单目录）：请按一般退办重新交办。")
    return found


@effect(Action.ACCEPT_DISPUTE)
def accept_dispute(ctx, *, reason: str, lead: Unit | None = None, co: list[Unit] | tuple | None = None,
                   update_catalogue: bool = False, instructions: str = ""):
    """异议成立: redispatched to `lead` (by default the unit the catalogue names now, with its co-units).
    With `update_catalogue`, the matter gets a new version naming `lead` (and `co`) in the same step."""
    reason = required(reason, "审核意见")
    disputed = _the_dispute(ctx.case)
    version = matter_in_force(disputed.disputed_matter_id or 0, ctx.now)
    if version is None and (lead is None or update_catalogue):
        raise RuleViolation("所引派单目录事项已停用：请选定交办单位（不修订目录）。")
    if lead is None and version is not None:
        lead, co = version.lead_unit, list(version.co_units.all()) if co is None else co
    if lead is None:
        raise RuleViolation("请选定交办单位。")
    co = list(co or ())
    if lead.pk == disputed.unit_id:
        raise RuleViolation(f"异议成立须交办给 {disputed.unit.name} 以外的单位；仍由其办理请选“派单异议不成立”。")
    matter = disputed.disputed_matter
    # the matter by its name as the unit cited it (the code alone means nothing to a reader)
    named = version or (matter.latest() if matter else None)
    data: dict = {"matter": disputed.disputed_matter_id, "code": matter.code if matter else "",
                  "matter_name": named.name if named else "",
                  "version": version.number if version else None, "reason": reason,
                  "from": disputed.unit_id, "from_name": disputed.unit.name}
    if update_catalogue and version is not None:
        try:
            new = matter_revise(matter=version.matter, by=ctx.actor, now=ctx.now, lead_unit=lead, co_units=co,
                                reason=f"派单异议（{ctx.case.reference}）审核：{reason}")
        except CatalogueError as e:
            raise RuleViolation(str(e)) from e
        if new is None:
            raise RuleViolation(f"派单目录已写明 {lead.name} 牵头，无须修订：请不勾选“同时修订派单目录”。")
        data["new_version"] = new.number
    Assignment.objects.filter(pk=disputed.pk).update(dispute_outcome="accepted")
    return {**_new_round(ctx, lead, co, instructions, ""), **data}


@effect(Action.REJECT_DISPUTE)
def reject_dispute(ctx, *, reason: str, instructions: str = ""):
    """异议不成立: back to the unit that returned it, with its co-units of that round and the reason;
    a new round (a new receipt, a new clock), as any dispatch."""
    reason = required(reason, "不成立的理由")
    disputed = _the_dispute(ctx.case)
    co = [a.unit for a in Assignment.objects.filter(case=ctx.case, role=AssignmentRole.CO, ended_at=disputed.ended_at)
          .select_related("unit") if a.unit.active]
    Assignment.objects.filter(pk=disputed.pk).update(dispute_outcome="rejected")
    data = _new_round(ctx, disputed.unit, co, instructions or reason, "")
    matter = disputed.disputed_matter
    return {**data, "reason": reason, "matter": disputed.disputed_matter_id, "code": matter.code if matter else ""}
