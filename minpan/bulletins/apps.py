from django.apps import AppConfig


class BulletinsConfig(AppConfig):
    name = "minpan.bulletins"
    verbose_name = "通报"
