from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "minpan.desk"
    verbose_name = "工作台"
