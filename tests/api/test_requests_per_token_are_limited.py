"""Each token has its own budget of requests (MINPAN_API_RATE, 600/min by default): past it the API
answers 429 in Chinese, and another token is not held back."""
from django.core.cache import cache

from minpan.api.auth import PerToken


def test_past_the_rate_a_token_gets_429_and_another_does_not(city, api_as, monkeypatch):
    monkeypatch.setattr(PerToken, "rate", "2/min", raising=False)
    cache.clear()
    handler = api_as(city.handler)
    assert [handler.get("/api/v1/cases/").status_code for _ in range(3)] == [200, 200, 429]
    refused = handler.get("/api/v1/cases/")
    assert "请求过于频繁" in refused.json()["detail"] and int(refused["Retry-After"]) > 0
    assert api_as(city.operator).get("/api/v1/cases/").status_code == 200
