from django.conf import settings
from django.db import models
from django.db.models import Q

from minpan.units.models import Unit
from minpan.units.roles import Role

from .encryption import EncryptedText, PhoneHash
from .states import (
    OPEN_STATES,
    Action,
    Channel,
    Domain,
    MessageType,
    NotAcceptedReason,
    PublishMode,
    Rating,
    State,
    Urgency,
)

# sorted: a set's order changes between processes, and the migration must not
_open = Q(state__in=sorted(s.value for s in OPEN_STATES))


class Case(models.Model):
    """One citizen message and its handling. `state` changes only in cases.transitions.apply."""

    # identity of the message
    channel = models.CharField("来源渠道", max_length=30, choices=Channel.choices)
    external_id = models.CharField("渠道编号", max_length=64, blank=True)
    tracking_code = models.CharField("查询码", max_length=16, unique=True)
    query_password = models.CharField("查询密码（散列）", max_length=128)
    reg_no = models.CharField("登记编号", max_length=16, null=True, blank=True, unique=True)
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("留言内容")
    may_publish = models.BooleanField("同意公开", default=True)
    # PIPL 第二十五条: personal information is published only with its own, separate consent;
    # without it only the masked copy is public, whatever the reviewer unmasks.
    publish_personal = models.BooleanField("单独同意公开本人个人信息", default=False)
    received_at = models.DateTimeField("收到时间")
    policy_name = models.CharField("办理制度", max_length=20)

    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.RECEIVED)

    # initial review and classification
    msg_type = models.CharField("留言类型", max_length=20, choices=MessageType.choices, blank=True)
    domain = models.CharField("领域", max_length=20, choices=Domain.choices, blank=True)
    urgency = models.CharField("缓急", max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    not_accepted_reason = models.CharField("不予受理理由", max_length=30, choices=NotAcceptedReason.choices, blank=True)
    not_accepted_explanation = models.TextField("不予受理说明", blank=True)
    suggested_channel = models.CharField("建议反映渠道", max_length=200, blank=True)
    # set when the message complains about a unit: the writer's identity is never shown to units
    identity_withheld = models.BooleanField("对承办单位隐去留言人信息", default=False)
    # what a unit reads when the identity is withheld: the text with the writer's identity masked,
    # made when the case is classified; units search these columns, never the raw ones
    masked_subject = models.CharField("隐去身份的标题", max_length=200, blank=True)
    masked_body = models.TextField("隐去身份的留言内容", blank=True)
    # the reviewer's choices on the public copy: {"mask": [text, …], "keep": [text, …]}
    publish_masks = models.JSONField("公开文本的人工隐去与保留", default=dict, blank=True)

    # 并单: a repeat of an earlier message is closed into it; its writer follows that case
    merged_into = models.ForeignKey("self", verbose_name="并入留言", null=True, blank=True, on_delete=models.PROTECT, related_name="merged")
    # likes (点赞数) where the channel counts them (人民网领导留言板); used to rank hot topics
    likes = models.PositiveIntegerField("点赞数", default=0)

    lead_unit = models.ForeignKey(Unit, verbose_name="牵头单位", null=True, blank=True, on_delete=models.PROTECT, related_name="lead_cases")

    # the clock and the stored deadlines, recomputed on every transition
    clock_started_at = models.DateTimeField("计时起点", null=True, blank=True)
    due_at = models.DateTimeField("办理期限", null=True, blank=True)
    # the deadline in force of the present round (clock start + the policy's days + approved
    # extensions): due_at while a unit holds the case, kept once the answer is approved and
    # published (due_at is then cleared), dropped when the clock stops (退办, 撤回, 重新办理).
    # The statistics (minpan.reports) judge 按时办结 against it.
    deadline_at = models.DateTimeField("应办结期限", null=True, blank=True)
    return_due_at = models.DateTimeField("退办期限", null=True, blank=True)
    remind_at = models.DateTimeField("到期提醒时间", null=True, blank=True)
    publish_due_at = models.DateTimeField("发布期限", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField("已延期工作日", default=0)
    extension_count = models.PositiveSmallIntegerField("已批准延期次数", default=0)
    extension_pending = models.BooleanField("延期待审批", default=False)
    calendar_unverified = models.BooleanField("期限涉及未载入节假日安排的年份", default=False)
    # what the sweep has done, so each step happens once per deadline (see notify.sweep)
    reminded_for = models.DateTimeField("已提醒的期限", null=True, blank=True)
    steps_done = models.PositiveSmallIntegerField("已执行的逾期督办步骤", default=0)
    next_step_at = models.DateTimeField("下一督办步骤时间", null=True, blank=True)
    prompts = models.PositiveSmallIntegerField("提醒与催办次数", default=0)
    # the center's phone (or SMS) reminder: due from this moment (the reminder day) until recorded,
    # and the deadline it was recorded for (Action.PHONE_REMIND)
    phone_at = models.DateTimeField("电话催办时间", null=True, blank=True)
    phoned_for = models.DateTimeField("已电话催办的期限", null=True, blank=True)
    delay_explained_at = models.DateTimeField("报告逾期理由时间", null=True, blank=True)
    nudge_at = models.DateTimeField("提醒中心处理时间", null=True, blank=True)
    nudged_for = models.DateTimeField("已提醒中心的等待起点", null=True, blank=True)
    alarm_at = models.DateTimeField("超期未答复预警时间", null=True, blank=True)
    alarmed = models.BooleanField("已发超期预警", default=False)
    # Tongliao 第十二条: an approved answer not published the same day is taken up the next working day
    publish_step_at = models.DateTimeField("发布逾期督办时间", null=True, blank=True)
    publish_late_for = models.DateTimeField("已督办的发布期限", null=True, blank=True)
    # Yuncheng 五(二): the time limit a 专题协调会议 set; while it holds it is the deadline (cases.deadlines)
    coordinated_due = models.DateField("专题协调会议限期", null=True, blank=True)

    # the center reviewer prepared the submitted answer for the approver the policy names (整理报审,
    # Xizang 第五条(二)); cleared when the answer is submitted again or handed back to the reviewer
    prepared_at = models.DateTimeField("整理报审时间", null=True, blank=True)

    # reply and after
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    publish_mode = models.CharField("答复方式", max_length=10, choices=PublishMode.choices, blank=True)
    public_note = models.TextField("公开说明", blank=True)
    rating = models.CharField("网民评价", max_length=12, choices=Rating.choices, blank=True)
    rating_comment = models.TextField("评价意见", blank=True)
    # after rating 不满意 the writer may follow up once (追问); it comes back to the center
    follow_up = models.TextField("网民追问", blank=True)
    follow_up_at = models.DateTimeField("追问时间", null=True, blank=True)
    callback_due = models.BooleanField("待回访", default=False)
    callback_at = models.DateTimeField("回访时间", null=True, blank=True)
    supervised = models.BooleanField("督办事项", default=False)
    # Chizhou 第九条(四): a leader's instruction awaits on-site supervision until it is recorded
    on_site_due = models.BooleanField("待实地督查", default=False)
    # Chizhou 第九条(二) 一事一报: the city leader the case was reported to, until an instruction comes
    reported_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="一事一报呈报领导", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField("一事一报时间", null=True, blank=True)
    # Chizhou 第九条(五): the answer needs a 法制审核 before it is submitted
    legal_review_needed = models.BooleanField("须法制审核", default=False)
    reopened_count = models.PositiveSmallIntegerField("重办次数", default=0)
    send_back_count = models.PositiveSmallIntegerField("退回重办次数", default=0)
    archived_at = models.DateTimeField("归档时间", null=True, blank=True)

    # personal data (minpan.privacy): a legal hold, set by the center with its reason, stops both
    # the writer's deletion request and the retention purge; erased_at: the writer's identity is gone
    legal_hold = models.BooleanField("法律保全", default=False)
    legal_hold_reason = models.TextField("保全理由", blank=True)
    erased_at = models.DateTimeField("个人信息删除时间", null=True, blank=True)

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "留言"
        verbose_name_plural = "留言"
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "external_id"], condition=~Q(external_id=""), name="case_channel_external_unique"),
        ]
        indexes = [
            models.Index(fields=["state", "received_at"], name="case_state_received"),
            # partial indexes over open cases, for the sweeper and the queues
            models.Index(fields=["due_at"], condition=_open, name="case_open_due"),
            models.Index(fields=["remind_at"], condition=_open, name="case_open_remind"),
            models.Index(fields=["phone_at"], condition=_open, name="case_open_phone"),
            models.Index(fields=["return_due_at"], condition=_open, name="case_open_return_due"),
            models.Index(fields=["next_step_at"], condition=_open, name="case_open_next_step"),
            models.Index(fields=["nudge_at"], condition=_open, name="case_open_nudge"),
            models.Index(fields=["alarm_at"], condition=_open, name="case_open_alarm"),
            models.Index(fields=["publish_step_at"], condition=_open, name="case_open_publish_step"),
            # the sweep's "no reply published for 45 days" check, every minute
            models.Index(fields=["answered_at"], condition=Q(publish_mode="public"), name="case_public_answered"),
            models.Index(fields=["received_at"], name="case_received"),
            # the statistics' periods (minpan.reports): answers and deadlines falling in them
            models.Index(fields=["answered_at"], name="case_answered"),
            models.Index(fields=["deadline_at"], name="case_deadline"),
            # 期末逾期未办结 (reports.indicators._overdue_open): the unanswered, and reopened cases
            # whose answer is older than their present round's clock
            models.Index(fields=["deadline_at"], condition=Q(answered_at__isnull=True), name="case_unanswered_deadline",
                         include=["lead_unit"]),  # the dashboard's count by unit, from the index alone
            models.Index(fields=["deadline_at"], condition=Q(answered_at__lt=models.F("clock_started_at")), name="case_reopened_deadline"),
            # ... and the answers given after the period's end to cases due by then: late answers only
            models.Index(fields=["answered_at"], condition=Q(answered_at__gte=models.F("deadline_at")), name="case_late_answered"),
            # the statistics' counts of actions are broken down by their case's unit, channel, type
            # and domain: read from this index, not from the whole (wide) case rows
            models.Index(fields=["id"], include=["lead_unit", "channel", "msg_type", "domain"], name="case_report_dims"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return self.reg_no or f"留言#{self.pk}"


class Citizen(models.Model):
    """The writer's identity and contact, kept apart from the message text."""

    case = models.OneToOneField(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="citizen", primary_key=True)
    name = models.CharField("姓名", max_length=60, blank=True)
    # encrypted at rest (minpan.cases.encryption); looked up by the keyed hash, never by the column
    phone = EncryptedText("电话", blank=True)
    phone_hash = PhoneHash("手机号检索值", db_index=True, source="phone")
    email = models.EmailField("电子邮箱", blank=True)
    id_number = EncryptedText("身份证号", blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    employer = models.CharField("工作单位", max_length=100, blank=True)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    # mail goes only to an address its owner confirmed (a typed address may be anyone's)
    email_confirmed_at = models.DateTimeField("邮箱确认时间", null=True, blank=True)

    class Meta:
        verbose_name = "留言人"
        verbose_name_plural = "留言人"

    @property
    def reachable(self) -> bool:
        return bool(self.phone or self.email)


class AssignmentRole(models.TextChoices):
    LEAD = "lead", "牵头单位"
    CO = "co", "配合单位"


class Assignment(models.Model):
    case = models.ForeignKey(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField("承办角色", max_length=4, choices=AssignmentRole.choices)
    active = models.BooleanField("有效", default=True)
    dispatched_at = models.DateTimeField("交办时间")
    # when the unit stopped holding the case (退办 or re-dispatch): it sees nothing of what came after
    ended_at = models.DateTimeField("交办结束时间", null=True, blank=True)
    claimed_at = models.DateTimeField("认领时间", null=True, blank=True)
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="认领人", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    returned_at = models.DateTimeField("退办时间", null=True, blank=True)
    return_reason = models.TextField("退办原因", blank=True)
    return_basis = models.TextField("退办依据", blank=True)
    return_signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="退办审签人", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # 派单异议 (国办函〔2025〕66号): the return cites the catalogue's matter; the center decides on it
    disputed_matter = models.ForeignKey("catalogue.Matter", verbose_name="异议所引目录事项", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="disputes")
    dispute_outcome = models.CharField("异议审核结果", max_length=10, blank=True,
                                       choices=[("accepted", "异议成立"), ("rejected", "异议不成立")])
    # 交办意见: what the center asks of this unit (the lead's task, or a co-unit's part)
    instructions = models.TextField("交办意见", blank=True)
    co_input = models.TextField("配合意见", blank=True)
    co_input_at = models.DateTimeField("配合意见提交时间", null=True, blank=True)

    class Meta:
        verbose_name = "交办记录"
        verbose_name_plural = "交办记录"
        # a unit's tabs and queues join its held cases: the case ids come from this index alone
        # (at 1,000,000 cases a unit holds ~27,000, most of them archived; cases 0030)
        indexes = [models.Index(fields=["unit", "case"], condition=Q(active=True), name="assignment_held")]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(active=True, role="lead"), name="assignment_one_active_lead"),
        ]


class ExtensionState(models.TextChoices):
    ENDORSING = "endorsing", "待单位领导签批"
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已同意"
    REFUSED = "refused", "不同意"


class ExtensionRequest(models.Model):
    case = models.ForeignKey(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="extensions")
    unit = models.ForeignKey(Unit, verbose_name="申请单位", on_delete=models.PROTECT, related_name="+")
    days = models.PositiveSmallIntegerField("申请延长工作日")
    promised_date = models.DateField("承诺办结日期", null=True, blank=True)
    reason = models.TextField("理由")
    basis = models.TextField("依据", blank=True)
    # Xizang 第五条(四): 及时报告工作进度; and, once the deadline has passed, the unit's explanation
    # written for the writer (向网友做好解释工作) — the only part of a request the writer reads
    progress = models.TextField("工作进度", blank=True)
    writer_note = models.TextField("向留言人的解释", blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField("申请时间")
    state = models.CharField("状态", max_length=10, choices=ExtensionState.choices, default=ExtensionState.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.TextField("审批意见", blank=True)
    # 逐级 (Tongliao 第十四条): the unit's leader signs the handler's request before the center decides
    endorsed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="单位签批人", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    endorsed_at = models.DateTimeField("单位签批时间", null=True, blank=True)

    class Meta:
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"


class CoordinationMeeting(models.Model):
    """专题协调会议 (Yuncheng 五(二)): 明确牵头单位和责任单位职责，限期办理. Recorded by the center on a
    case the units hold; the units it named are on the case and the limit it set is the deadline."""

    case = models.ForeignKey(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("会议日期")
    place = models.CharField("会议地点", max_length=200)
    attendees = models.TextField("参会单位和人员")
    lead = models.ForeignKey(Unit, verbose_name="牵头单位", on_delete=models.PROTECT, related_name="+")
    units = models.ManyToManyField(Unit, verbose_name="责任单位", blank=True, related_name="+")
    due_on = models.DateField("限期办结日期")
    minutes = models.TextField("会议纪要")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("记录时间")

    class Meta:
        verbose_name = "专题协调会议"
        verbose_name_plural = "专题协调会议"
        ordering = ["case", "recorded_at"]


class Reply(models.Model):
    """One version of the answer. The latest one is the case's reply."""

    case = models.ForeignKey(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="replies")
    version = models.PositiveSmallIntegerField("稿次")
    body = models.TextField("答复内容")
    handler_name = models.CharField("经办人", max_length=60, blank=True)
    handler_phone = models.CharField("经办人电话", max_length=40, blank=True)
    unit = models.ForeignKey(Unit, verbose_name="承办单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    by_center = models.BooleanField("中心直接答复", default=False)
    # None: written outside minpan (an answer imported with a channel's closed history)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="拟稿人", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField("拟稿时间")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审签人", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField("审签时间", null=True, blank=True)
    sealed = models.BooleanField("已加盖公章", default=False)
    callback_note = models.TextField("回访情况", blank=True)

    class Meta:
        verbose_name = "答复"
        verbose_name_plural = "答复"
        ordering = ["case", "-version"]
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="reply_version_unique")]


class Event(models.Model):
    """Append-only record of every action, hash-chained per case (see cases.events)."""

    case = models.ForeignKey(Case, verbose_name="留言", on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField("序号")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField("操作人姓名", max_length=150, blank=True)
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    unit = models.ForeignKey(Unit, verbose_name="单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("时间")
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    state_before = models.CharField("操作前状态", max_length=20, choices=State.choices, blank=True)
    state_after = models.CharField("操作后状态", max_length=20, choices=State.choices)
    note = models.TextField("说明", blank=True)
    data = models.JSONField("数据", default=dict, blank=True)
    prev_hash = models.CharField("前一条校验值", max_length=64)
    hash = models.CharField("校验值", max_length=64)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["case", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="event_case_seq_unique")]
        # the statistics count actions taken in a period (minpan.reports)
        # with the case, so that 受理's look-up of the period's decisions reads the index alone
        indexes = [models.Index(fields=["action", "at"], include=["case"], name="event_action_at")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("办理记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("办理记录只能追加，不能删除")


class FollowedStep(models.Model):
    """One `later` function or listener of a deferred action done in the worker (cases.tasks), written
    in the same transaction as what the step wrote: a job run again after its worker died (the sweep
    queues it again) skips the steps already done, so a receipt is sent, a message indexed, an
    arrival announced once. Kept a few days, then pruned by the sweep: longer than a job can wait."""

    case = models.ForeignKey(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="+")
    step = models.CharField("步骤", max_length=200)
    at = models.DateTimeField("完成时间", db_index=True)

    class Meta:
        verbose_name = "后续处理步骤"
        verbose_name_plural = "后续处理步骤"
        constraints = [models.UniqueConstraint(fields=["case", "step"], name="followed_step_once")]


class Counter(models.Model):
    """Per-year registration numbers, taken under a row lock."""

    year = models.PositiveSmallIntegerField("年度", primary_key=True)
    value = models.PositiveIntegerField("已用号数", default=0)

    class Meta:
        verbose_name = "登记编号计数"
        verbose_name_plural = "登记编号计数"


class PublicCopy(models.Model):
    """The text the public reads, made once when the answer is published (or the 不予受理 notice
    is given) from the message and the reply, with personal data masked and the reviewer's
    choices applied (see cases.publication). Public pages read only these rows."""

    case = models.OneToOneField(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="public_copy", primary_key=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)  # the answer this copy was made from
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("留言内容")
    reply = models.TextField("答复内容", blank=True)
    unit_name = models.CharField("承办单位", max_length=100, blank=True)
    handler_contact = models.CharField("经办人联系方式", max_length=120, blank=True)
    # the name the answer goes out in: the unit's (以承办单位名义) or the center's
    signed_by = models.CharField("答复署名", max_length=100, blank=True)
    explanation = models.TextField("不公开说明", blank=True)
    made_at = models.DateTimeField("生成时间", null=True, blank=True)

    class Meta:
        verbose_name = "公开文本"
        verbose_name_plural = "公开文本"


class LookBackResult(models.TextChoices):
    DONE = "done", "措施已落实"
    PARTLY = "partly", "部分落实"
    NOT_DONE = "not_done", "未落实"


class LookBackVia(models.TextChoices):
    WRITER = "writer", "回访留言人"
    UNIT = "unit", "核查承办单位"


class LookBackSample(models.Model):
    """One 回头看 (Chizhou 第九条(七)): closed cases answered in a period, drawn at random (seeded by
    the period, so the same draw comes out again) for the center to check the measures were carried
    out. Its items are the rows the statistics count (cases.lookback)."""

    since = models.DateField("答复日期自")
    until = models.DateField("答复日期至")
    size = models.PositiveIntegerField("抽取件数", null=True, blank=True)
    percent = models.PositiveSmallIntegerField("抽取比例（%）", null=True, blank=True)
    pool = models.PositiveIntegerField("可抽取的已办结件数")
    seed = models.CharField("随机种子", max_length=40)
    drawn_at = models.DateTimeField("抽取时间")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="抽取人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "回头看抽查"
        verbose_name_plural = "回头看抽查"


class LookBackItem(models.Model):
    """One case in a 回头看 sample and what checking it found. A case is drawn once, ever."""

    sample = models.ForeignKey(LookBackSample, verbose_name="抽查", on_delete=models.CASCADE, related_name="items")
    case = models.OneToOneField(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="look_back")
    result = models.CharField("核查结果", max_length=10, choices=LookBackResult.choices, blank=True)
    via = models.CharField("核查方式", max_length=10, choices=LookBackVia.choices, blank=True)
    recorded_at = models.DateTimeField("记录时间", null=True, blank=True)

    class Meta:
        verbose_name = "回头看抽查件"
        verbose_name_plural = "回头看抽查件"
        indexes = [models.Index(fields=["result"], name="cases_lookback_result")]
