from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "minpan.notify"
    verbose_name = "催办与通知"
