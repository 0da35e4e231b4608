"""minpan's URLs plus /bench-bare/: the least a request that stores something can do on this server,
one INSERT in its own transaction (the limit the public submission is measured against)."""
from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from minpan.urls import handler400, handler403, handler404, handler500  # noqa: F401
from minpan.urls import urlpatterns as product

BARE_TABLE = "bench_bare_insert"


@csrf_exempt
def bare(request):
    with connection.cursor() as cursor:  # autocommit: the INSERT is its own transaction
        cursor.execute(f"INSERT INTO {BARE_TABLE} (body) VALUES (%s)", [request.POST.get("body", "")])  # noqa: S608
    return HttpResponse(status=201)


urlpatterns = [path("bench-bare/", bare), *product]
