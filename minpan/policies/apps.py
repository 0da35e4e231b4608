from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "minpan.policies"
    verbose_name = "办理制度"
