from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "minpan.cases"
    verbose_name = "留言办理"

    def ready(self):
        from minpan.workdays.schedule import schedule_changed

        from .recalendar import on_schedule_changed

        schedule_changed.connect(on_schedule_changed, dispatch_uid="cases.recalendar")
