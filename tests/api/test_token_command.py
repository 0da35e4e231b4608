"""`minpan token create --user/--channel` prints the token as the last line of stdout (and only
there); `list` shows who holds which token, never a token; `revoke ID` ends one; the admin lists
tokens in Chinese and can revoke, never add or show one."""
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from minpan.api.models import ApiToken
from minpan.api.tokens import token_find


def run(*args) -> str:
    out = StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


def test_create_for_a_person_prints_the_token_last(city):
    raw = run("create", "--user", "handler").splitlines()[-1]
    assert token_find(raw).user == city.handler


def test_create_for_a_channel(city):
    raw = run("create", "--channel", "people_daily").splitlines()[-1]
    assert token_find(raw).channel == "people_daily"


@pytest.mark.parametrize("args", [("--user", "nobody-here"), ("--channel", "fax"), (), ("--user", "handler", "--channel", "portal")])
def test_create_refuses_an_unknown_holder_or_both_or_neither(city, args):
    with pytest.raises(CommandError):
        run("create", *args)
    assert not ApiToken.objects.exists()


def test_list_shows_no_secret_and_revoke_ends_the_token(city):
    raw = run("create", "--user", "handler").splitlines()[-1]
    listing = run("list")
    token = ApiToken.objects.get()
    assert f"#{token.pk}" in listing and "handler" in listing and "有效" in listing
    assert raw not in listing and token.key_hash not in listing
    run("revoke", str(token.pk))
    assert token_find(raw) is None and "已吊销" in run("list")
    with pytest.raises(CommandError):
        run("revoke", "999999")


def test_the_admin_lists_and_revokes_but_never_adds(admin_client, city):
    raw = run("create", "--user", "handler").splitlines()[-1]
    page = admin_client.get("/admin/api/apitoken/").content.decode()
    assert "接口令牌" in page and "人员 handler" in page and raw not in page
    assert admin_client.get("/admin/api/apitoken/add/").status_code == 403
    token = ApiToken.objects.get()
    admin_client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert token_find(raw) is None


def test_where_the_second_factor_is_required_only_a_person_with_one_gets_a_token(city, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.MINPAN_REQUIRE_TOTP = True
    with pytest.raises(CommandError, match="尚未设置验证器"):
        run("create", "--user", city.operator.username)
    TOTPDevice.objects.create(user=city.operator, name="验证器", confirmed=True)
    assert token_find(run("create", "--user", city.operator.username).splitlines()[-1]).user == city.operator
