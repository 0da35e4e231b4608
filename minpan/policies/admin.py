from django.contrib import admin
from django.template.response import TemplateResponse

from minpan.units.roles import Role

from .active import active_policy
from .codes import CHANNELS, MESSAGE_TYPES, NOT_ACCEPTED_REASONS, QUALITY_FAULTS
from .files import HELP, preset_comments
from .models import PolicyInForce
from .paths import leaves
from .presets import PRESETS
from .rules import ORIGIN

SECTIONS = {
    "": "基本规则", "extension": "延期", "return_rule": "退办", "reminder": "到期提醒", "sign_off": "单位审签",
    "publication": "答复发布", "follow_up": "回访与评价", "escalation": "逾期督办", "reply_content": "答复内容要求",
    "review": "中心审核", "assessment": "单位考核", "bulletins": "通报",
}
STEP_KINDS = {"urge": "催办", "supervise": "督办", "transfer": "移交", "criticise": "通报批评", "account": "问责"}
# what a code stands for, by the key it is the value of
NAMES: dict[str, dict[str, str]] = {
    "channels": CHANNELS, "per_channel": CHANNELS, "message_types": MESSAGE_TYPES, "places": {**CHANNELS, ORIGIN: "留言来源渠道"},
    "not_accepted_reasons": NOT_ACCEPTED_REASONS, "quality_faults": QUALITY_FAULTS, "kind": STEP_KINDS,
    "kinds": {"overdue": "逾期办理的单位", "perfunctory": "答复敷衍被退回重办的单位", "exemplary": "表扬办理好的单位"},
    "every": {"month": "每月", "quarter": "每季度"},
    "clock_start": {"receipt": "收到承办单之日", "claim": "认领之日"},
    "level": {"principal": "主要负责人", "deputy": "分管领导或主要负责人"},
    **{key: dict(Role.choices) for key in ("approver_role", "requester_roles", "signer_roles", "endorser_roles",
                                           "publisher_roles", "recipient")},
}


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
            "sections": sections(active),
            "city_count": len(active.city_settings),
            "presets": [(p, p.name == active.name) for p in PRESETS.values()],
        }
        return TemplateResponse(request, "admin/policies/in_force.html", context)


def sections(policy) -> list[dict]:
    """The rules grouped as the document's topics; each with what it means, its value, the articles
    it rests on (the preset's comments) and whether the city set it where the document is silent."""
    comments = preset_comments(policy.name) if PRESETS.get(policy.name) == policy else {}
    city = set(policy.city_settings)
    out: dict[str, dict] = {}
    for path, value in leaves(policy):
        if path == "city_settings":
            continue
        top, _, rest = path.partition(".")
        section = top if rest else ""
        group = out.setdefault(section, {"title": SECTIONS.get(section, section), "rows": [],
                                         "basis": _basis(comments.get(section, [])) if section else ""})
        name = path.rsplit(".", 1)[-1]
        label = HELP.get(name, name)
        if "steps[" in path:
            label = f"第 {int(path.split('[')[1].split(']')[0]) + 1} 步：{label}"
        elif ".quality_step." in path:
            label = f"质量问题启动的步骤：{label}"
        group["rows"].append({
            "path": path, "label": label, "value": _text(value, name),
            "basis": _basis(comments.get(path, []) if rest else comments.get(top, [])), "city": path in city,
        })
    return list(out.values())


def _basis(lines: list[str]) -> str:
    return " ".join(c for c in lines if not c.startswith("Not yet a setting"))


def _text(value, name: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    names = NAMES.get(name, {})
    if isinstance(value, (list, tuple)):
        return "、".join(_text(v, name) for v in value) or "—"
    if isinstance(value, dict):
        return "；".join(f"{names.get(k, k)}：{_text(v, 'level')}" for k, v in value.items()) or "—"
    return names.get(str(value), str(value))
