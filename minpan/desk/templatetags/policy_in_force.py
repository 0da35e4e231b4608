"""What the header asks of the policy in force: whether its rules call for a page at all."""
from __future__ import annotations

from django import template

from minpan.policies.active import active_policy

register = template.Library()


@register.simple_tag
def look_back_in_force() -> bool:
    """回头看 (Chizhou 第九条(七)) is a page only where the policy in force asks for it."""
    return active_policy().follow_up.look_back
