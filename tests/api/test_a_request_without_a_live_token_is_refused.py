"""Every endpoint but the schema and its docs page answers 401 without a live token, in Chinese:
no token, a made-up one, a revoked one, the token of a person whose account was disabled."""
import pytest

from minpan.api.models import ApiToken
from minpan.api.tokens import token_create, token_hash, token_revoke
from tests.api.conftest import Api
from tests.flow import dispatched

CHINESE = "令牌"


def urls(case) -> list[tuple[str, str]]:
    return [("get", "/api/v1/cases/"), ("get", f"/api/v1/cases/{case.pk}/"),
            ("post", f"/api/v1/cases/{case.pk}/actions/claim/"), ("post", "/api/v1/intake/")]


def refused_everywhere(api: Api, case):
    for method, url in urls(case):
        resp = getattr(api, method)(url)
        assert resp.status_code == 401, (url, resp.status_code)
        assert resp["Content-Type"].startswith("application/json")
        assert CHINESE in resp.json()["detail"]
        assert resp["WWW-Authenticate"].startswith("Bearer")


def test_no_token_is_401(city, anonymous_api):
    refused_everywhere(anonymous_api, dispatched(city, "tongliao"))


def test_a_made_up_token_is_401(city):
    refused_everywhere(Api("mp_not-a-token"), dispatched(city, "tongliao"))


def test_a_revoked_token_is_401(city):
    case = dispatched(city, "tongliao")
    token, raw = token_create(username="handler")
    assert Api(raw).get("/api/v1/cases/").status_code == 200
    token_revoke(pk=token.pk)
    refused_everywhere(Api(raw), case)


def test_a_disabled_persons_token_is_401(city):
    case = dispatched(city, "tongliao")
    _, raw = token_create(username="handler")
    city.handler.is_active = False
    city.handler.save()
    refused_everywhere(Api(raw), case)


def test_the_refusal_is_chinese_whatever_the_client_asks_for(city, anonymous_api):
    resp = anonymous_api.client.get("/api/v1/cases/", headers={"Accept-Language": "en"})
    assert resp.status_code == 401 and CHINESE in resp.json()["detail"]


def test_only_a_hash_of_the_token_is_stored(city):
    token, raw = token_create(username="handler")
    row = ApiToken.objects.values().get(pk=token.pk)
    assert raw not in str(row) and row["key_hash"] == token_hash(raw)


def test_a_channel_token_reads_no_case_and_a_persons_files_no_message(city, api_as):
    case = dispatched(city, "tongliao")
    channel = api_as(channel="people_daily")
    for url in ("/api/v1/cases/", f"/api/v1/cases/{case.pk}/"):
        assert channel.get(url).status_code == 403
    assert channel.post(f"/api/v1/cases/{case.pk}/actions/claim/").status_code == 403
    resp = api_as(city.operator).post("/api/v1/intake/", {"subject": "路灯", "body": "不亮", "external_id": "1"})
    assert resp.status_code == 403 and "渠道令牌" in resp.json()["detail"]


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Token abc", "Basic dXNlcjpwYXNz"])
def test_a_malformed_header_is_401(city, header):
    from django.test import Client

    resp = Client().get("/api/v1/cases/", headers={"Authorization": header})
    assert resp.status_code == 401
