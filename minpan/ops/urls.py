from django.urls import path

from . import health

app_name = "ops"
urlpatterns = [path("healthz", health.healthz, name="healthz")]
