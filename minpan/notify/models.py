import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from minpan.cases.models import Case


class Kind(models.TextChoices):
    REMIND = "remind", "到期提醒"
    URGE = "urge", "催办"
    SUPERVISE = "supervise", "督办"
    TRANSFER = "transfer", "移交"
    CRITICISE = "criticise", "通报批评"
    ACCOUNT = "account", "问责"
    NUDGE_EXTENSION = "nudge_extension", "延期申请待审批"
    NUDGE_RETURN = "nudge_return", "退办待重新交办"
    ALARM_UNANSWERED = "alarm_unanswered", "超过60天未答复"
    ALARM_NO_REPLY = "alarm_no_reply", "45天未发布答复"
    SUPERVISED = "supervised", "领导批示督办"
    DELIVERY_FAILED = "delivery_failed", "通知发送失败"
    # hand-offs: the next person on a case is told it is their turn
    DISPATCHED = "dispatched", "新交办"
    CO_REQUESTED = "co_requested", "请配合办理"
    TO_SIGN = "to_sign", "答复待审签"
    SIGNED = "signed", "答复已审签待报送"
    TO_REVIEW = "to_review", "答复待审核"
    SENT_BACK = "sent_back", "答复退回重办"
    DRAFT_RETURNED = "draft_returned", "审签退回修改"
    TO_PUBLISH = "to_publish", "答复待发布"
    # Xizang 第五条(二): the reviewer's prepared answer awaits the 秘书长's 审定, or comes back from it
    TO_APPROVE = "to_approve", "答复待审定"
    PREPARED_RETURNED = "prepared_returned", "审定退回重新整理"
    RETURNED = "returned", "退办待重新交办"
    EXTENSION_ASKED = "extension_asked", "延期申请待审批"
    EXTENSION_DECIDED = "extension_decided", "延期申请已审批"
    INSTRUCTED = "instructed", "领导批示件"
    INSTRUCTION_DONE = "instruction_done", "批示件已答复"
    CENTER_URGED = "center_urged", "中心催办"
    RECALLED = "recalled", "交办已撤回"
    # 派单异议 held: the unit that returned the case citing the catalogue learns where it went
    DISPUTE_ACCEPTED = "dispute_accepted", "派单异议成立"
    FOLLOW_UP = "follow_up", "网民追问"
    CO_INPUT_GIVEN = "co_input", "配合意见已提交"
    NOTED = "noted", "内部批注"
    CALENDAR_MISSING = "calendar_missing", "下一年度节假日安排未载入"
    PUBLISH_LATE = "publish_late", "答复未按期发布"
    QUALITY_FAULT = "quality_fault", "答复质量问题"
    # Tongliao 第十八条: a hard case to be explained, asked of the center and its decision to the unit
    HARD_CASE_ASKED = "hard_case_asked", "解释答复待同意"
    HARD_CASE_DECIDED = "hard_case_decided", "解释答复申请已决定"
    # Yuncheng 五(二): a 专题协调会议 fixed the units and the time limit
    COORDINATED = "coordinated", "专题协调会议限期办理"
    # Chizhou 第九条(四): a leader's instruction awaits on-site supervision; 第九条(二): 一事一报
    ON_SITE_DUE = "on_site_due", "领导批示件待实地督查"
    REPORTED = "reported", "一事一报待批示"
    # Chizhou 第九条(五): the lead unit's leaders are to record the 法制审核 of the answer
    LEGAL_REVIEW_ASKED = "legal_review", "须法制审核"
    # 知识库: an approved answer runs out of date; its owner unit renews or withdraws it
    KNOWLEDGE_EXPIRING = "knowledge_expiring", "知识库条目到期"
    # 通报 (minpan.bulletins): awaiting a leader's signature, returned to the drafter, issued to a unit named
    BULLETIN_DRAFTED = "bulletin_drafted", "通报草稿待核改"
    BULLETIN_TO_SIGN = "bulletin_to_sign", "通报待签批"
    BULLETIN_RETURNED = "bulletin_returned", "通报退回修改"
    BULLETIN_ISSUED = "bulletin_issued", "通报已签发"
    # what the writer is told (SMS and e-mail), wording editable like the rest
    TO_WRITER_RECEIPT = "w_receipt", "告知网民：已收到"
    TO_WRITER_ACCEPTED = "w_accepted", "告知网民：已受理"
    TO_WRITER_NOT_ACCEPTED = "w_not_accepted", "告知网民：不予受理"
    TO_WRITER_EXTENDED = "w_extended", "告知网民：延期办理"
    TO_WRITER_LATE = "w_late", "告知网民：逾期说明"
    TO_WRITER_PUBLISHED = "w_published", "告知网民：已答复"
    TO_WRITER_CALLBACK = "w_callback", "告知网民：回访"
    TO_WRITER_MERGED = "w_merged", "告知网民：合并办理"
    TO_WRITER_UNMERGED = "w_unmerged", "告知网民：单独办理"
    # 忘记查询密码 (portal.recovery): sent only to a contact the writer confirmed
    TO_WRITER_RECOVERY_CODE = "w_recovery_code", "告知网民：找回密码验证码"
    TO_WRITER_NEW_PASSWORD = "w_new_password", "告知网民：新查询密码"


class Template(models.Model):
    """The wording of one kind of notification, editable in the admin (Django template syntax)."""

    kind = models.CharField("类型", max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文", help_text=(
        "可用变量：{{ case.reg_no }}、{{ case.subject }}、{{ unit }}、{{ due }}、{{ overdue_days }}、{{ letter }}、{{ count }}"))

    class Meta:
        verbose_name = "通知模板"
        verbose_name_plural = "通知模板"

    def __str__(self) -> str:
        return self.get_kind_display()


class Notification(models.Model):
    """One message in one person's inbox."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="收件人", on_delete=models.CASCADE, related_name="notifications")
    case = models.ForeignKey(Case, verbose_name="留言", null=True, blank=True, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    created_at = models.DateTimeField("时间")
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "站内通知"
        verbose_name_plural = "站内通知"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_inbox")]


class Channel(models.TextChoices):
    EMAIL = "email", "电子邮件"
    SMS = "sms", "短信"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "待发送"
    SENDING = "sending", "发送中"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"


def new_delivery_key() -> str:
    return secrets.token_hex(8)


class Delivery(models.Model):
    """One attempt-tracked send of a notification by e-mail or SMS. Retried with backoff, never dropped."""

    # a staff notification, or (notification empty) a message to a citizen about their case
    notification = models.ForeignKey(Notification, verbose_name="站内通知", null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries")
    case = models.ForeignKey(Case, verbose_name="留言", null=True, blank=True, on_delete=models.CASCADE, related_name="citizen_deliveries")
    title = models.CharField("标题", max_length=200, blank=True)
    text = models.TextField("内容", blank=True)
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    address = models.CharField("地址", max_length=200)
    state = models.CharField("状态", max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    next_attempt_at = models.DateTimeField("下次尝试")
    queued_at = models.DateTimeField("排入队列", null=True, blank=True)
    last_error = models.TextField("最近错误", blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    # the idempotency key (in the Message-ID, in the SMS gateway's header): one per delivery, every try
    key = models.CharField("幂等键", max_length=16, default=new_delivery_key, editable=False)
    claimed_at = models.DateTimeField("认领时间", null=True, blank=True)  # the current or last try's start

    class Meta:
        verbose_name = "通知发送"
        verbose_name_plural = "通知发送"
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(state__in=["pending", "sending"]), name="delivery_due"),
        ]


class LetterState(models.TextChoices):
    DRAFT = "draft", "待领导审批"
    ISSUED = "issued", "已印发"
    REFUSED = "refused", "领导不同意印发"


class Letter(models.Model):
    """A written notice the ladder issues: 催办通知书, 督办通知, 移交函, 通报批评."""

    case = models.ForeignKey(Case, verbose_name="留言", on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    title = models.CharField("文书", max_length=100)
    number = models.CharField("文号", max_length=40, unique=True)
    unit_name = models.CharField("致", max_length=100)
    body = models.TextField("正文")
    state = models.CharField("状态", max_length=10, choices=LetterState.choices)
    created_at = models.DateTimeField("拟制时间")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批领导", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField("印发时间", null=True, blank=True)
    # a refusal: who and when are the refuse_bulletin event's; the reason is shown with the letter
    refusal = models.TextField("不同意印发的理由", blank=True)

    class Meta:
        verbose_name = "督办文书"
        verbose_name_plural = "督办文书"
        ordering = ["-created_at"]


class LetterCounter(models.Model):
    """Letter numbers per kind and year, taken under a row lock so two workers never share one."""

    key = models.CharField("编号类别", max_length=30, primary_key=True)
    value = models.PositiveIntegerField("已用号数", default=0)

    class Meta:
        verbose_name = "文书编号计数"
        verbose_name_plural = "文书编号计数"


class SiteAlarm(models.Model):
    """A website-wide alarm, raised at most once per key (e.g. one per day for "no reply in 45 days")."""

    key = models.CharField("预警标识", max_length=60, unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    raised_at = models.DateTimeField("预警时间")

    class Meta:
        verbose_name = "网站预警"
        verbose_name_plural = "网站预警"


class Reach(models.TextChoices):
    """Which notices a person also wants by one channel, beside the inbox."""

    ALL = "all", "所有通知"
    URGENT = "urgent", "仅到期提醒、催办、督办和超期通知"
    NONE = "none", "不发送"


# The ladder (提醒 → 催办 → 督办 → 移交, "三单一函") and the overdue alarms: what is worth a text
# message by default. Yuncheng 五(二) and Chizhou 十六 remind by phone or SMS before the deadline.
URGENT_KINDS = frozenset({
    Kind.REMIND, Kind.URGE, Kind.SUPERVISE, Kind.TRANSFER, Kind.CRITICISE, Kind.ACCOUNT,
    Kind.ALARM_UNANSWERED, Kind.CENTER_URGED,
})


class Preference(models.Model):
    """How a person wants their notices beyond the inbox (which always has them). No row: the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, primary_key=True, related_name="notify_preference",
    )
    email = models.CharField("同时发电子邮件", max_length=10, choices=Reach.choices, default=Reach.ALL)
    sms = models.CharField("同时发短信", max_length=10, choices=Reach.choices, default=Reach.URGENT)

    class Meta:
        verbose_name = "通知方式"
        verbose_name_plural = "通知方式"

    def __str__(self) -> str:
        return f"{self.user} 的通知方式"

    def wants(self, channel: str, kind: str) -> bool:
        reach = self.email if channel == Channel.EMAIL else self.sms
        return reach == Reach.ALL or (reach == Reach.URGENT and kind in URGENT_KINDS)
