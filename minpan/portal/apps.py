from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "minpan.portal"
    verbose_name = "公众门户"
