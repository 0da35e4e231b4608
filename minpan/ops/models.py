"""The workers' heartbeats: each `minpan worker` writes its row every few seconds, so /healthz can
say whether any worker is alive (a load balancer or a monitor asks it; docs/deploy.md)."""
from django.db import models


class WorkerBeat(models.Model):
    # host-pid, as the worker names itself to the task queue; shown to nobody outside the admin.
    worker = models.CharField("工作进程", max_length=64, primary_key=True)
    seen_at = models.DateTimeField("最近心跳", db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作进程心跳"
