"""Every rule of a policy by its key path, spelled as the TOML file and its error messages spell
it: `extension.max_days_each`, `escalation.steps[1].after_days`, `escalation.quality_step.kind`.

The admin page lists the rules by these paths, and `Policy.city_settings` names by them the rules
a document leaves open that the city has set (本市设定). Pure: no Django."""
from __future__ import annotations

import dataclasses

from .rules import Policy


def leaves(policy: Policy) -> list[tuple[str, object]]:
    """(path, value) for every rule, in the order the policy declares them; a mapping
    (sign_off.per_channel) is one rule, a list of steps is one rule per field of each step."""
    return list(_walk(policy, ""))


def _walk(obj, prefix: str):
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        path = f"{prefix}{f.name}"
        if dataclasses.is_dataclass(value):
            yield from _walk(value, f"{path}.")
        elif isinstance(value, tuple) and value and all(dataclasses.is_dataclass(v) for v in value):
            for i, item in enumerate(value):
                yield from _walk(item, f"{path}[{i}].")
        else:
            yield path, value


def unknown_paths(policy: Policy) -> list[str]:
    """The city_settings entries that name no rule of this policy (a typo, or a step it lacks)."""
    known = {path for path, _ in leaves(policy)}
    return [p for p in policy.city_settings if p not in known or p == "city_settings"]
