"""专题协调会议 (Yuncheng 五(二)): "对于网民反映的一些影响面广、涉事部门多、时间跨度长、协调难度大的问题，
由市政府办公室及时召开专题协调会议，明确牵头单位和责任单位职责，限期办理."

The center records the meeting on a case the units hold (date, place, who attended, the lead and
responsible units it fixed, the time limit as a date, the minutes). The limit becomes the deadline
in force (Case.coordinated_due, read by cases.deadlines), so the reminder, the ladder and the
statistics follow it. Units it names that are not on the case join as co-units; a different lead
goes through the 改派 path (a new round, the old units' assignments end), which the table allows
only before the answer is drafted.
"""
from __future__ import annotations

import datetime as dt

from minpan.units.models import Unit
from minpan.workdays.arith import CalendarError, local_date, parse_date

from ..errors import RuleViolation
from ..models import CoordinationMeeting
from ..states import RETURNABLE, Action
from .base import effect, new_deadline_round, required, the_lead, void_pending_extensions
from .dispatch import _new_round, add_co_units


def _day(value, label: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(required(value, label))
    except CalendarError as exc:
        raise RuleViolation(f"{label}：{exc}") from None


@effect(Action.COORDINATE)
def coordinate(ctx, *, held_on, place: str, attendees: str, lead: Unit, due_on, minutes: str,
               units: list[Unit] | tuple = ()):
    if not ctx.policy.escalation.coordination_meetings:
        raise RuleViolation(f"《{ctx.policy.document}》未设专题协调会议。")
    case = ctx.case
    today = local_date(ctx.now)
    held_on, due_on = _day(held_on, "会议日期"), _day(due_on, "限期办结日期")
    if held_on > today:
        raise RuleViolation("会议日期不能晚于今天：会议开过后再记录。")
    if due_on < today:
        raise RuleViolation("会议确定的办结期限不能早于今天。")
    place, attendees, minutes = required(place, "会议地点"), required(attendees, "参会单位和人员"), required(minutes, "会议纪要")
    responsible = list({u.pk: u for u in units if u.pk != lead.pk}.values())
    instructions = f"{held_on:%Y年%m月%d日}专题协调会议确定：限 {due_on:%Y年%m月%d日} 前办结。"
    current = the_lead(case)
    if lead.pk != current.unit_id:
        if case.state not in RETURNABLE:
            raise RuleViolation("答复已在拟写或审签：会议更换牵头单位前，请先由原牵头单位退回或请中心改派。")
        data = _new_round(ctx, lead, responsible, instructions, instructions)
        data["from_name"] = current.unit.name
    else:
        on_case = set(case.assignments.filter(active=True).values_list("unit_id", flat=True))
        added = [u for u in responsible if u.pk not in on_case]
        add_co_units(ctx, added, instructions)
        new_deadline_round(case)  # a new deadline: the ladder starts again from its first rung
        # the meeting fixed the limit: a request for more days decided after it would move nothing
        void_pending_extensions(case, "专题协调会议已确定办结期限，延期申请作废")
        data = {"lead_name": lead.name, "co_names": [u.name for u in added]}
    case.coordinated_due = due_on
    meeting = CoordinationMeeting.objects.create(
        case=case, held_on=held_on, place=place, attendees=attendees, lead=lead, due_on=due_on, minutes=minutes,
        recorded_by=ctx.actor, recorded_at=ctx.now,
    )
    meeting.units.set(responsible)
    return {**data, "meeting": meeting.pk, "held_on": held_on.isoformat(), "place": place,
            "units": [u.pk for u in responsible], "unit_names": [u.name for u in responsible], "due_on": due_on.isoformat()}
