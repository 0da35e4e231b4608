"""Calling the API as a person or a channel: a token made the way `minpan token create` makes it."""
from __future__ import annotations

import pytest
from django.test import Client

from minpan.api.tokens import token_create


class Api:
    """A client that sends one token on every request."""

    def __init__(self, raw: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw}"} if raw else {}

    def get(self, url, **params):
        return self.client.get(url, params, headers=self.headers)

    def post(self, url, data=None):
        return self.client.post(url, data if data is not None else {}, content_type="application/json", headers=self.headers)


@pytest.fixture
def api_as():
    def make(user=None, *, channel: str = "") -> Api:
        _, raw = token_create(username=user.username if user else "", channel=channel)
        return Api(raw)
    return make


@pytest.fixture
def anonymous_api() -> Api:
    return Api(None)
