"""What every staff page needs: the user's roles and a 403 page in Chinese."""
from __future__ import annotations

from collections.abc import Set as AbstractSet

from django.shortcuts import render

from minpan.units.people import roles_of
from minpan.units.roles import Role


def staff_roles(user) -> frozenset[str]:
    """The user's roles, as access and notify count them (a superuser holds ADMIN)."""
    return roles_of(user)


def role_labels(roles: AbstractSet[str]) -> str:
    return "、".join(Role(r).label for r in sorted(roles)) or "未分配岗位"


def forbidden(request, message: str):
    return render(request, "desk/403.html", {"message": message}, status=403)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"
