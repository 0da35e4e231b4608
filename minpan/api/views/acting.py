"""POST /api/v1/cases/{id}/actions/{action}/: one action through transitions.apply, parsed and
checked by the case page's own form (desk.forms.FORMS), refused as the page refuses it."""
from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from minpan.cases.access import case_for
from minpan.cases.states import Action
from minpan.cases.transitions import TABLE, apply, can_take, roles_for
from minpan.desk.forms import FORMS
from minpan.policies.active import policy_named
from minpan.units.people import roles_of

from ..auth import PersonToken
from ..errors import invalid
from ..reading import case_detail
from ..shapes import ActionDone, Error
from .cases import CASE_ID, MISSING, REFUSED

ACTIONS = sorted(a.value for a in FORMS)
HELP = "；".join(f"{a.value}：{a.label}（参数：{'、'.join(FORMS[a].base_fields) or '无'}）" for a in sorted(FORMS, key=lambda a: a.value))


def form_data(action: Action, body) -> dict | None:
    """The JSON object as the page's form would post it (each field under the action's prefix);
    None when it is not an object of plain values."""
    if body is None or body == "":
        body = {}
    if not isinstance(body, dict):
        return None
    data = {}
    for key, value in body.items():
        if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict | list) for v in value)):
            return None
        if value is None:
            value = ""
        elif isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        elif isinstance(value, list):
            value = [str(v) for v in value]
        data[f"{action.value}-{key}"] = value
    return data


class CaseAction(APIView):
    permission_classes = [PersonToken]

    @extend_schema(
        operation_id="cases_action", summary="办理操作", tags=["留言办理"],
        parameters=[CASE_ID, OpenApiParameter("action", str, OpenApiParameter.PATH, enum=ACTIONS, description=f"操作代号。{HELP}")],
        request={"application/json": OpenApiTypes.OBJECT},
        description="按办理页的同一规则办理：参数与办理页该操作的表单字段相同（JSON 对象，多选的单位为编号列表）。"
                    "本人岗位或单位不能办理的为 403，当前状态不能办理的为 409，不符合办理制度或参数有误的为 400，"
                    "均附中文说明。成功时返回办理后的留言详情。",
        responses={
            200: ActionDone, 400: OpenApiResponse(Error, description="参数有误或办理制度不允许"),
            403: OpenApiResponse(Error, description="本人无权办理此操作，或使用了渠道令牌"),
            409: OpenApiResponse(Error, description="留言当前状态不能办理此操作"),
            401: REFUSED[401], **MISSING,
        },
    )
    def post(self, request, pk: str, action: str):
        user = request.user
        case = case_for(user, pk)
        try:
            act = Action(action)
            form_class = FORMS[act]
        except (ValueError, KeyError):
            raise Http404("没有这个操作") from None
        roles = roles_of(user)
        move = TABLE[act]
        # the page's own check: 403 for a post or unit that may not take it; a state that moved on gets the core's 409
        if not (roles & roles_for(case, act)) or (case.state in move.sources and not can_take(user, case, act)):
            return Response({"detail": f"您无权对 {case.reference} 执行“{act.label}”。"}, status=403)
        data = form_data(act, request.data)
        if data is None:
            return invalid({"non_field_errors": ["请以 JSON 对象提交参数，值为文字、数字、是否或列表。"]})
        form = form_class(data, case=case, user=user, policy=policy_named(case.policy_name))
        if not form.is_valid():
            return invalid(form.errors)
        apply(case, act, actor=user, **form.params())  # a refusal is answered by errors.handle
        case.refresh_from_db()
        return Response({"detail": f"{case.reference}：已{act.label}。", "case": case_detail(user, case)})
