from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "minpan.reports"
    verbose_name = "统计与报告"
