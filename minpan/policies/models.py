from django.db import models


class PolicyInForce(models.Model):
    """No table: gives the admin an entry that shows the policy in force and the presets.

    The policy is chosen by MINPAN_POLICY when the service starts, so that every process of
    a deployment applies the same rules; the admin shows it, it does not switch it."""

    class Meta:
        managed = False
        verbose_name = "现行办理制度"
        verbose_name_plural = "现行办理制度"
        default_permissions = ("view",)
