from django.apps import AppConfig


class TextmineConfig(AppConfig):
    name = "minpan.textmine"
    verbose_name = "文本智能"

    def ready(self):
        from minpan.cases import hooks
        from minpan.cases.states import Action

        from . import listeners

        hooks.listen(Action.COLLECT, listeners.suggest_for_new_message)
        hooks.contribute(Action.SUBMIT, listeners.flag_submitted_reply)
        hooks.contribute(Action.CLASSIFY, listeners.record_classification)
        hooks.contribute(Action.DISPATCH, listeners.record_dispatch)
