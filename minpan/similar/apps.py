from django.apps import AppConfig


class SimilarConfig(AppConfig):
    name = "minpan.similar"
    verbose_name = "相似留言"
    default_auto_field = "django.db.models.BigAutoField"
