"""What the public portal keeps besides the case: rate-limit hits, idempotency keys,
and attachments of public submissions. The public copy of an answer is cases.PublicCopy."""
from django.db import models

from minpan.cases.models import Case
from minpan.notify.models import Delivery


class Hit(models.Model):
    """One counted attempt (a submission, a failed query) for a rate limit.

    `key` is a keyed hash of the IP, contact or tracking code, never the raw value.
    """

    bucket = models.CharField("计数类别", max_length=30)
    key = models.CharField("计数键（散列）", max_length=64)
    at = models.DateTimeField("时间", db_index=True)

    class Meta:
        verbose_name = "访问计数"
        verbose_name_plural = "访问计数"
        indexes = [models.Index(fields=["bucket", "key", "at"], name="portal_hit_bucket_key_at")]


class HitLock(models.Model):
    """One row per (bucket, key) that has hits: the row a request locks while it counts the
    key's hits and adds its own, so parallel requests on one key take turns (limits.py)."""

    bucket = models.CharField("计数类别", max_length=30)
    key = models.CharField("计数键（散列）", max_length=64)

    class Meta:
        verbose_name = "访问计数锁"
        verbose_name_plural = "访问计数锁"
        constraints = [models.UniqueConstraint(fields=["bucket", "key"], name="portal_hitlock_bucket_key")]


class Submission(models.Model):
    """One write form, by its idempotency key: a second POST with the same key finds the case made by the first.

    The query password waits here, in clear, only until the receipt page shows it once.
    """

    key = models.CharField("提交标识", max_length=64, unique=True)
    case = models.OneToOneField(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="portal_submission")
    password = models.CharField("待显示的查询密码", max_length=16, blank=True)
    # What the writer chose; the center classifies (these are its hints, not the case's fields).
    suggested_type = models.CharField("留言人所选类型", max_length=20, blank=True)
    suggested_domain = models.CharField("留言人所选领域", max_length=20, blank=True)
    created_at = models.DateTimeField("提交时间")
    shown_at = models.DateTimeField("显示时间", null=True, blank=True)

    class Meta:
        verbose_name = "网上提交"
        verbose_name_plural = "网上提交"


class Attachment(models.Model):
    """A file a citizen attached; stored under MINPAN_FILES_DIR, outside the web root."""

    case = models.ForeignKey(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="portal_attachments")
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("类型", max_length=40)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256 校验值", max_length=64)
    stored_as = models.CharField("存储文件名", max_length=200)
    uploaded_at = models.DateTimeField("上传时间")

    class Meta:
        verbose_name = "留言附件"
        verbose_name_plural = "留言附件"



class Recovery(models.Model):
    """One 忘记查询密码 that matched a confirmed contact: by e-mail it is done at once (used_at);
    by phone it waits for the code sent there (hashed, 10 minutes, 5 tries). The row is the
    record of the reset: when, and by which of the writer's contacts."""

    class Via(models.TextChoices):
        SMS = "sms", "短信验证码"
        EMAIL = "email", "已确认的电子邮箱"

    case = models.ForeignKey(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="password_recoveries")
    via = models.CharField("方式", max_length=10, choices=Via.choices)
    code_hash = models.CharField("验证码（散列）", max_length=64, blank=True)
    tries = models.PositiveSmallIntegerField("已试次数", default=0)
    created_at = models.DateTimeField("申请时间")
    expires_at = models.DateTimeField("失效时间")
    used_at = models.DateTimeField("重置时间", null=True, blank=True)
    # the sends that carry the code and the new password: their text is wiped once sent (limits.sweep)
    deliveries = models.ManyToManyField(Delivery, verbose_name="发送记录", blank=True, related_name="+")

    class Meta:
        verbose_name = "找回查询密码"
        verbose_name_plural = "找回查询密码"


class DataRequestKind(models.TextChoices):
    CORRECT = "correct", "更正"
    ERASE = "erase", "删除"


class DataRequest(models.Model):
    """A writer's request about their personal data (PIPL 第四十六、四十七条), for the center: a
    correction it must look at (a message's text cannot be changed by its writer), or the record of
    an erasure done at once. Holds what the writer asked, nothing else of theirs."""

    case = models.ForeignKey(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="data_requests")
    kind = models.CharField("请求", max_length=10, choices=DataRequestKind.choices)
    text = models.TextField("更正内容", blank=True)
    at = models.DateTimeField("提出时间")
    done_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "个人信息请求"
        verbose_name_plural = "个人信息请求"
        indexes = [models.Index(fields=["done_at", "at"], name="portal_datarequest_open")]
