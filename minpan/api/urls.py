from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from .views import acting, cases, docs, intake

app_name = "api"
urlpatterns = [
    path("cases/", cases.CaseList.as_view(), name="cases"),
    path("cases/<int:pk>/", cases.CaseView.as_view(), name="case"),
    path("cases/<int:pk>/actions/<slug:action>/", acting.CaseAction.as_view(), name="action"),
    path("intake/", intake.Intake.as_view(), name="intake"),
    # the description of the API itself is public: it holds no case and no secret
    path("schema", SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[]), name="schema"),
    path("docs/", docs.docs_page, name="docs"),
]
