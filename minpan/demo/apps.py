from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "minpan.demo"
    verbose_name = "演示数据"
