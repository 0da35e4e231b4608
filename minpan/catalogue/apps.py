from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "minpan.catalogue"
    verbose_name = "派单目录"
