from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "minpan.desk"
    verbose_name = "工作台"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        # forms_special: the forms of the documents' special handling join forms.FORMS on import
        from . import forms_special  # noqa: F401
        from .staffsession import stamp_sign_in

        user_logged_in.connect(stamp_sign_in, dispatch_uid="minpan.desk.staffsession")

        # django-otp's own admin is in English (it registers after ours): SecondFactor lists the
        # devices in Chinese instead. The admin's autodiscovery has run by now (it is the first app).
        from django.contrib import admin
        from django_otp.plugins.otp_totp.models import TOTPDevice

        if admin.site.is_registered(TOTPDevice):
            admin.site.unregister(TOTPDevice)
