"""What the header asks of the policy in force: whether its rules call for a page at all."""
from __future__ import annotations

from django import template

from minpan.policies.active import active_policy
from minpan.reports.assessment import units_seen_by

register = template.Library()


@register.simple_tag
def look_back_in_force() -> bool:
    """回头看 (Chizhou 第九条(七)) is a page only where the policy in force asks for it."""
    return active_policy().follow_up.look_back


@register.simple_tag(takes_context=True)
def sees_assessment(context) -> bool:
    """单位考核 is offered to those it shows something: the center, leaders and an assessed unit's staff."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return False
    seen = units_seen_by(request.user)
    return seen is None or bool(seen)
