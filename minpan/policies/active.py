from django.conf import settings

from minpan.policies.presets import PRESETS
from minpan.policies.rules import Policy


def active_policy() -> Policy:
    return PRESETS[settings.MINPAN_POLICY]


def policy_named(name: str) -> Policy:
    try:
        return PRESETS[name]
    except KeyError:
        raise KeyError(f"未知的办理制度 {name!r}。可用：{', '.join(sorted(PRESETS))}") from None
