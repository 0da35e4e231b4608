"""What the portal's menu offers: only the channels the policy in force opens."""
from __future__ import annotations

from django import template

from minpan.policies.active import active_policy
from minpan.portal import promise

register = template.Library()


@register.simple_tag
def error_channel_open() -> bool:
    """True where the policy has a 我为政府网站找错 channel (Naiman); elsewhere the entry is not shown."""
    return bool(promise.error_channel(active_policy()))
