"""POST /api/v1/intake/: a channel's adapter files a message, once per channel id."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from minpan.cases.models import Case
from minpan.cases.services import CITIZEN_FIELDS, DuplicateMessage, case_collect

from ..auth import ChannelToken
from ..errors import invalid
from ..shapes import Error, IntakeIn, IntakeOut


def _answer(case: Case, *, password: str | None) -> dict:
    # the case's own keys only: nothing of the writer is sent back
    return {"id": case.pk, "reference": case.reference, "channel": case.channel, "external_id": case.external_id,
            "created": password is not None, "tracking_code": case.tracking_code if password else None,
            "query_password": password}


class Intake(APIView):
    permission_classes = [ChannelToken]

    @extend_schema(
        operation_id="intake_create", summary="渠道提交留言", tags=["渠道接入"], request=IntakeIn,
        description="以渠道令牌提交一条留言，成为待初审的留言。同一渠道的同一 external_id 只收一次："
                    "新建时返回 201，已收过时返回 200 和已有留言的编号。办理制度不受理该渠道的，返回 400 和说明。"
                    "返回内容不含留言人信息。",
        responses={
            201: OpenApiResponse(IntakeOut, description="已新建"), 200: OpenApiResponse(IntakeOut, description="此编号已收过"),
            400: OpenApiResponse(Error, description="内容有误，或办理制度不受理该渠道"),
            401: OpenApiResponse(Error, description="未提供令牌，或令牌无效、已吊销"),
            403: OpenApiResponse(Error, description="人员令牌不能提交留言"),
        },
    )
    def post(self, request):
        channel = request.auth.channel
        given = IntakeIn(data=request.data)
        if not given.is_valid():
            return invalid(given.errors)
        data = given.validated_data
        external_id = data["external_id"].strip()
        if not external_id:
            return invalid({"external_id": ["请填写渠道内的留言编号。"]})
        existing = Case.objects.filter(channel=channel, external_id=external_id).first()
        if existing is not None:
            return Response(_answer(existing, password=None), status=200)
        citizen = {k: data[k] for k in CITIZEN_FIELDS if data.get(k)}
        try:
            case, password = case_collect(
                channel=channel, subject=data["subject"], body=data["body"], citizen=citizen, external_id=external_id,
                received_at=data.get("received_at"), may_publish=data.get("may_publish", True),
            )
        except DuplicateMessage as exc:  # filed meanwhile by a parallel request
            return Response(_answer(exc.case, password=None), status=200)
        return Response(_answer(case, password=password), status=201)
