"""The query password (查询密码) is kept as HMAC-SHA256 under MINPAN_QUERY_KEY (issue 17): a stolen
database alone cannot be brute-forced, and the portal's rate limits stop guessing online
(tests/portal/test_query.py). Argon2 hashes written before still work and become HMAC at the
writer's next successful look-up."""
import pytest

from minpan.cases.hashers import PREFIX, check_query_password, hash_query_password, legacy_hash
from minpan.cases.models import Case
from minpan.cases.services import case_by_code, case_collect

pytestmark = pytest.mark.django_db


def _collected():
    return case_collect(channel="people_daily", subject="路灯不亮", body="幸福小区路灯坏了一个月。", citizen={"name": "王"}, policy_name="tongliao")


def test_a_new_password_is_stored_as_a_keyed_hash():
    case, password = _collected()
    case.refresh_from_db()
    assert case.query_password.startswith(PREFIX) and password not in case.query_password
    assert case_by_code(case.tracking_code, password) == case


def test_the_hash_depends_on_the_key(settings):
    before = hash_query_password("ABCDEFGH")
    settings.MINPAN_QUERY_KEY = "another-key-" + "k" * 30
    assert hash_query_password("ABCDEFGH") != before
    assert not check_query_password("ABCDEFGH", before)


def test_a_password_hashed_with_argon2_before_still_opens_the_case_and_is_rewritten():
    case, _ = _collected()
    Case.objects.filter(pk=case.pk).update(query_password=legacy_hash("PASSWORD"))
    assert case_by_code(case.tracking_code, "WRONGPWD") is None
    case.refresh_from_db()
    assert case.query_password.startswith("argon2")  # a wrong password rewrites nothing
    assert case_by_code(case.tracking_code, "PASSWORD") == case
    case.refresh_from_db()
    assert case.query_password == hash_query_password("PASSWORD")
    assert case_by_code(case.tracking_code, "PASSWORD") == case
