from functools import cache

from django.conf import settings

from minpan.policies.presets import PRESETS
from minpan.policies.rules import Policy


@cache
def _own(path: str) -> Policy:
    from minpan.policies.files import load_file

    return load_file(path)  # settings checked it at start-up


def policies() -> dict[str, Policy]:
    """The presets, and the city's own policy when MINPAN_POLICY names a TOML file."""
    if not settings.MINPAN_POLICY_FILE:
        return PRESETS
    own = _own(settings.MINPAN_POLICY_FILE)
    return {**PRESETS, own.name: own}


def active_policy() -> Policy:
    return policies()[settings.MINPAN_POLICY]


def policy_named(name: str) -> Policy:
    known = policies()
    try:
        return known[name]
    except KeyError:
        raise KeyError(f"未知的办理制度 {name!r}。可用：{', '.join(sorted(known))}") from None
