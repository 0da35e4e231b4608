"""情况特殊、难以办结 (Tongliao 第十八条): where a hard case stands in its present round of handling.

"对情况特殊、难以办结的网民留言，承办单位可在征得网民留言交办单位同意后，向网民做好解释工作."
The lead unit asks the center with its reason (Action.ASK_HARD_CASE), the center agrees or refuses
with its own (AGREE_/REFUSE_HARD_CASE). The events are the record: the latest of them since the lead
unit received the case says where it stands, so a new round (re-dispatch, 改派) starts without one.
Read by the answer's reply check (textmine.replies), the public copy (cases.publication), the
case page and the writer's page.
"""
from __future__ import annotations

from django.db.models import Subquery

from .models import Assignment, AssignmentRole, Event
from .page_rows import page_rows
from .states import Action

ASKED, AGREED, REFUSED = "asked", "agreed", "refused"
STEPS = {Action.ASK_HARD_CASE: ASKED, Action.AGREE_HARD_CASE: AGREED, Action.REFUSE_HARD_CASE: REFUSED}
LABELS = {ASKED: "已申请解释答复，待交办单位同意", AGREED: "交办单位已同意：情况特殊、难以办结，答复为向网民所作的解释（不要求写明办理结果）",
          REFUSED: "交办单位不同意解释答复，须答复办理结果"}
# what the public reads instead of the explanation: that the matter is being explained, never the
# reasons the unit and the center gave each other
PUBLIC_TEXT = "该留言反映的问题情况特殊、难以办结。承办单位已征得交办单位同意，向留言人做好解释工作。"


def latest_step(case) -> Event | None:
    """The latest ask, agreement or refusal since the lead unit received the case, or None (one query)."""
    since = Assignment.objects.filter(case=case, active=True, role=AssignmentRole.LEAD).values("dispatched_at")[:1]
    return case.events.filter(action__in=list(STEPS), at__gte=Subquery(since)).order_by("-seq").first()


def status(case) -> str | None:
    """ASKED, AGREED, REFUSED, or None (never asked in this round)."""
    loaded = page_rows(case)
    if loaded is not None:
        return status_in(loaded.events, loaded.assignments)
    step = latest_step(case)
    return STEPS[Action(step.action)] if step is not None else None


def status_in(events, assignments) -> str | None:
    """The same, from the case's events and assignments already read (the case page has them)."""
    since = next((a.dispatched_at for a in assignments if a.active and a.role == AssignmentRole.LEAD), None)
    steps = [e for e in events if e.action in STEPS and since is not None and e.at >= since]
    return STEPS[Action(max(steps, key=lambda e: e.seq).action)] if steps else None


def explained(case) -> bool:
    """The center agreed: the unit's answer is an explanation to the writer."""
    return status(case) == AGREED
