"""Tells drf-spectacular how the API is signed: a bearer token (minpan.api.auth.BearerToken)."""
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerScheme(OpenApiAuthenticationExtension):
    target_class = "minpan.api.auth.BearerToken"
    name = "令牌"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "用 minpan token create 生成，以 Authorization: Bearer 令牌 提交。"}
