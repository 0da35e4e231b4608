from django.apps import AppConfig


class SimilarConfig(AppConfig):
    name = "minpan.similar"
    verbose_name = "相似留言"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from minpan.cases import hooks
        from minpan.cases.states import Action

        from . import listeners

        hooks.later(Action.COLLECT, listeners.index_new_message)
