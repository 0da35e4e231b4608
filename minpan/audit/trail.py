"""Writing entries, and the middleware that records refusals and views of citizen data.

Views are recorded by route (VIEWED below) once they answered 200, so no view has to remember to
call us; the case page adds, through `note`, whether it showed the writer's identity.
"""
from __future__ import annotations

import logging
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from minpan.portal.limits import client_ip
from minpan.units.people import roles_of

from .models import AuditEntry, Result, What

log = logging.getLogger("minpan.audit")

# The address of the request being answered, for entries written by the core's listeners
# (they run after commit, in the same request, and are given the action, not the request).
current_address: ContextVar[str] = ContextVar("audit_address", default="")

# Routes that show or hand out citizen data: (audited action, object type, the URL's key).
VIEWED = {
    "desk:case": (What.VIEW_CASE, "case", "pk"),
    "desk:document": (What.VIEW_DOCUMENT, "case", "pk"),
    "desk:document_docx": (What.EXPORT, "case", "pk"),
    "desk:download": (What.VIEW_FILE, "attachment", "att"),
    "desk:writer_file": (What.VIEW_WRITER_FILE, "writer_file", "att"),
    "desk:export": (What.EXPORT, "queue", "slug"),
    "desk:hot_docx": (What.EXPORT, "hot_report", "month"),
    # the 月报 and 专报 (DOCX or XLSX) carry the hot topics' names and each unit's figures
    "desk:stats_monthly": (What.EXPORT, "report", "kind"), "desk:stats_special": (What.EXPORT, "report", "kind"),
    "api:case": (What.VIEW_CASE, "case", "pk"),  # the REST API's case: the same view of citizen data
}


def record(*, action: str, result: str, user=None, who: str = "", role: str = "", object_type: str = "",
           object_id: object = "", address: str | None = None, detail: str = "", at=None) -> AuditEntry | None:
    """Add one entry. A failure to write it is logged and never breaks what is being audited."""
    if user is not None and getattr(user, "is_authenticated", False):
        who = who or user.get_full_name().strip() or user.get_username()
        role = role or ",".join(sorted(roles_of(user)))
        user_id = user.pk
    else:
        user_id = None
    try:
        return AuditEntry.objects.create(
            at=at or timezone.now(), user_id=user_id, who=who[:150], role=role[:200], action=action,
            object_type=object_type[:40], object_id=str(object_id)[:64], result=result,
            address=(current_address.get() if address is None else address)[:64], detail=detail[:200],
        )
    except Exception:  # the page or the action goes on; the log says an entry is missing
        log.exception("审计日志写入失败：%s %s", action, result)
        return None


def note(request, detail: str) -> None:
    """What a view adds to its own entry (e.g. whether the writer's identity was shown)."""
    request._audit_detail = detail


class AuditMiddleware:
    """After the authentication middleware: records refusals of signed-in users and the views
    listed in VIEWED. Anonymous refusals are not recorded: scanners would fill the table, and
    the portal's rate limits answer those."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_address.set(client_ip(request))
        try:
            response = self.get_response(request)
            self._after(request, response)
            return response
        finally:
            current_address.reset(token)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404 | PermissionDenied) and request.user.is_authenticated:
            request._audit_refused = True
            self._refused(request, "未找到或无权查看" if isinstance(exception, Http404) else "无权操作")
        return None

    def _after(self, request, response) -> None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        if response.status_code == 403 and not getattr(request, "_audit_refused", False):
            self._refused(request, "无权操作")
            return
        match = request.resolver_match
        viewed = VIEWED.get(match.view_name) if match else None
        if viewed and response.status_code == 200 and request.method == "GET":
            action, kind, key = viewed
            detail = getattr(request, "_audit_detail", "")
            if action == What.EXPORT and "fmt" in match.kwargs:
                detail = detail or f"格式 {match.kwargs['fmt']}"
            record(action=action, result=Result.ALLOWED, user=user, object_type=kind,
                   object_id=match.kwargs.get(key, ""), detail=detail)

    def _refused(self, request, why: str) -> None:
        refused(request, why)


def refused(request, why: str) -> None:
    """Record a signed-in user's refused request by its route (also the REST API's, whose 404s
    never reach process_exception: DRF answers them itself)."""
    match = request.resolver_match
    name = match.view_name if match else ""
    obj = next(iter(match.kwargs.values()), "") if match and match.kwargs else ""
    # the route's name, never the path: a path can carry what the user typed
    record(action=What.ACCESS, result=Result.DENIED, user=request.user, object_type=name[:40],
           object_id=obj, detail=f"{request.method[:10]} {why}")
