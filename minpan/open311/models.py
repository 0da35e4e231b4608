from django.db import models

from minpan.cases.models import Case


class Open311Request(models.Model):
    """What an Open311 client sent beside the message: its service, where, and the token it follows
    the request by (GeoReport v2 `tokens/{token}`)."""

    case = models.OneToOneField(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="open311", primary_key=True)
    token = models.CharField("跟踪令牌", max_length=32, unique=True)
    service_code = models.CharField("服务类别", max_length=20)
    address = models.CharField("地点", max_length=200, blank=True)
    lat = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    media_url = models.URLField("图片地址", max_length=500, blank=True)

    class Meta:
        verbose_name = "Open311 请求"
        verbose_name_plural = "Open311 请求"
