"""minpan's own URLs and error handlers, plus one address that fails, to see the 500 pages."""
from django.urls import path

from minpan.urls import handler400, handler403, handler404, handler500  # noqa: F401
from minpan.urls import urlpatterns as minpan_urlpatterns


def fault(request):
    raise RuntimeError("a fault the visitor must not see")


urlpatterns = [path("desk/fault/", fault), path("fault/", fault), *minpan_urlpatterns]
