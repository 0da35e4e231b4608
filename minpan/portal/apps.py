from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "minpan.portal"
    verbose_name = "公众门户"

    def ready(self):
        from minpan.cases import hooks
        from minpan.cases.states import Action

        from . import services

        # the receipt of a message from the write form, after commit in the worker
        hooks.later(Action.COLLECT, services.confirm_receipt)
