"""What the writer is told, in our words: the default wording of each notice to the writer (the
admin may override it with a Template row of the same kind) and the facts a notice may use.

A notice to the writer is filled only with facts the system made or staff wrote for the writer:
the tracking code, the registration number, dates, the reason's label, the explanation and the
suggested channel staff wrote for a 不予受理, the explanation a unit wrote for the writer with a
late extension request (Xizang 第五条(四)), and links. Never the subject, body or name the writer
typed (see api.py), and never the query password: the links lead to 一键查询, which asks for it.
The one exception is 忘记查询密码 (portal.recovery): its two notices carry the code and the new
password they exist for, and go only to the contact the writer proved is theirs.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.template import Context
from django.template import Template as DjangoTemplate
from django.urls import reverse

from minpan.cases.models import Case
from minpan.cases.states import NotAcceptedReason, PublishMode
from minpan.policies.active import policy_named
from minpan.workdays.arith import deadline_text

from .models import Kind, Template

_CODE = "查询码 {{ tracking_code }}{% if reference %}，登记编号 {{ reference }}{% endif %}"
_LOOK_UP = "请凭查询码和查询密码在网站“一键查询”查看：{{ link }}"

DEFAULTS: dict[str, tuple[str, str]] = {
    Kind.TO_WRITER_RECEIPT: (
        "留言已收到",
        "您的留言已收到，查询码 {{ tracking_code }}。请凭查询码和查询密码在网站“一键查询”查看办理进度。",
    ),
    # The answer clock starts when a unit receives the case (or claims it, Xizang 第四条(四)), after
    # this notice: the writer is told the rule, and the date where it is already known.
    Kind.TO_WRITER_ACCEPTED: (
        "留言已受理",
        "您的留言（" + _CODE + "）已受理，"
        "{% if due %}答复期限为 {{ due }}。{% else %}将{{ clock }} {{ days }} 个工作日内答复。{% endif %}" + _LOOK_UP,
    ),
    # Tongliao 第五条, Naiman 第七条, Chizhou 第七条: a refusal says why and where to turn instead.
    Kind.TO_WRITER_NOT_ACCEPTED: (
        "留言不予受理",
        "您的留言（查询码 {{ tracking_code }}）不予受理。理由：{{ reason }}。说明：{{ explanation }}"
        "{% if channel %} 建议您通过以下渠道反映：{{ channel }}。{% endif %}" + _LOOK_UP,
    ),
    Kind.TO_WRITER_EXTENDED: (
        "留言延期办理",
        "您的留言（" + _CODE + "）{% if explanation %}未能在原定期限内答复。承办单位的说明：{{ explanation }}"
        "{% else %}情况较复杂，{% endif %}经批准延期办理，答复期限延至 {{ due }}。" + _LOOK_UP,
    ),
    # Xizang 第五条(四): 逾期不能提供答复材料的 … 同时向网友做好解释工作 — the unit's words for the writer
    Kind.TO_WRITER_LATE: (
        "留言逾期说明",
        "您的留言（" + _CODE + "）已超过答复期限，承办单位尚未提供答复材料。承办单位的说明：{{ explanation }}"
        "我们正在督促办理，请您谅解。" + _LOOK_UP,
    ),
    Kind.TO_WRITER_PUBLISHED: (
        "留言已答复",
        "您的留言（" + _CODE + "）已答复。{% if answer_link %}公开答复：{{ answer_link }}。{% endif %}"
        "查看答复并评价，" + _LOOK_UP,
    ),
    # Chizhou 第九条(七): the unit calls the writer back and tells the result; the writer is told it is on record.
    Kind.TO_WRITER_CALLBACK: (
        "留言回访",
        "您的留言（" + _CODE + "）的办理情况已回访并记录在案。感谢您的配合。" + _LOOK_UP,
    ),
    Kind.TO_WRITER_MERGED: (
        "留言合并办理",
        "您的留言（查询码 {{ tracking_code }}）与此前收到的同一事项（{{ into_ref }}）合并办理，请凭原查询码查询办理进展和答复。",
    ),
    Kind.TO_WRITER_UNMERGED: (
        "留言单独办理",
        "您的留言（查询码 {{ tracking_code }}）将单独办理，请凭原查询码查询办理进展。",
    ),
    Kind.TO_WRITER_RECOVERY_CODE: (
        "找回查询密码",
        "您正在找回留言（查询码 {{ tracking_code }}）的查询密码，验证码 {{ sms_code }}，{{ minutes }} 分钟内有效。"
        "如非本人操作，请忽略本短信，原查询密码仍然有效。",
    ),
    Kind.TO_WRITER_NEW_PASSWORD: (
        "新查询密码",
        "您的留言（查询码 {{ tracking_code }}）已设置新的查询密码：{{ password }}。原查询密码已失效。"
        "请妥善保存，不要告诉他人。" + _LOOK_UP,
    ),
}

# The kinds older callers name (portal receipt, notify.listeners' merge and unmerge): the same notices.
OLDER_NAMES = {"receipt": Kind.TO_WRITER_RECEIPT, "merge": Kind.TO_WRITER_MERGED, "unmerge": Kind.TO_WRITER_UNMERGED}

# How each policy's answer clock starts, in the writer's words (Policy.clock_start).
CLOCK_WORDS = {"receipt": "自承办单位收到之日起", "claim": "自承办单位认领之日起"}  # as the portal's promise says


def site_url() -> str:
    """Scheme and host of the public site, for links in a message read outside it:
    settings.MINPAN_SITE_URL where set, else the first named host of ALLOWED_HOSTS."""
    configured = str(getattr(settings, "MINPAN_SITE_URL", "") or "").rstrip("/")
    if configured:
        return configured
    host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h and "*" not in h), "localhost")
    scheme = "https" if getattr(settings, "SESSION_COOKIE_SECURE", False) else "http"
    return f"{scheme}://{host}"


def facts(case: Case) -> dict[str, Any]:
    """What every notice may say of the case: references we made and its deadline, if any."""
    return {
        "tracking_code": case.tracking_code,
        "reference": case.reg_no or "",
        "link": site_url() + reverse("portal:query"),
        "due": deadline_text(case.due_at) if case.due_at else "",
        # the case a repeat was merged into, by its reference only (never its text, writer or unit)
        "into_ref": case.merged_into.reference if case.merged_into_id and case.merged_into else "",
    }


# What some notices say besides: the answer's rule, the refusal's reasons, the public answer.

def accepted_facts(case: Case) -> dict[str, Any]:
    policy = policy_named(case.policy_name)
    return {"days": policy.answer_working_days, "clock": CLOCK_WORDS.get(policy.clock_start, CLOCK_WORDS["receipt"])}


def not_accepted_facts(case: Case) -> dict[str, Any]:
    reason = case.not_accepted_reason
    return {
        "reason": dict(NotAcceptedReason.choices).get(reason, reason),
        "explanation": case.not_accepted_explanation, "channel": case.suggested_channel,
    }


def published_facts(case: Case) -> dict[str, Any]:
    public = case.publish_mode == PublishMode.PUBLIC and case.may_publish
    return {"answer_link": site_url() + reverse("portal:answer", args=[case.pk]) if public else ""}


def render(kind: str, context: Mapping[str, Any]) -> tuple[str, str]:
    """(title, text) of `kind`: the admin's Template row if there is one, else the default."""
    row = Template.objects.filter(kind=kind).values_list("title", "body").first()
    title, body = row or DEFAULTS[kind]
    ctx = Context(dict(context), autoescape=False)  # plain text: SMS and e-mail
    return DjangoTemplate(title).render(ctx).strip(), DjangoTemplate(body).render(ctx).strip()
