"""The receipt: tracking code and query password shown once, with the answer time the policy promises."""
import re

import pytest
import time_machine

from minpan.cases.models import Case
from minpan.cases.services import case_by_code

from .conftest import form_data

pytestmark = pytest.mark.django_db


def _written(client, **kw):
    resp = client.post("/write/", form_data(client, **kw))
    return resp["Location"]


def test_receipt_shows_the_code_and_a_password_that_opens_the_case(client):
    page = client.get(_written(client)).content.decode()
    case = Case.objects.get()
    code = re.search(r'id="tracking-code">([A-Z0-9]+)<', page).group(1)
    password = re.search(r'id="query-password">([A-Z0-9]+)<', page).group(1)
    assert code == case.tracking_code
    assert case_by_code(code, password) == case


def test_the_password_is_shown_once(client):
    url = _written(client)
    assert 'id="query-password"' in client.get(url).content.decode()
    again = client.get(url).content.decode()
    assert 'id="query-password"' not in again and "已显示过" in again
    assert Case.objects.get().tracking_code in again


def test_a_double_click_still_shows_the_password_on_the_page_the_browser_keeps(client):
    data = form_data(client)
    client.post("/write/", data)
    url = client.post("/write/", data)["Location"]
    assert 'id="query-password"' in client.get(url).content.decode()


def test_another_browser_cannot_open_the_receipt(client):
    from django.test import Client

    url = _written(client)
    assert Client().get(url).status_code == 404
    assert 'id="query-password"' in client.get(url).content.decode()


@time_machine.travel("2026-09-30 10:00 +0800", tick=False)
def test_receipt_states_the_promise_honestly_on_the_holiday_calendar(client):
    import datetime as dt

    from minpan.workdays.service import import_schedule

    holidays = [(dt.date(2026, 10, d), "holiday", "国庆节") for d in range(1, 8)] + [(dt.date(2026, 10, 10), "workday", "国庆节")]
    import_schedule(holidays, "test")
    page = client.get(_written(client)).content.decode()
    assert "自承办单位收到之日起 5 个工作日内答复" in page
    # five working days after 30 September across National Day: 8, 9, 10 (makeup Saturday), 12, 13 October
    assert "2026年10月13日（24 时）前" in page


def test_xizang_counts_from_the_day_the_unit_claims_it(client, settings):
    settings.MINPAN_POLICY = "xizang"
    # xizang runs only the 人民网 chairman board, and the portal writes to it
    page = client.get(_written(client)).content.decode()
    assert "自承办单位认领之日起 10 个工作日内答复" in page


def test_the_sweep_wipes_passwords_never_shown_and_old_hits(client):
    import datetime as dt

    from django.core.management import call_command

    from minpan.portal.models import Hit, Submission

    client.post("/write/", form_data(client))
    Submission.objects.update(created_at=Submission.objects.get().created_at - dt.timedelta(hours=1))
    Hit.objects.update(at=Hit.objects.first().at - dt.timedelta(days=3))
    call_command("portal", "sweep")
    assert Submission.objects.get().password == "" and Hit.objects.count() == 0


def test_receipt_says_the_receipt_email_comes_only_after_the_address_is_confirmed(client):
    page = client.get(_written(client)).content.decode()
    assert "确认后才会收到留言回执邮件" in page and "w***@example.cn" in page
    assert "wxm@example.cn" not in page


def test_receipt_without_an_email_address_says_nothing_about_confirming(client):
    page = client.get(_written(client, email="")).content.decode()
    assert "确认邮件" not in page and 'id="tracking-code"' in page


def test_another_browser_is_told_kindly_how_to_look_the_message_up(client):
    from django.test import Client

    url = _written(client)
    elsewhere = Client().get(url)
    text = elsewhere.content.decode()
    assert elsewhere.status_code == 404  # nothing of the message is there
    assert "显示一次" in text and "查询码和查询密码" in text and "/query/" in text
    assert Case.objects.get().tracking_code not in text and 'id="query-password"' not in text

