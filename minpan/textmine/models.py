"""What textmine keeps in the database: the suggestions shown at initial review and what staff
did with them (the feedback that measures the models and feeds the next training), and the
row that lets one worker at a time retrain the models."""
from django.conf import settings
from django.db import models

from minpan.cases.models import Case


class Kind(models.TextChoices):
    DOMAIN = "domain", "领域"
    MSG_TYPE = "msg_type", "留言类型"
    LEAD_UNIT = "lead_unit", "牵头单位"


class Outcome(models.TextChoices):
    PENDING = "pending", "待确认"
    ACCEPTED = "accepted", "采纳建议"
    CORRECTED = "corrected", "更正"


class Suggestion(models.Model):
    """The ranked suggestions of one kind for a case, made once when it arrives, and the first
    decision staff took on that axis (classify for domain and type, dispatch for the lead unit)."""

    case = models.ForeignKey(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    # [[code, confidence], …] best first; for lead_unit [[unit id, score], …] (scores order, not probabilities)
    ranked = models.JSONField("建议（按可信度排序）", default=list)
    model_version = models.CharField("模型版本", max_length=80, blank=True)
    made_at = models.DateTimeField("生成时间")
    chosen = models.CharField("实际选择", max_length=40, blank=True)
    outcome = models.CharField("结果", max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("确认时间", null=True, blank=True)

    class Meta:
        verbose_name = "自动建议"
        verbose_name_plural = "自动建议"
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="suggestion_case_kind_unique")]
        indexes = [models.Index(fields=["kind", "decided_at"], name="suggestion_kind_decided")]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"

    @property
    def top(self) -> str:
        return str(self.ranked[0][0]) if self.ranked else ""


class RetrainLock(models.Model):
    """One row per scheduled job: claimed by a conditional update, so of several workers one trains."""

    name = models.CharField("名称", max_length=30, primary_key=True)
    holder = models.CharField("执行者", max_length=64, blank=True)
    until = models.DateTimeField("占用至", null=True, blank=True)
    started_at = models.DateTimeField("上次开始", null=True, blank=True)
    finished_at = models.DateTimeField("上次结束", null=True, blank=True)
    outcome = models.TextField("上次结果", blank=True)

    class Meta:
        verbose_name = "模型定期训练"
        verbose_name_plural = "模型定期训练"


class HotReport(models.Model):
    """A month's hot topics as last computed. Grouping a busy month takes seconds to minutes, so the
    page reads this row and the worker refreshes it; `key` says which cases it was made from."""

    month = models.CharField("月份", max_length=7, unique=True)
    key = models.CharField("数据指纹", max_length=200)
    computed_at = models.DateTimeField("统计时间")
    seconds = models.FloatField("用时（秒）", default=0)
    data = models.JSONField("话题")

    class Meta:
        verbose_name = verbose_name_plural = "热点问题统计"

    def __str__(self) -> str:
        return self.month
