from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "minpan.audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from . import listeners

        listeners.register()
