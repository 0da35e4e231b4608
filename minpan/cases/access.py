"""Who may see which case. One helper per question; views call these, never filter by hand."""
from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from minpan.policies.active import policy_named
from minpan.units.models import Unit
from minpan.units.roles import CENTER_ROLES

from .models import Assignment, Case


def is_center(user) -> bool:
    return user.is_authenticated and user.memberships.filter(role__in=CENTER_ROLES).exists()


def unit_paths(user) -> list[str]:
    return list(Unit.objects.filter(members__user=user).values_list("path", flat=True).distinct())


def visible_cases(user) -> QuerySet[Case]:
    """Center staff see every case; a unit sees the cases dispatched to it or to its sub-units."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    if is_center(user):
        return Case.objects.all()
    paths = unit_paths(user)
    if not paths:
        return Case.objects.none()
    units = Unit.objects.none()
    for p in paths:
        units = units | Unit.objects.filter(path__startswith=p)
    assigned = Assignment.objects.filter(case=OuterRef("pk"), unit__in=units.values("pk"))
    return Case.objects.filter(Exists(assigned))


def case_for(user, pk) -> Case:
    """The case if the user may see it, else 404 (never 403: it must not reveal that it exists)."""
    try:
        return visible_cases(user).get(pk=pk)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404("没有这条留言") from None


def can_see_identity(user, case: Case) -> bool:
    """The writer's name and contact: center staff always; a unit only where the policy allows and
    the message does not complain about units (identity_withheld)."""
    if is_center(user):
        return True
    if case.identity_withheld or not policy_named(case.policy_name).unit_sees_identity:
        return False
    return visible_cases(user).filter(pk=case.pk).exists()
