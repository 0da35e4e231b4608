"""Who may see which case. One helper per question; views call these, never filter by hand."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef, QuerySet
from django.http import Http404

from minpan.policies.active import policy_named
from minpan.statements import Prepared
from minpan.units.models import Unit
from minpan.units.people import memberships_of, roles_of
from minpan.units.roles import CENTER_ROLES

from .models import Assignment, Case
from .page_rows import keep_assignments


def is_center(user) -> bool:
    # asked several times per page; a user object lives for one request (or one test step)
    if not hasattr(user, "_minpan_center"):
        user._minpan_center = bool(roles_of(user) & CENTER_ROLES)
    return user._minpan_center


def unit_paths(user) -> list[str]:
    if not hasattr(user, "_minpan_paths"):
        user._minpan_paths = sorted({m.unit.path for m in memberships_of(user)})
    return user._minpan_paths


def _unit_scope(user) -> QuerySet[Unit]:
    """The user's units and their sub-units."""
    units = Unit.objects.none()
    for p in unit_paths(user):
        units = units | Unit.objects.filter(path__startswith=p)
    return units


def _assigned(user, **only) -> Exists:
    """A condition on cases: an assignment to one of the user's units (or sub-units)."""
    return Exists(Assignment.objects.filter(case=OuterRef("pk"), unit__in=_unit_scope(user).values("pk"), **only))


def _cases(user, unit_condition) -> QuerySet[Case]:
    # the center sees every case, a person with no unit none; a unit the cases the condition names
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    if is_center(user):
        return Case.objects.all()
    if not unit_paths(user):
        return Case.objects.none()
    return Case.objects.filter(unit_condition(user))


def visible_cases(user) -> QuerySet[Case]:
    """Center staff see every case; a unit sees the cases dispatched to it or to its sub-units."""
    return _cases(user, _assigned)


def holding(user) -> Exists:
    """A condition on cases: one of the user's units (or sub-units) holds the case now."""
    return _assigned(user, active=True)


def held_cases(user) -> QuerySet[Case]:
    """The cases the user works on now: for the center every case; for a unit those it holds
    (a unit that returned a case, or whose assignment ended, keeps it only in 全部留言)."""
    return _cases(user, holding)


# Read on every staff page that opens a case: built by the ORM once (minpan.statements, issue 17)
CASE = Prepared(lambda pk, related: Case.objects.select_related(*related).filter(pk=pk).order_by())
ASSIGNMENTS = Prepared(lambda case: Assignment.objects.filter(case_id=case).select_related("unit", "claimed_by")
                       .order_by("-active", "role", "dispatched_at"))


def case_for(user, pk, related: tuple[str, ...] = ()) -> Case:
    """The case if the user may see it, else 404 (never 403: it must not reveal that it exists).
    `related`: one-to-one rows read in the same query (select_related).

    The same rule as visible_cases, asked of one case: the case by its key, then for a unit's
    member the paths of the units it was ever dispatched to, against the member's units. Every
    staff page that opens a case asks this; visible_cases' EXISTS over the unit tree cost more
    to build than both queries take to run."""
    try:
        key = int(pk)
    except (ValueError, TypeError):
        key = None
    if key is not None and not -(2**63) <= key < 2**63:
        key = None  # past any key (a URL's digits): not found, as the ORM answers without asking SQLite
    case = None
    if key is not None and user.is_authenticated and user.is_active:
        found = CASE.rows(key, related=tuple(related))
        case = found[0] if found else None
    if case is not None and not is_center(user):
        mine = unit_paths(user)
        rows = ASSIGNMENTS.rows(case.pk, known=("case", case)) if mine else []
        if any(a.unit.path.startswith(p) for a in rows for p in mine):
            keep_assignments(case, rows)
        else:
            case = None
    if case is None:
        raise Http404("没有这条留言")
    return case


def ended_for(user, case: Case) -> dt.datetime | None:
    """For a unit member whose units no longer hold the case (they returned it, it was dispatched
    elsewhere or reopened): when they stopped holding it. None while they hold it, and for the center."""
    if is_center(user):
        return None
    mine = Assignment.objects.filter(case=case, unit__in=_unit_scope(user).values("pk"))
    if mine.filter(active=True).exists():
        return None
    ended = mine.aggregate(at=Max("ended_at"), began=Max("dispatched_at"))
    return ended["at"] or ended["began"]


def can_see_identity(user, case: Case) -> bool:
    """The writer's name and contact: center staff always; a unit only where the policy allows, the
    message does not complain about units (identity_withheld) and the unit still holds the case."""
    if is_center(user):
        return True
    if case.identity_withheld or not policy_named(case.policy_name).unit_sees_identity:
        return False
    return visible_cases(user).filter(pk=case.pk).exists() and ended_for(user, case) is None


@dataclass(frozen=True)
class Sight:
    """What one person may see of one case: the text as their side reads it, the writer's identity,
    and, for a unit that no longer holds the case, the moment after which it sees nothing new."""

    center: bool
    identity: bool
    ended_at: dt.datetime | None

    def subject(self, case: Case) -> str:
        return case.subject if self.center else unit_subject(case)

    def body(self, case: Case) -> str:
        return case.body if self.center else unit_body(case)

    def saw(self, moment: dt.datetime | None) -> bool:
        """Whether something that happened at `moment` is within what this person may see."""
        return self.ended_at is None or (moment is not None and moment <= self.ended_at)


def sight(user, case: Case, assignments: list[Assignment] | None = None) -> Sight:
    """`assignments`: every assignment of the case with its unit, already read (the case page has
    them): then the answer takes no query; the same rules as can_see_identity and ended_for."""
    center = is_center(user)
    if assignments is None or center:
        return Sight(center=center, identity=can_see_identity(user, case), ended_at=None if center else ended_for(user, case))
    paths = unit_paths(user)
    mine = [a for a in assignments if any(a.unit.path.startswith(p) for p in paths)]
    ended = None
    if mine and not any(a.active for a in mine):
        ended = max((a.ended_at for a in mine if a.ended_at), default=None) or max(a.dispatched_at for a in mine)
    identity = (bool(mine) and ended is None and not case.identity_withheld
                and policy_named(case.policy_name).unit_sees_identity)
    return Sight(center=False, identity=identity, ended_at=ended)


WITHHELD = "（留言人信息已按规定隐去）"


def unit_subject(case: Case) -> str:
    """The subject a unit reads: with the writer's identity masked where it is withheld from units."""
    if not case.identity_withheld:
        return case.subject
    return case.masked_subject or WITHHELD


def unit_body(case: Case) -> str:
    if not case.identity_withheld:
        return case.body
    return case.masked_body or WITHHELD
