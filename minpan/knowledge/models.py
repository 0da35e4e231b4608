from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from minpan.units.models import Unit


class Entry(models.Model):
    """One approved answer to a common consultation. Only an approved entry within its validity
    dates is searched and offered; an edit takes the approval away until the center approves again."""

    title = models.CharField("标题", max_length=200)
    questions = models.TextField("常见问法", blank=True, help_text="群众常用的问法，一行一种，用于检索")
    answer = models.TextField("答复口径")
    basis = models.CharField("依据文件", max_length=300, help_text="政策文件名称及文号，答复须有依据")
    owner = models.ForeignKey(Unit, verbose_name="责任单位", on_delete=models.PROTECT, related_name="knowledge")
    valid_from = models.DateField("生效日期")
    valid_until = models.DateField("有效期至", null=True, blank=True, help_text="空白表示长期有效")
    terms = models.TextField("检索词", blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    reminded_until = models.DateField("已提醒的有效期", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "知识库条目"
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["valid_until"], name="knowledge_valid_until")]

    def __str__(self):
        return self.title

    @property
    def approved(self) -> bool:
        return self.approved_at is not None

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


def in_force(day: dt.date) -> Q:
    """Approved entries valid on `day`: the only ones searched and offered."""
    return Q(approved_at__isnull=False, valid_from__lte=day) & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))
