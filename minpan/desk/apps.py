from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "minpan.desk"
    verbose_name = "工作台"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .staffsession import stamp_sign_in

        user_logged_in.connect(stamp_sign_in, dispatch_uid="minpan.desk.staffsession")
