"""Staff endpoints: the desk's queues, case page and actions, with a person's token."""
from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from minpan.audit import trail
from minpan.cases.access import case_for
from minpan.cases.states import State
from minpan.desk.queues import BY_SLUG, QUEUES, QueueFilter

from ..auth import PersonToken
from ..errors import invalid
from ..reading import case_detail, case_page
from ..shapes import CaseDetail, CasePage, Error

REFUSED = {
    401: OpenApiResponse(Error, description="未提供令牌，或令牌无效、已吊销、所属人员已停用"),
    403: OpenApiResponse(Error, description="渠道令牌不能查看留言"),
}
MISSING = {404: OpenApiResponse(Error, description="没有这条留言，或本人无权查看（不区分二者）")}
QUEUE_HELP = "；".join(f"{q.slug}：{q.label}" for q in QUEUES)
LIST_PARAMS = [
    OpenApiParameter("queue", str, enum=[q.slug for q in QUEUES], description=f"队列（与办理台相同），缺省 all。{QUEUE_HELP}"),
    OpenApiParameter("state", str, enum=list(State.values), description="按状态筛选"),
    OpenApiParameter("q", str, description="标题或内容关键词，或登记编号（最多 100 字）"),
    OpenApiParameter("channel", str, description="按来源渠道代号筛选"),
    OpenApiParameter("since", OpenApiTypes.DATE, description="收到日期自（含）"),
    OpenApiParameter("until", OpenApiTypes.DATE, description="收到日期至（含）"),
    OpenApiParameter("sort", str, enum=["received", "received_asc", "due", "reg_no"], description="排序，缺省按队列"),
    OpenApiParameter("page", int, description="页码，从 1 开始，每页 50 条"),
]
CASE_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="留言编号")
FILTERS = ("q", "channel", "state", "since", "until", "sort")


class CaseList(APIView):
    permission_classes = [PersonToken]

    @extend_schema(
        operation_id="cases_list", summary="留言列表", tags=["留言办理"], parameters=LIST_PARAMS,
        description="本人在办理台上可见的留言，按队列、状态、关键词筛选并分页。承办单位人员只看到交办给本单位"
                    "（或下级单位）的留言；对承办单位隐去留言人信息的，标题为隐去后的标题。",
        responses={200: CasePage, 400: OpenApiResponse(Error, description="筛选条件有误"), **REFUSED},
    )
    def get(self, request):
        slug = request.query_params.get("queue") or "all"
        if slug not in BY_SLUG:
            return invalid({"queue": [f"没有这个队列：{slug}"]})
        queue = BY_SLUG[slug]
        given = {k: request.query_params.get(k) for k in FILTERS if request.query_params.get(k) is not None}
        filters = QueueFilter(given, initial={"sort": queue.order})
        if given and not filters.is_valid():
            return invalid(filters.errors)
        if not given:
            filters = QueueFilter(None, initial={"sort": queue.order})
        return Response(case_page(request.user, queue, filters, request.query_params.get("page")))


class CaseView(APIView):
    permission_classes = [PersonToken]

    @extend_schema(
        operation_id="cases_retrieve", summary="留言详情", tags=["留言办理"], parameters=[CASE_ID],
        description="与办理页向本人显示的内容相同：留言人信息只在办理页向本人所在岗位和单位显示时给出；"
                    "本单位已不再承办的，只给出不再承办之前的办理记录；另列出本人现在可以办理的操作。",
        responses={200: CaseDetail, **REFUSED, **MISSING},
    )
    def get(self, request, pk: str):
        case = case_for(request.user, pk)
        data = case_detail(request.user, case)
        # recorded like the case page: a view of citizen data, and whether it showed the writer
        trail.note(request._request, "显示留言人身份信息" if data["writer"] else "")
        return Response(data)



class NoSuchEndpoint(APIView):
    """Anything else under /api/v1/: a JSON 404, never the site's HTML page."""

    permission_classes: list = []
    schema = None  # not an endpoint: left out of the schema

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise Http404("没有这个接口。")

    get = post = put = patch = delete = head = options = http_method_not_allowed
