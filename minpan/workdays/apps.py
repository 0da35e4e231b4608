from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "minpan.workdays"
    verbose_name = "工作日历"
