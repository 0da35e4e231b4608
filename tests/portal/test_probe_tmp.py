import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from .conftest import form_data
pytestmark = pytest.mark.django_db

def test_probe(client):
    client.post("/write/", form_data(client))
    data = form_data(client, subject="另一件")
    with CaptureQueriesContext(connection) as ctx:
        r = client.post("/write/", data)
    assert r.status_code == 302
    for q in ctx.captured_queries:
        print(q["sql"][:230])
    print(len(ctx.captured_queries))
