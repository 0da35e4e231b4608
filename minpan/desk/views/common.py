"""What every staff page needs: the user's roles and a 403 page in Chinese."""
from __future__ import annotations

from django.shortcuts import render

from minpan.units.models import Membership
from minpan.units.roles import Role


def staff_roles(user) -> set[str]:
    """The user's roles (one query, cached on the request's user object)."""
    cached = getattr(user, "_desk_roles", None)
    if cached is None:
        cached = set(Membership.objects.filter(user=user).values_list("role", flat=True))
        if user.is_superuser:
            cached.add(Role.ADMIN.value)
        user._desk_roles = cached
    return cached


def role_labels(roles: set[str]) -> str:
    return "、".join(Role(r).label for r in sorted(roles)) or "未分配岗位"


def forbidden(request, message: str):
    return render(request, "desk/403.html", {"message": message}, status=403)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"
