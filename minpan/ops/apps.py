from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "minpan.ops"
    verbose_name = "运行与维护"
