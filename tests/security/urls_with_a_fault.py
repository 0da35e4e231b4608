"""minpan's own URLs and error handlers, plus one address that fails, to see the 500 pages."""
from django.urls import path

from minpan.urls import handler400, handler403, handler404, handler500, urlpatterns as minpan_urlpatterns  # noqa: F401


def fault(request):
    raise RuntimeError("a fault the visitor must not see")


urlpatterns = [path("desk/fault/", fault), path("fault/", fault), *minpan_urlpatterns]
