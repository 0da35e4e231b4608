from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "minpan.webhooks"
    verbose_name = "渠道回调"

    def ready(self):
        from minpan.cases import hooks
        from minpan.cases.states import Action
        from minpan.cases.transitions import TABLE

        from .calls import record, record_arrival

        # every action that moves a case, and its arrival: a channel's system mirrors the state
        for action in (a for a, move in TABLE.items() if move.target is not None):
            hooks.contribute(action, record)
        hooks.later(Action.COLLECT, record_arrival)
