"""Who hears about a case: people found by their role, in the lead unit or at the center."""
from django.contrib.auth import get_user_model

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

