"""The five built-in policies, by name."""
from minpan.policies.rules import Policy

from . import chizhou, naiman, tongliao, xizang, yuncheng

PRESETS: dict[str, Policy] = {
    m.POLICY.name: m.POLICY for m in (tongliao, naiman, yuncheng, xizang, chizhou)
}
