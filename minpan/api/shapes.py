"""The shapes of the API's requests and answers, declared for the OpenAPI schema (drf-spectacular
reads them) and used to check what comes in. Answers are built in reading.py to these shapes."""
from __future__ import annotations

from rest_framework import serializers as s

from minpan.cases.services import BODY_MAX, SUBJECT_MAX
from minpan.policies.codes import CHANNELS


class Error(s.Serializer):
    detail = s.CharField(help_text="中文说明")
    errors = s.DictField(child=s.ListField(child=s.CharField()), required=False, help_text="按字段列出的问题（表单校验未通过时）")


class CaseRow(s.Serializer):
    id = s.IntegerField(help_text="留言编号")
    reference = s.CharField(help_text="登记编号，未登记的为 留言#编号")
    subject = s.CharField(help_text="标题（对承办单位隐去留言人信息的，为隐去后的标题）")
    channel = s.CharField(help_text="来源渠道代号")
    channel_label = s.CharField(help_text="来源渠道")
    held = s.BooleanField(help_text="本人所在单位是否仍承办此件（中心人员恒为 true）")
    state = s.CharField(allow_null=True, help_text="状态代号；本单位已不再承办的为 null")
    state_label = s.CharField(help_text="状态")
    msg_type = s.CharField(allow_blank=True, help_text="留言类型代号")
    domain = s.CharField(allow_blank=True, help_text="领域代号")
    urgency = s.CharField(help_text="缓急代号")
    received_at = s.DateTimeField(help_text="收到时间")
    due_at = s.DateTimeField(allow_null=True, help_text="办理期限（该日 24:00 之前）")
    lead_unit = s.CharField(allow_null=True, help_text="牵头单位")


class CasePage(s.Serializer):
    page = s.IntegerField(help_text="页码，从 1 开始")
    per_page = s.IntegerField(help_text="每页条数")
    total = s.IntegerField(allow_null=True, help_text="总条数；“全部留言”不计数，为 null")
    has_next = s.BooleanField(help_text="是否还有下一页")
    results = CaseRow(many=True)


class Writer(s.Serializer):
    name = s.CharField(allow_blank=True, help_text="姓名")
    phone = s.CharField(allow_blank=True, help_text="电话")
    email = s.CharField(allow_blank=True, help_text="电子邮箱")
    id_number = s.CharField(allow_blank=True, help_text="身份证号")
    address = s.CharField(allow_blank=True, help_text="地址")
    employer = s.CharField(allow_blank=True, help_text="工作单位")


class Step(s.Serializer):
    at = s.DateTimeField(help_text="时间")
    action = s.CharField(help_text="操作代号")
    action_label = s.CharField(help_text="操作")
    by = s.CharField(help_text="操作人（或其角色）")
    unit = s.CharField(allow_null=True, help_text="单位")
    state_before = s.CharField(allow_blank=True, help_text="操作前状态代号")
    state_after = s.CharField(help_text="操作后状态代号")
    note = s.CharField(allow_blank=True, help_text="说明")
    details = s.ListField(child=s.ListField(child=s.CharField(), min_length=2, max_length=2),
                          help_text="明细：[名称, 值] 的列表，与办理页所示相同")


class Answer(s.Serializer):
    version = s.IntegerField(help_text="稿次")
    body = s.CharField(help_text="答复内容")
    unit = s.CharField(allow_null=True, help_text="承办单位")
    drafted_at = s.DateTimeField(help_text="拟稿时间")
    signed_at = s.DateTimeField(allow_null=True, help_text="审签时间")


class Offered(s.Serializer):
    action = s.CharField(help_text="操作代号，用于 POST /api/v1/cases/{id}/actions/{action}/")
    label = s.CharField(help_text="操作")
    fields = s.ListField(child=s.CharField(), help_text="该操作的参数名（与办理页表单相同）")


class CaseDetail(CaseRow):
    body = s.CharField(help_text="留言内容（对承办单位隐去留言人信息的，为隐去后的内容）")
    writer = Writer(allow_null=True, help_text="留言人信息：仅在办理页向本人显示时给出，否则为 null")
    follow_up = s.CharField(allow_blank=True, help_text="网民追问（身份对承办单位隐去的不给出）")
    no_longer_held_since = s.DateTimeField(allow_null=True, help_text="本单位不再承办的时间；此后的办理情况不给出")
    replies = Answer(many=True)
    timeline = Step(many=True)
    actions = Offered(many=True, help_text="本人现在可以办理的操作（与办理页所列相同）")


class ActionDone(s.Serializer):
    detail = s.CharField(help_text="结果说明")
    case = CaseDetail()


class IntakeIn(s.Serializer):
    subject = s.CharField(max_length=SUBJECT_MAX, help_text="标题")
    body = s.CharField(max_length=BODY_MAX, help_text="留言内容")
    external_id = s.CharField(max_length=64, help_text="渠道内的留言编号：同一渠道同一编号只收一次")
    received_at = s.DateTimeField(required=False, help_text="渠道收到留言的时间，缺省为现在")
    may_publish = s.BooleanField(required=False, default=True, help_text="留言人是否同意公开")
    name = s.CharField(max_length=60, required=False, allow_blank=True, help_text="留言人姓名")
    phone = s.CharField(max_length=40, required=False, allow_blank=True, help_text="留言人电话")
    email = s.EmailField(required=False, allow_blank=True, help_text="留言人电子邮箱")
    id_number = s.CharField(max_length=30, required=False, allow_blank=True, help_text="留言人身份证号")
    address = s.CharField(max_length=200, required=False, allow_blank=True, help_text="留言人地址")
    employer = s.CharField(max_length=100, required=False, allow_blank=True, help_text="留言人工作单位")


class IntakeOut(s.Serializer):
    id = s.IntegerField(help_text="留言编号")
    reference = s.CharField(help_text="登记编号或 留言#编号")
    channel = s.ChoiceField(choices=list(CHANNELS.items()), help_text="来源渠道代号")
    external_id = s.CharField(help_text="渠道内的留言编号")
    created = s.BooleanField(help_text="true：本次新建（201）；false：此编号已收过（200）")
    tracking_code = s.CharField(allow_null=True, help_text="查询码（仅新建时给出，供渠道转告留言人）")
    query_password = s.CharField(allow_null=True, help_text="查询密码（仅新建时给出一次）")
