"""Who holds which role: the one answer for access, the desk and notify."""
from __future__ import annotations

from django.db.models import Q

from minpan.statements import Prepared

from .models import Membership
from .roles import SUPERUSER_ROLES


def roles_of(user) -> frozenset[str]:
    """The roles the user holds in any unit; a superuser also holds ADMIN (one of the center's roles),
    with or without a membership. Asked several times per page and a user object lives for one
    request (or one test step), so the answer is kept on it."""
    roles = getattr(user, "_minpan_roles", None)
    if roles is None:
        roles = set()
        if user.is_authenticated:
            roles.update(m.role for m in memberships_of(user))
            if user.is_superuser:
                roles.update(r.value for r in SUPERUSER_ROLES)
        roles = user._minpan_roles = frozenset(roles)
    return roles


# every staff request asks it: built by the ORM once (minpan.statements, issue 17)
POSTS = Prepared(lambda user: Membership.objects.filter(user_id=user).select_related("unit"))


def memberships_of(user) -> list[Membership]:
    """The user's memberships with their units, read once per user object (one request, or one
    test step) for the roles, the units' paths (cases.access) and what the case page offers."""
    rows = getattr(user, "_minpan_memberships", None)
    if rows is None:
        rows = user._minpan_memberships = POSTS.rows(user.pk) if user.is_authenticated else []
    return rows


def holding_any(roles) -> Q:
    """A condition on users, the same rule as roles_of: holds one of `roles` (join: use distinct())."""
    roles = set(roles)
    q = Q(memberships__role__in=roles)
    if roles & SUPERUSER_ROLES:
        q |= Q(is_superuser=True)
    return q
