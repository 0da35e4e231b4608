"""`Authorization: Bearer TOKEN`: who is calling, and what kind of caller the endpoint wants.

A person's token makes the request that person's (request.user), so every rule of the desk asks
the same questions of it. A channel's token leaves request.user anonymous and request.auth the
token: it may only file messages (intake), never read a case."""
from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken
from .tokens import token_find, token_touch

REALM = "minpan"


class BearerToken(BaseAuthentication):
    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != b"bearer":
            return None  # no token: the permission says 401
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("令牌格式不正确，应为 Authorization: Bearer 令牌。")
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("令牌格式不正确。") from None
        token = token_find(raw)
        if token is None:
            # one answer for unknown, revoked and a disabled person's: it tells a guesser nothing
            raise exceptions.AuthenticationFailed("令牌无效、已吊销或所属人员已停用。")
        token_touch(token)
        return (token.user if token.user_id else AnonymousUser()), token

    def authenticate_header(self, request):
        # makes DRF answer 401 (not 403) to a request without a valid token
        return f'Bearer realm="{REALM}"'


class PersonToken(BasePermission):
    message = "此接口须使用人员令牌；渠道令牌只能提交留言。"

    def has_permission(self, request, view):
        return isinstance(request.auth, ApiToken) and bool(request.auth.user_id)


class ChannelToken(BasePermission):
    message = "此接口须使用渠道令牌。"

    def has_permission(self, request, view):
        return isinstance(request.auth, ApiToken) and bool(request.auth.channel)


class PerToken(SimpleRateThrottle):
    """Requests per token (settings REST_FRAMEWORK DEFAULT_THROTTLE_RATES["token"])."""

    scope = "token"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            # by the token's hash, not its id: an id can come back after a rollback, a hash cannot
            return self.cache_format % {"scope": self.scope, "ident": request.auth.key_hash[:32]}
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
