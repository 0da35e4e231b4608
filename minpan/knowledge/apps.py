from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "minpan.knowledge"
    verbose_name = "知识库"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from minpan.cases import hooks
        from minpan.cases.states import Action

        from . import answers

        # the entry a direct answer cites must be one the desk may offer now
        hooks.contribute(Action.DIRECT_ANSWER, answers.check_cited_entry)
