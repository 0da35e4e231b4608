"""A bulletin (通报) on the units' handling for a period: drafted by the center from the figures,
edited, submitted, approved (签发) or returned by a leader; every step is a row (BulletinStep).

It names units and case numbers only: never a writer's name, phone or id."""
from django.conf import settings
from django.db import models

from minpan.units.models import Unit


class BulletinState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待签批"
    ISSUED = "issued", "已签发"
    RETURNED = "returned", "退回"


class Section(models.TextChoices):
    """What a line of the bulletin's table says of its unit (policies.rules.BULLETIN_KINDS)."""

    OVERDUE = "overdue", "逾期办理"
    PERFUNCTORY = "perfunctory", "答复敷衍被退回重办"
    EXEMPLARY = "exemplary", "办理工作认真、质量好"


class Bulletin(models.Model):
    policy_name = models.CharField("办理制度", max_length=40)
    first_day = models.DateField("统计起始日")
    last_day = models.DateField("统计截止日")
    title = models.CharField("标题", max_length=200)
    # the text, one paragraph a line; the table is `lines`, drafted from the figures and not edited
    body = models.TextField("正文")
    # [{section, unit (id), unit_name, figures {name: value}, cases [reference, …]}]
    lines = models.JSONField("通报单位", default=list)
    units = models.ManyToManyField(Unit, verbose_name="通报单位", related_name="bulletins", blank=True)
    state = models.CharField("状态", max_length=10, choices=BulletinState.choices, default=BulletinState.DRAFT)
    number = models.CharField("期号", max_length=40, null=True, blank=True, unique=True)
    # empty: drafted by the sweep when the period ended (services.bulletin_draft_due)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="拟稿人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField("拟稿时间")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签发领导", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField("签发时间", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)

    class Meta:
        verbose_name = "通报"
        verbose_name_plural = "通报"
        ordering = ["-first_day", "-pk"]
        # one bulletin a period: a returned one is edited, not drafted again (and two sweeps draft it once)
        constraints = [models.UniqueConstraint(fields=["policy_name", "first_day", "last_day"], name="bulletin_one_per_period")]

    def __str__(self) -> str:
        return self.title

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.splitlines() if p.strip()]


class StepKind(models.TextChoices):
    DRAFT = "draft", "拟稿"
    EDIT = "edit", "修改"
    SUBMIT = "submit", "报送签批"
    APPROVE = "approve", "签发"
    RETURN = "return", "退回"


class BulletinStep(models.Model):
    """Who did what to a bulletin, and when: its whole record."""

    bulletin = models.ForeignKey(Bulletin, verbose_name="通报", on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField("操作", max_length=10, choices=StepKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,  # empty: the sweep
                              on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("时间")
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "通报办理记录"
        verbose_name_plural = "通报办理记录"
        ordering = ["at", "pk"]
