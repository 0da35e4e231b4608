"""Every refusal of the API as {"detail": "中文说明"} (and "errors" by field for a form), whatever
language the client's Accept-Language asks for: DRF's own messages follow the request's locale."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from minpan.audit import trail
from minpan.cases.errors import CaseError, IllegalTransition, NotPermitted

FIXED = {
    exceptions.NotAuthenticated: "请提供令牌：Authorization: Bearer 令牌。",
    exceptions.NotFound: "没有找到。",
    exceptions.MethodNotAllowed: "不支持此请求方法。",
    exceptions.UnsupportedMediaType: "请以 JSON（application/json）提交。",
    exceptions.NotAcceptable: "只提供 JSON 格式的答复。",
    exceptions.ParseError: "请求内容不是有效的 JSON。",
}
INVALID = "请按提示修改后重新提交。"


def core_refusal(exc: CaseError) -> Response:
    """The core's refusal with its own message: 403 not permitted, 409 the state does not allow it,
    400 a rule of the policy."""
    status = 403 if isinstance(exc, NotPermitted) else 409 if isinstance(exc, IllegalTransition) else 400
    return Response({"detail": str(exc)}, status=status)


def invalid(errors: dict) -> Response:
    return Response({"detail": INVALID, "errors": {k: [str(m) for m in v] for k, v in errors.items()}}, status=400)


def handle(exc, context):
    if isinstance(exc, CaseError):
        return core_refusal(exc)
    if isinstance(exc, Http404):
        request = context.get("request")
        if request is not None and request.user.is_authenticated:
            # as the pages' 404s are (audit.trail.AuditMiddleware.process_exception, which DRF's own handling skips)
            trail.refused(request._request, "未找到或无权查看")
        exc = exceptions.NotFound(str(exc) or FIXED[exceptions.NotFound])
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or "无权操作。")
    elif isinstance(exc, exceptions.Throttled):
        wait = exc.wait
        exc = exceptions.Throttled(wait=wait, detail="请求过于频繁，请稍后再试。")
    elif isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        return invalid(detail)
    elif type(exc) in FIXED:
        exc.detail = FIXED[type(exc)]
    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"detail": str(response.data["detail"])}
    return response
