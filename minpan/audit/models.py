from django.db import models


class Result(models.TextChoices):
    ALLOWED = "allowed", "成功"
    DENIED = "denied", "拒绝"
    FAILED = "failed", "失败"


class What(models.TextChoices):
    SIGN_IN = "sign_in", "登录"
    SIGN_OUT = "sign_out", "退出登录"
    ACCESS = "access", "访问"  # a refusal: the page or object the user may not open
    VIEW_CASE = "view_case", "查看留言"
    VIEW_DOCUMENT = "view_document", "查看办理文书"
    VIEW_FILE = "view_file", "下载附件"
    VIEW_WRITER_FILE = "view_writer_file", "查看留言人附件"
    EXPORT = "export", "导出"
    DISPATCH = "dispatch", "交办"
    DISPUTE_DECIDED = "dispute_decided", "派单异议审核"
    DIRECT_ANSWER = "direct_answer", "中心直接答复"
    SIGN_OFF = "sign_off", "审签答复"
    SUBMIT = "submit", "报送答复"
    PUBLISH = "publish", "发布答复"


class AuditEntry(models.Model):
    """One audited event. No foreign keys: an entry outlives the account and the case it names,
    and must never stop either from being removed where the rules allow it."""

    at = models.DateTimeField("时间", db_index=True)
    user_id = models.BigIntegerField("用户编号", null=True, blank=True)
    who = models.CharField("操作人", max_length=150, blank=True)
    role = models.CharField("岗位", max_length=200, blank=True)
    action = models.CharField("操作", max_length=20, choices=What.choices)
    object_type = models.CharField("对象类型", max_length=40, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    result = models.CharField("结果", max_length=10, choices=Result.choices)
    address = models.CharField("来源地址", max_length=64, blank=True)
    # what kind of thing happened, never whose data: no names, numbers, subjects or texts
    detail = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user_id", "at"], name="audit_by_user")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.who} {self.get_action_display()} {self.get_result_display()}"
