from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "minpan.api"
    verbose_name = "接口令牌"

    def ready(self):
        from . import schema  # noqa: F401  registers the bearer scheme with drf-spectacular
