"""Bearer tokens for the REST API: one person's or one channel's. Only a hash of the token is kept,
so a copy of the database lets no one call the API."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from minpan.policies.codes import CHANNELS


class ApiToken(models.Model):
    key_hash = models.CharField("令牌校验值", max_length=64, unique=True, editable=False)
    # a person's token acts as that person, under the desk's rules; a channel's only files messages
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="人员", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="api_tokens")
    channel = models.CharField("渠道", max_length=30, blank=True, choices=list(CHANNELS.items()))
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False) & models.Q(channel="")) | (models.Q(user__isnull=True) & ~models.Q(channel="")),
                name="api_token_person_or_channel",
            ),
        ]

    def __str__(self) -> str:
        return f"令牌 #{self.pk}（{self.holder}）"

    @property
    def holder(self) -> str:
        if self.user is not None:
            return f"人员 {self.user.get_username()}"
        return f"渠道 {CHANNELS.get(self.channel, self.channel)}"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
