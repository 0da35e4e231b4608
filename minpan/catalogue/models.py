"""派单目录 (国办函〔2025〕66号): which unit owns which matter (事项).

A matter is a node of a tree under the domains; what the catalogue says of it (name, keywords,
lead unit, co-units, legal basis, answer time) lives in its versions. Every edit, by hand, by an
Excel import or by the center's decision on a disputed dispatch, adds a version with who, when and
why, so the catalogue in force on any day can be read back (`version_at`).
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from minpan.cases.states import Domain
from minpan.units.models import Unit


class Matter(models.Model):
    code = models.SlugField("事项编码", max_length=40, unique=True)
    domain = models.CharField("领域", max_length=20, choices=Domain.choices)
    parent = models.ForeignKey("self", verbose_name="上级事项", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    created_at = models.DateTimeField("建立时间")

    class Meta:
        verbose_name = "目录事项"
        verbose_name_plural = "目录事项"
        ordering = ["domain", "code"]

    def __str__(self) -> str:
        latest = self.latest()
        return f"{self.code} {latest.name}" if latest else self.code

    def latest(self) -> MatterVersion | None:
        return self.versions.order_by("-number").first()

    def version_at(self, at: dt.datetime) -> MatterVersion | None:
        """The version in force at `at` (None before the matter was first entered)."""
        return self.versions.filter(valid_from__lte=at).order_by("-number").first()


class MatterVersion(models.Model):
    matter = models.ForeignKey(Matter, verbose_name="事项", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    name = models.CharField("事项名称", max_length=100)
    # words and aliases a message about the matter uses, separated by spaces, commas or 、
    keywords = models.TextField("关键词和别名", blank=True)
    lead_unit = models.ForeignKey(Unit, verbose_name="牵头单位", on_delete=models.PROTECT, related_name="+")
    co_units = models.ManyToManyField(Unit, verbose_name="配合单位", blank=True, related_name="+")
    legal_basis = models.TextField("职责依据", blank=True)
    answer_days = models.PositiveSmallIntegerField("答复时限（工作日）", null=True, blank=True)
    # a withdrawn matter keeps its history; from this version on it proposes nothing
    in_force = models.BooleanField("有效", default=True)
    valid_from = models.DateTimeField("生效时间")
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="修改人", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("修改理由")

    class Meta:
        verbose_name = "目录事项版本"
        verbose_name_plural = "目录事项版本"
        ordering = ["matter", "-number"]
        constraints = [models.UniqueConstraint(fields=["matter", "number"], name="matter_version_unique")]

    def __str__(self) -> str:
        return f"{self.matter.code} 第{self.number}版 {self.name}"

    def keyword_list(self) -> list[str]:
        from .matching import split_keywords

        return split_keywords(self.keywords)
