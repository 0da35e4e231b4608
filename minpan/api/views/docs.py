"""GET /api/v1/docs/: the schema read aloud, as one server-rendered page (no script, no CDN),
so it works offline and under the site's Content-Security-Policy."""
from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


def _ref(schema: dict, spec: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _fields(schema: dict | None, spec: dict) -> list[dict]:
    if not schema:
        return []
    schema = _ref(schema, spec)
    required = set(schema.get("required", []))
    return [{"name": name, "type": _ref(p, spec).get("type", "object"), "required": name in required,
             "help": p.get("description", "")} for name, p in schema.get("properties", {}).items()]


def endpoints(spec: dict) -> list[dict]:
    out = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            out.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "tags": op.get("tags", []),
                "parameters": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                "help": p.get("description", "")} for p in op.get("parameters", [])],
                "body": _fields(body, spec),
                "responses": [{"status": code, "help": r.get("description", "")} for code, r in op.get("responses", {}).items()],
            })
    return out


@require_GET
def docs_page(request):
    spec = SchemaGenerator().get_schema(request=None, public=True)
    return render(request, "api/docs.html", {"info": spec.get("info", {}), "endpoints": endpoints(spec)})
