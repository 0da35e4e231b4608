"""The OpenAPI 3 schema at /api/v1/schema validates, documents every endpoint of /api/v1/ in
Chinese, and the docs page reads it out offline: no script, nothing from another site."""
import re

from django.urls import URLPattern
from drf_spectacular.validation import validate_schema

from minpan.api import urls as api_urls

DOCUMENTATION = {"schema", "docs", "unknown"}  # the last: a JSON 404 for any other path


def schema(client) -> dict:
    resp = client.get("/api/v1/schema", {"format": "json"})
    assert resp.status_code == 200
    return resp.json()


def api_routes() -> set[str]:
    """Every route of the API as the schema writes it (/api/v1/cases/{id}/...)."""
    out = set()
    for p in api_urls.urlpatterns:
        assert isinstance(p, URLPattern)
        if p.name in DOCUMENTATION:
            continue
        route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(p.pattern)).replace("{pk}", "{id}")
        out.add("/api/v1/" + route)
    return out


def test_the_schema_is_valid_openapi_3(client, db):
    spec = schema(client)
    validate_schema(spec)
    assert spec["openapi"].startswith("3.")


def test_every_endpoint_is_in_the_schema_with_a_chinese_summary(client, db):
    spec = schema(client)
    assert set(spec["paths"]) == api_routes()
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method not in ("get", "post"):
                continue
            assert re.search(r"[\u4e00-\u9fff]", op["summary"] + op["description"]), (path, method)
            assert {"401"} <= set(op["responses"]), (path, method)
    assert spec["components"]["securitySchemes"]["令牌"]["scheme"] == "bearer"


def test_the_docs_page_lists_every_endpoint_without_script(client, db):
    resp = client.get("/api/v1/docs/")
    assert resp.status_code == 200
    page = resp.content.decode()
    for path in api_routes():
        assert path in page
    assert "<script" not in page and "style=" not in page and "http://" not in page and "https://" not in page
    assert "script-src 'self'" in resp["Content-Security-Policy"]
