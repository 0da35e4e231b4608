from django.apps import AppConfig


class TextmineConfig(AppConfig):
    name = "minpan.textmine"
    verbose_name = "文本智能"
