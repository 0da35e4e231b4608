from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "minpan.privacy"
    verbose_name = "个人信息"
