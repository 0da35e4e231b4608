"""派单异议: a matter of the dispatch catalogue cited in a return, and the dispute still to decide.
Read by the effects (cases.effects.dispatch, .dispute) and by the desk's forms (offered = allowed)."""
from __future__ import annotations

import datetime as dt

from minpan.catalogue.selectors import matter_in_force

from .errors import RuleViolation
from .models import Assignment, AssignmentRole


def cited_matter(matter, at: dt.datetime) -> dict:
    """What the event keeps of a matter the unit cites (its version in force), and the basis it gives."""
    version = matter_in_force(matter, at)
    if version is None:
        raise RuleViolation("所引派单目录事项不存在或已停用。")
    return {"matter": version.matter_id, "code": version.matter.code, "name": version.name, "version": version.number,
            "catalogue_lead": version.lead_unit_id, "catalogue_lead_name": version.lead_unit.name,
            "basis": f"派单目录 {version.matter.code}“{version.name}”（第{version.number}版）：牵头单位 {version.lead_unit.name}"
                     + (f"；依据 {version.legal_basis}" if version.legal_basis else "")}


def pending_dispute(case) -> Assignment | None:
    """The returned lead assignment whose dispute the center has not decided yet."""
    return (Assignment.objects.filter(case=case, role=AssignmentRole.LEAD, active=False, disputed_matter__isnull=False,
                                      dispute_outcome="").select_related("unit", "disputed_matter")
            .order_by("-returned_at").first())
