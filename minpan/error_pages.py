"""The pages shown when something goes wrong, in Chinese, in the look of the part of the site
the visitor was in: the desk's for staff addresses (/desk/, /notify/, /admin/), the portal's
for everyone else. Django's own are English and, for CSRF, carry an inline <style>.

Used when DEBUG is off (handler400/403/404/500 in minpan/urls.py); the 405 page is put in by
MethodNotAllowedPageMiddleware, since Django's require_POST answers with an empty body.
"""
from __future__ import annotations

from django.http import HttpResponse
from django.template import loader

STAFF_PREFIXES = ("/desk/", "/notify/", "/admin/")

# status: (title, what happened and what to do)
TEXTS = {
    400: ("请求有误", "这次请求的内容无法处理。请返回上一页，检查后重新操作。"),
    403: ("无权访问", "您没有查看此页面或进行此操作的权限。"),
    404: ("页面不存在", "您要找的页面不存在，可能地址有误，或内容已不再公开。"),
    405: ("请求方式不对", "此地址不接受这种请求方式。请使用页面上的按钮或链接操作。"),
    500: ("系统暂时出现故障", "服务器处理时出错，工作人员已收到记录。请稍后再试；紧急事项请拨打政务服务热线 12345。"),
}
CSRF_TEXT = ("页面已过期", "页面停留时间过长，或浏览器禁止了 Cookie，提交没有成功。请返回上一页，刷新后重新提交。")


def look(request) -> str:
    return "desk" if request.path.startswith(STAFF_PREFIXES) else "portal"


def error_page(request, status: int, text: tuple[str, str] | None = None) -> HttpResponse:
    title, message = text or TEXTS[status]
    if status >= 500:
        # Standalone template, no context processors: whatever broke (the database, say)
        # must not break the error page too.
        body = loader.render_to_string(f"{look(request)}/500.html", {"title": title, "message": message})
    else:
        body = loader.render_to_string(
            f"{look(request)}/error.html", {"status": status, "title": title, "message": message}, request=request,
        )
    return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def server_error(request):
    return error_page(request, 500)


def csrf_failure(request, reason: str = ""):
    return error_page(request, 403, CSRF_TEXT)


class MethodNotAllowedPageMiddleware:
    """Gives the empty 405 of require_POST / require_http_methods a page, keeping its Allow header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            page = error_page(request, 405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response
