from django.contrib import admin
from django.template.response import TemplateResponse

from .active import active_policy
from .codes import CHANNELS
from .files import HELP
from .models import PolicyInForce
from .presets import PRESETS
from .rules import ORIGIN


@admin.register(PolicyInForce)
class PolicyInForceAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        active = active_policy()
        context = {
            **self.admin_site.each_context(request),
            "title": "现行办理制度",
            "opts": self.model._meta,
            "active": active,
            "rules": _rows(active.as_dict()),
            "presets": [(p, p.name == active.name) for p in PRESETS.values()],
        }
        return TemplateResponse(request, "admin/policies/in_force.html", context)


# values shown by their Chinese names rather than their codes
NAMED = {"places": {**CHANNELS, ORIGIN: "留言来源渠道"}}


def _rows(data: dict, prefix: str = "") -> list[tuple[str, str, str]]:
    """(key, its Chinese label, its value) for every rule."""
    rows = []
    for key, value in data.items():
        if isinstance(value, dict) and value and key != "per_channel":
            rows += _rows(value, f"{prefix}{key}.")
        else:
            if key in NAMED:
                value = [NAMED[key].get(v, v) for v in value]
            rows.append((f"{prefix}{key}", HELP.get(key, ""), _text(value)))
    return rows


def _text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "、".join(_text(v) for v in value) or "—"
    if isinstance(value, dict):
        return "；".join(f"{k}: {_text(v)}" for k, v in value.items()) or "—"
    return str(value)
