from django.db import models

from minpan.cases.models import Case
from minpan.cases.states import Channel


class Webhook(models.Model):
    """A channel's system to tell of every change of state of its cases (signed POSTs)."""

    channel = models.CharField("渠道", max_length=30, choices=Channel.choices)
    url = models.URLField("回调地址", max_length=500, help_text="渠道系统接收状态变化的地址（http 或 https）")
    # the shared secret the receiver checks the signature with; encrypted at rest (cases.encryption)
    secret = models.TextField("签名密钥（加密保存）", editable=False)
    active = models.BooleanField("启用", default=True)
    note = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "渠道回调地址"
        verbose_name_plural = "渠道回调地址"
        indexes = [models.Index(fields=["channel"], condition=models.Q(active=True), name="webhook_active_channel")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.url}"


class CallState(models.TextChoices):
    PENDING = "pending", "待发送"
    SENDING = "sending", "发送中"
    SENT = "sent", "已送达"
    FAILED = "failed", "多次失败"


class WebhookCall(models.Model):
    """One change of state to tell one webhook: written with the action, sent by the worker."""

    webhook = models.ForeignKey(Webhook, verbose_name="回调地址", on_delete=models.CASCADE, related_name="calls")
    case = models.ForeignKey(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="+")
    payload = models.JSONField("内容")
    state = models.CharField("状态", max_length=10, choices=CallState.choices, default=CallState.PENDING)
    attempts = models.PositiveSmallIntegerField("已尝试次数", default=0)
    created_at = models.DateTimeField("产生时间")
    next_attempt_at = models.DateTimeField("下次发送时间")
    queued_at = models.DateTimeField("排队时间", null=True, blank=True)  # when a send task was last queued for it
    claimed_at = models.DateTimeField("领取时间", null=True, blank=True)
    sent_at = models.DateTimeField("送达时间", null=True, blank=True)
    last_status = models.PositiveSmallIntegerField("最后响应码", null=True, blank=True)
    last_error = models.CharField("最后错误", max_length=300, blank=True)

    class Meta:
        verbose_name = "回调记录"
        verbose_name_plural = "回调记录"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["next_attempt_at"], condition=models.Q(state__in=["pending", "sending"]), name="webhookcall_due")]
