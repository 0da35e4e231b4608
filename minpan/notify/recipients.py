"""Who hears about a case: people found by their role, in a unit or at the center."""
from __future__ import annotations

from django.contrib.auth import get_user_model

from minpan.cases.access import held_cases
from minpan.cases.models import Assignment, AssignmentRole, Case, ExtensionRequest
from minpan.units.people import holding_any
from minpan.units.roles import Role

User = get_user_model()


def in_unit(unit, *roles) -> list:
    if unit is None:
        return []
    return list(User.objects.filter(is_active=True, memberships__unit=unit, memberships__role__in=roles).distinct())


def at_center(*roles) -> list:
    """Whoever holds one of the roles, counted as roles_of counts them (a superuser is an admin)."""
    return list(User.objects.filter(holding_any(roles), is_active=True).distinct())


def supervisors() -> list:
    return at_center(Role.SUPERVISOR)


def operators() -> list:
    return at_center(Role.CENTER_OPERATOR)


def reviewers() -> list:
    return at_center(Role.CENTER_REVIEWER)


def workers(unit) -> list:
    """Who takes up a unit's new work: its handlers; a unit without one, its leaders."""
    return in_unit(unit, Role.UNIT_HANDLER) or in_unit(unit, Role.UNIT_PRINCIPAL, Role.UNIT_DEPUTY)


def signers(unit, level: str | None) -> list:
    """The leaders who sign off an answer at the policy's level: the principal, or (deputy) the
    分管 leader or the principal."""
    if level is None:
        return []
    if level == "principal":
        return in_unit(unit, Role.UNIT_PRINCIPAL)
    return in_unit(unit, Role.UNIT_DEPUTY, Role.UNIT_PRINCIPAL)


def the_handler(case: Case) -> list:
    """The handler working the case in its lead unit: who drafted its latest answer there, else
    who claimed it, else (neither is a handler of the unit any more) the unit's handlers."""
    unit = case.lead_unit
    if unit is None:
        return []
    handlers = {u.pk: u for u in in_unit(unit, Role.UNIT_HANDLER)}
    reply = case.replies.filter(unit=unit).order_by("-version").values_list("drafted_by_id", flat=True).first()
    claimed = (
        Assignment.objects.filter(case=case, unit=unit, role=AssignmentRole.LEAD, active=True)
        .values_list("claimed_by_id", flat=True).first()
    )
    for pk in (reply, claimed):
        if pk in handlers:
            return [handlers[pk]]
    return list(handlers.values()) or workers(unit)


def active(pks) -> list:
    return list(User.objects.filter(pk__in={pk for pk in pks if pk is not None}, is_active=True))


def requester(request: ExtensionRequest | None) -> list:
    if request is None or not request.requested_by.is_active:
        return []
    return [request.requested_by]


def working_on(case: Case) -> list:
    """Who works the case now: staff who acted on it and whose units still hold it (a unit whose
    assignment ended has stopped), and the lead unit's handler."""
    acted = active(case.events.exclude(actor=None).values_list("actor_id", flat=True).distinct())
    people = {p.pk: p for p in [*acted, *the_handler(case)]}
    return [p for p in people.values() if held_cases(p).filter(pk=case.pk).exists()]


def for_step(kind: str, needs_leader: bool, in_lead_unit, at_center_in) -> list:
    """Who a rung of the ladder tells (a 催办, 督办, 移交, 通报批评 or 问责, for lateness or a fault):
    `in_lead_unit(role)` and `at_center_in(*roles)` find the people (the sweep passes cached ones)."""
    if kind in ("urge", "supervise"):
        leads = in_lead_unit(Role.UNIT_PRINCIPAL) + in_lead_unit(Role.UNIT_HANDLER)
        return leads + (at_center_in(Role.SUPERVISOR) if kind == "supervise" else [])
    if kind == "criticise":
        return at_center_in(Role.SUPERVISOR) + (at_center_in(Role.CITY_LEADER) if needs_leader else [])
    return at_center_in(Role.SUPERVISOR, Role.CITY_LEADER)  # transfer, account
