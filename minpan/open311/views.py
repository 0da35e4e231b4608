"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/) over the cases, so existing civic-tech
clients can file a request and follow it: services, requests (GET, POST), requests/{id} and
tokens/{token}, each as .json or .xml.

Filing needs a channel's API token as `api_key` (minpan token create --channel CODE); the request
becomes a case received on that channel, for initial review like any other. Reading needs no key, so
it shows what the public may see: the state, the unit handling it, and the masked public copy once
there is one — and only requests filed through Open311 (ids are not a way to probe other cases)."""
from __future__ import annotations

import datetime as dt
import re
import secrets
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from minpan.api.tokens import token_find
from minpan.cases.errors import CaseError
from minpan.cases.services import case_collect
from minpan.cases.states import Domain
from minpan.intake.formats import title_from
from minpan.workdays.arith import SHANGHAI

from . import shapes
from .models import Open311Request

FORMATS = ("json", "xml")
MAX_LISTED = 1000
DEFAULT_DAYS = 90
# an id is ASCII digits ("²" and "٣" are digits to str.isdigit, not to int())
ID = re.compile(r"[0-9]{1,15}")
TOKEN = re.compile(r"[0-9a-f]{32}")


def _text(raw, limit: int) -> str:
    # a NUL is no character a writer means, and PostgreSQL text cannot hold one
    return (raw or "").replace("\x00", "").strip()[:limit]


def _fmt(fmt: str):
    return fmt if fmt in FORMATS else None


@require_GET
def services(request, fmt: str):
    if not _fmt(fmt):
        return shapes.error("json", 404, "只提供 .json 或 .xml 格式。")
    return shapes.respond(shapes.services(), fmt, "services", "service")


@require_GET
def service(request, code: str, fmt: str):
    if not _fmt(fmt):
        return shapes.error("json", 404, "只提供 .json 或 .xml 格式。")
    if code not in Domain.values:
        return shapes.error(fmt, 404, f"没有服务类别 {code[:20]!r}。")
    # metadata is false for every service: no attributes beyond the description
    return shapes.respond([{"service_code": code, "attributes": ""}], fmt, "service_definitions", "service_definition")


@csrf_exempt  # an API: the channel's key authenticates, no cookie is read
@require_http_methods(["GET", "POST"])
def requests_(request, fmt: str):
    if not _fmt(fmt):
        return shapes.error("json", 404, "只提供 .json 或 .xml 格式。")
    if request.method == "POST":
        return _file(request, fmt)
    return _list(request, fmt)


def _file(request, fmt: str):
    data = request.POST
    token = token_find(data.get("api_key", ""))
    if token is None:
        return shapes.error(fmt, 403, "api_key 无效或已吊销：提交诉求须使用渠道令牌（minpan token create --channel）。")
    if not token.channel:
        return shapes.error(fmt, 403, "api_key 是个人令牌：提交诉求须使用渠道令牌。")
    code = data.get("service_code", "")
    if code not in Domain.values:
        return shapes.error(fmt, 400, f"service_code 无效：可用 {', '.join(Domain.values)}。")
    description = _text(data.get("description"), 5000)
    if not description:
        return shapes.error(fmt, 400, "description 不能为空：请写明诉求内容。")
    try:
        lat, long = _coordinate(data.get("lat"), 90), _coordinate(data.get("long"), 180)
    except ValueError:
        return shapes.error(fmt, 400, "lat/long 应为经纬度数字。")
    address = _text(data.get("address_string"), 200)
    media = _text(data.get("media_url"), 500)
    if media and not media.lower().startswith(("http://", "https://")):
        media = ""
    name = _text((data.get("last_name") or "") + (data.get("first_name") or ""), 60)
    citizen = {k: v for k, v in {"name": name, "email": _text(data.get("email"), 120),
                                 "phone": _text(data.get("phone"), 30)}.items() if v}
    where = f"\n（地点：{address}）" if address else ""
    follow = secrets.token_hex(16)
    try:
        with transaction.atomic():
            case, _ = case_collect(channel=token.channel, subject=title_from(description), body=description + where,
                                   citizen=citizen, external_id=f"o311-{follow}")
            Open311Request.objects.create(case=case, token=follow, service_code=code, address=address, lat=lat, long=long,
                                          media_url=media)
    except CaseError as exc:
        return shapes.error(fmt, 400, str(exc))
    notice = "已收到您的诉求，受理中心将尽快初审并交有关单位办理；请用 token 查询办理编号和进度。"
    return shapes.respond([{"token": follow, "service_notice": notice, "account_id": ""}], fmt, "service_requests", "request",
                          status=201)


def _coordinate(raw, limit: int) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ValueError(raw) from None
    if not value.is_finite() or abs(value) > limit:
        raise ValueError(raw)
    return value


def _list(request, fmt: str):
    q = request.GET
    found = Open311Request.objects.select_related("case", "case__lead_unit", "case__public_copy").order_by("-case__received_at")
    ids = [i.strip() for i in (q.get("service_request_id") or "").split(",") if i.strip()]
    if ids:
        if not all(ID.fullmatch(i) for i in ids):
            return shapes.error(fmt, 400, "service_request_id 应为以逗号分隔的编号。")
        found = found.filter(case_id__in=[int(i) for i in ids])
    else:
        try:
            start, end = _day(q.get("start_date")), _day(q.get("end_date"))
        except ValueError:
            return shapes.error(fmt, 400, "start_date / end_date 应为 ISO 8601 时间，如 2026-11-01T00:00:00+08:00。")
        end = end or dt.datetime.now(SHANGHAI)
        start = start or end - dt.timedelta(days=DEFAULT_DAYS)
        found = found.filter(case__received_at__gte=start, case__received_at__lte=end)
        if q.get("service_code"):
            found = found.filter(service_code__in=[c for c in q["service_code"].split(",") if c in Domain.values])
    rows = [shapes.request_row(r) for r in found[:MAX_LISTED]]
    if q.get("status") in ("open", "closed"):
        rows = [r for r in rows if r["status"] == q["status"]]
    return shapes.respond(rows, fmt, "service_requests", "request")


def _day(text):
    if not text:
        return None
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=SHANGHAI)


@require_GET
def request_one(request, pk: str, fmt: str):
    if not _fmt(fmt):
        return shapes.error("json", 404, "只提供 .json 或 .xml 格式。")
    req = (Open311Request.objects.select_related("case", "case__lead_unit", "case__public_copy")
           .filter(case_id=int(pk)).first() if ID.fullmatch(pk) else None)
    if req is None:
        return shapes.error(fmt, 404, f"没有编号为 {pk[:20]} 的 Open311 诉求。")
    return shapes.respond([shapes.request_row(req)], fmt, "service_requests", "request")


@require_GET
def token(request, token: str, fmt: str):
    if not _fmt(fmt):
        return shapes.error("json", 404, "只提供 .json 或 .xml 格式。")
    # the tokens given out are 32 hex digits: anything else is not looked up (nor a NUL sent to PostgreSQL)
    req = Open311Request.objects.filter(token=token).only("case_id", "token").first() if TOKEN.fullmatch(token) else None
    if req is None:
        return shapes.error(fmt, 404, "没有这个 token。")
    return shapes.respond([{"service_request_id": str(req.case_id), "token": req.token}], fmt, "service_requests", "request")


app_name = "open311"
urlpatterns = [
    path("services.<str:fmt>", services, name="services"),
    path("services/<str:code>.<str:fmt>", service, name="service"),
    path("requests.<str:fmt>", requests_, name="requests"),
    path("requests/<str:pk>.<str:fmt>", request_one, name="request"),
    path("tokens/<str:token>.<str:fmt>", token, name="token"),
]
