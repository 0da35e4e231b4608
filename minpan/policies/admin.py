from django.contrib import admin
from django.template.response import TemplateResponse

from .active import active_policy
from .models import PolicyInForce
from .presets import PRESETS


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


def _rows(data: dict, prefix: str = "") -> list[tuple[str, str]]:
    rows = []
    for key, value in data.items():
        if isinstance(value, dict) and value and key != "per_channel":
            rows += _rows(value, f"{prefix}{key}.")
        else:
            rows.append((f"{prefix}{key}", _text(value)))
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
