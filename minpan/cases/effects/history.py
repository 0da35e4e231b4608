"""A channel's answered past: a case imported with the answer it had and the unit that gave it
(minpan import --format shangluo), so it is searchable and counted like one handled here."""
from __future__ import annotations

import datetime as dt

from minpan.units.models import Unit
from minpan.workdays.arith import end_of_day, local_date
from minpan.workdays.service import calendar_around

from .. import publication
from ..errors import RuleViolation
from ..models import Assignment, AssignmentRole, Reply
from ..states import Action, PublishMode
from .base import effect, required


@effect(Action.IMPORT_ANSWERED)
def import_answered(ctx, *, unit: Unit, reply: str, replied_at: dt.datetime):
    case = ctx.case
    reply = required(reply, "答复内容")
    if replied_at < case.received_at:
        raise RuleViolation("答复时间早于留言时间，请核对原记录。")
    Assignment.objects.create(case=case, unit=unit, role=AssignmentRole.LEAD, dispatched_at=case.received_at)
    Reply.objects.create(case=case, version=1, body=reply, unit=unit, drafted_by=None, drafted_at=replied_at)
    case.lead_unit = unit
    case.clock_started_at = case.received_at
    # the deadline it had under this policy, by which the statistics judge the answer on time
    start, days = local_date(case.received_at), ctx.policy.answer_working_days
    case.deadline_at = end_of_day(calendar_around(start, days + 2).add(start, days))
    # the channel published its answers; one whose writer did not agree stays with the writer
    case.publish_mode = PublishMode.PUBLIC if case.may_publish else PublishMode.PRIVATE
    case.answered_at = case.archived_at = replied_at
    publication.make_copy(case, replied_at)  # masked like any public answer
    return {"unit": unit.pk, "unit_name": unit.name}
