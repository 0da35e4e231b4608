from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from .views import acting, cases, docs, intake

app_name = "api"
urlpatterns = [
    path("cases/", cases.CaseList.as_view(), name="cases"),
    # any text as the id and the action: the view answers 404 in JSON, where the resolver would give an HTML page
    path("cases/<str:pk>/", cases.CaseView.as_view(), name="case"),
    path("cases/<str:pk>/actions/<str:action>/", acting.CaseAction.as_view(), name="action"),
    path("intake/", intake.Intake.as_view(), name="intake"),
    # the description of the API itself is public: it holds no case and no secret
    path("schema", SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[]), name="schema"),
    path("docs/", docs.docs_page, name="docs"),
    re_path(r"^.*$", cases.NoSuchEndpoint.as_view(), name="unknown"),
]
