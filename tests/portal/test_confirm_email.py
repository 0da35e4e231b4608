"""确认电子邮箱: a typed address gets one e-mail in our words with a link; only its owner's
click on 确认 lets the receipt (and later mail) go there."""
import re

import pytest
import time_machine
from django.core import mail

from minpan.cases.models import Case, Citizen, Event
from minpan.notify.models import Delivery
from minpan.notify.tasks import deliver_all
from tests.queued import run_follow_ups

from .conftest import WRITER, form_data

pytestmark = pytest.mark.django_db

BAIT = "=点此领奖 http://evil.example"


def send_queued():
    deliver_all.call(list(Delivery.objects.filter(state="pending").values_list("pk", flat=True)))


def written(client, capture, **kw):
    """Write through the portal as a stranger's address could be typed in; send what was queued."""
    assert client.post("/write/", form_data(client, **kw)).status_code == 302
    with capture(execute=True):
        run_follow_ups()  # the worker's follow-up of the message: its receipt and the confirmation
    send_queued()
    return Case.objects.latest("pk")


def link_in(message) -> str:
    return re.search(r"http://testserver(/confirm-email/[^/\s]+/)", message.body).group(1)


def test_a_typed_address_gets_one_email_in_our_words_and_nothing_else(client, django_capture_on_commit_callbacks):
    written(client, django_capture_on_commit_callbacks, subject=BAIT, name="张三丰",
            body="领奖请联系 http://evil.example 并汇款，本留言内容用来测试是否被转发到邮箱。")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [WRITER["email"]] and message.subject == "请确认您的电子邮箱"
    for typed in ("点此领奖", "evil.example", "张三丰", "汇款"):
        assert typed not in message.subject and typed not in message.body
    assert "如果不是您本人留言" in message.body and link_in(message)
    assert Citizen.objects.get().email_confirmed_at is None


def test_opening_the_link_shows_a_button_and_changes_nothing(client, django_capture_on_commit_callbacks):
    case = written(client, django_capture_on_commit_callbacks)
    events, sends = case.events.count(), Delivery.objects.count()
    page = client.get(link_in(mail.outbox[0]))
    text = page.content.decode()
    assert page.status_code == 200 and "确认，这是我的邮箱" in text and "w***@example.cn" in text
    assert WRITER["email"] not in text and case.subject not in text
    assert Citizen.objects.get().email_confirmed_at is None
    assert (case.events.count(), Delivery.objects.count()) == (events, sends)


def test_confirming_sends_the_receipt_to_that_address_only(client, django_capture_on_commit_callbacks):
    case = written(client, django_capture_on_commit_callbacks, subject=BAIT)
    url = link_in(mail.outbox[0])
    sms_before = Delivery.objects.filter(channel="sms").count()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url)
    send_queued()
    assert page.status_code == 200 and "邮箱已确认" in page.content.decode()
    assert Citizen.objects.get().email_confirmed_at is not None
    event = Event.objects.filter(case=case).order_by("-seq").first()
    assert (event.action, event.role, event.state_before, event.state_after) == ("confirm_email", "citizen", "received", "received")
    assert WRITER["email"] not in str(event.data)
    receipt = mail.outbox[1]
    assert receipt.to == [WRITER["email"]] and case.tracking_code in receipt.body
    assert "点此领奖" not in receipt.body and "evil.example" not in receipt.body
    assert Delivery.objects.filter(channel="sms").count() == sms_before  # the phone is not texted again


def test_confirming_twice_sends_one_receipt(client, django_capture_on_commit_callbacks):
    case = written(client, django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        again = client.post(url)
    send_queued()
    assert again.status_code == 200 and "已经确认过" in again.content.decode()
    assert case.events.filter(action="confirm_email").count() == 1
    assert len(mail.outbox) == 2
    assert "已经确认过" in client.get(url).content.decode()


def test_a_link_older_than_seven_days_gets_a_clear_page(client, django_capture_on_commit_callbacks):
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False):
        case = written(client, django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0])
    with time_machine.travel("2026-03-09 08:59 +0800", tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel("2026-03-09 09:01 +0800", tick=False):
        for page in (client.get(url), client.post(url)):
            assert page.status_code == 400 and "已过期" in page.content.decode() and "7 天内有效" in page.content.decode()
    assert Citizen.objects.get().email_confirmed_at is None
    assert not case.events.filter(action="confirm_email").exists()


def test_a_damaged_link_gets_a_clear_page(client, django_capture_on_commit_callbacks):
    written(client, django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0])
    for broken in (url[:-6] + "/", url.replace("/confirm-email/", "/confirm-email/x"), "/confirm-email/abc:def/"):
        for page in (client.get(broken), client.post(broken)):
            assert page.status_code == 400 and "不完整或有误" in page.content.decode()
    assert Citizen.objects.get().email_confirmed_at is None


def test_a_link_stops_working_when_the_address_on_the_case_changes(client, django_capture_on_commit_callbacks):
    case = written(client, django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0])
    Citizen.objects.filter(case=case).update(email="someone.else@example.cn")
    for page in (client.get(url), client.post(url)):
        assert page.status_code == 400 and "已更改或已删除" in page.content.decode()
    assert Citizen.objects.get().email_confirmed_at is None


def test_the_link_of_one_message_confirms_only_that_message(client, django_capture_on_commit_callbacks):
    first = written(client, django_capture_on_commit_callbacks)
    second = written(client, django_capture_on_commit_callbacks)
    client.post(link_in(mail.outbox[0]))
    assert Citizen.objects.get(case=first).email_confirmed_at is not None
    assert Citizen.objects.get(case=second).email_confirmed_at is None


def test_a_message_without_an_address_sends_no_email(client, django_capture_on_commit_callbacks):
    written(client, django_capture_on_commit_callbacks, email="")
    assert mail.outbox == [] and not Delivery.objects.filter(channel="email").exists()
    assert Delivery.objects.filter(channel="sms").count() == 1
