"""Who is told when a case is handled in one of the documents' special ways: a hard case the unit
asks to explain (Tongliao 第十八条) and a 专题协调会议 that fixes units and a time limit (Yuncheng
五(二)). Registered in apps.NotifyConfig.ready with the other hand-offs (listeners.HANDOFFS)."""
from __future__ import annotations

from minpan.cases.hooks import Applied
from minpan.cases.models import Assignment, AssignmentRole
from minpan.cases.states import Action
from minpan.units.models import Unit
from minpan.units.roles import Role

from . import recipients as who
from .inbox import Message
from .listeners import _clause, _due, _taken_back, _tell, _unit_name
from .models import Kind


def hard_case_asked(applied: Applied) -> None:
    """To the center's reviewers (交办单位), who agree or refuse."""
    case = applied.case
    _tell(applied, [Message(Kind.HARD_CASE_ASKED, who.reviewers(), case, {
        "unit": _unit_name(case), "reason": _clause(applied.data.get("reason")), "due": _due(case),
    })])


def hard_case_decided(applied: Applied) -> None:
    """The unit is told either way: whoever asked, and the handler working the case."""
    case = applied.case
    asked = case.events.filter(action=Action.ASK_HARD_CASE).exclude(actor=None).order_by("-seq").values_list("actor_id", flat=True).first()
    people = {p.pk: p for p in [*who.active([asked]), *who.the_handler(case)]}
    agreed = applied.action == Action.AGREE_HARD_CASE
    _tell(applied, [Message(Kind.HARD_CASE_DECIDED, list(people.values()), case, {
        "unit": _unit_name(case), "decision": "已同意" if agreed else "不同意", "agreed": agreed,
        "reason": _clause(applied.data.get("reason")), "due": _due(case),
    })])


def coordinated(applied: Applied) -> None:
    """Every unit the meeting named, with the new limit; a lead it replaced is told to stop (改派)."""
    case, data = applied.case, applied.data
    named = [u for u in (case.lead_unit_id, *data.get("units", [])) if u is not None]
    units = {u.pk: u for u in Unit.objects.filter(pk__in=named)}
    lead = case.lead_unit
    active = dict(Assignment.objects.filter(case=case, active=True).values_list("unit_id", "role"))
    messages = []
    for pk in dict.fromkeys(named):
        unit = units.get(pk)
        if unit is None:
            continue
        others = "、".join(units[o].name for o in data.get("units", []) if o in units and o != pk)
        part = "牵头单位" if active.get(pk) == AssignmentRole.LEAD else "责任单位"
        people = {p.pk: p for p in [*who.workers(unit), *who.in_unit(unit, Role.UNIT_PRINCIPAL)]}
        messages.append(Message(Kind.COORDINATED, list(people.values()), case, {
            "unit": unit.name, "lead": lead.name if lead else "", "others": others, "part": part,
            "held_on": data.get("held_on", ""), "limit": data.get("due_on", ""), "due": _due(case),
        }))
    if data.get("from_name"):
        messages += _taken_back(applied, reassigned=True)
    _tell(applied, messages)


HANDOFFS = {
    Action.ASK_HARD_CASE: hard_case_asked,
    Action.AGREE_HARD_CASE: hard_case_decided,
    Action.REFUSE_HARD_CASE: hard_case_decided,
    Action.COORDINATE: coordinated,
}
