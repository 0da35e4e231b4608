from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "minpan.intake"
    verbose_name = "渠道导入"
