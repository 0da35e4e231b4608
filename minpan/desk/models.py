"""What the staff workspace keeps besides the cases: canned replies, attachments. (Sign-in failures are axes'.)"""
from __future__ import annotations

import os
import uuid

from axes.models import AccessAttempt
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django_otp.plugins.otp_totp.models import TOTPDevice

from minpan.cases.models import Case
from minpan.policies.codes import NOT_ACCEPTED_REASONS
from minpan.units.models import Unit


class SignInLock(AccessAttempt):
    """axes' failure count per username + address + browser, under a Chinese name in the admin."""

    class Meta:
        proxy = True
        verbose_name = "登录失败记录"
        verbose_name_plural = "登录失败记录"


class SecondFactor(TOTPDevice):
    """django-otp's TOTP device under a Chinese name: the admin removes a lost phone's device so the
    person sets up a new one at the next sign-in."""

    class Meta:
        proxy = True
        verbose_name = "双因素验证器"
        verbose_name_plural = "双因素验证器"


class TemplateKind(models.TextChoices):
    REPLY = "reply", "答复模板"
    NOT_ACCEPTED = "not_accepted", "不予受理说明"


class ReplyTemplate(models.Model):
    """常用回复模板: a unit's own (unit set) or the center's for everyone (unit empty)."""

    kind = models.CharField("类别", max_length=20, choices=TemplateKind.choices, default=TemplateKind.REPLY)
    unit = models.ForeignKey(Unit, verbose_name="所属单位", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="reply_templates", help_text="留空：全市通用")
    reason = models.CharField("不予受理理由", max_length=30, blank=True,
                              choices=[("", "—")] + list(NOT_ACCEPTED_REASONS.items()))
    title = models.CharField("名称", max_length=60)
    body = models.TextField("内容")
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "常用回复模板"
        verbose_name_plural = "常用回复模板"
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title


class CaseFiles(FileSystemStorage):
    """MINPAN_FILES_DIR, outside the web root, read on every use (tests point it elsewhere).
    There is no URL: files are served by desk.views.files, which checks who may see the case."""

    @property
    def base_location(self):
        return str(settings.MINPAN_FILES_DIR)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("附件不通过网址直接访问")


case_files = CaseFiles()


def _upload_to(instance, filename: str) -> str:
    # Never the uploader's file name on disk: it only lives in `name`.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"cases/{instance.case_id}/{uuid.uuid4().hex}.{suffix}"


class Attachment(models.Model):
    case = models.ForeignKey(Case, verbose_name="留言", on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField("文件", upload_to=_upload_to, storage=case_files, max_length=200)
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name="上传单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name
