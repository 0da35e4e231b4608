from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "minpan.cases"
    verbose_name = "留言办理"
