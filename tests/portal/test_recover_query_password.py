"""忘记查询密码: a writer who never saw the receipt gets a new password at a contact they proved
is theirs (a confirmed e-mail, or the phone an SMS code reached), never on a page; the old
password stops working; a wrong code or contact gets the same answer and nothing is sent."""
import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from minpan.cases.models import Citizen
from minpan.notify.models import Delivery
from minpan.notify.tasks import deliver_all
from minpan.portal import limits

from .conftest import WRITER, form_data
from .test_query import written

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def send_queued():
    deliver_all.call(list(Delivery.objects.filter(state="pending").values_list("pk", flat=True)))


def sms_texts() -> list[str]:
    return list(Delivery.objects.filter(channel="sms").order_by("pk").values_list("text", flat=True))


def forgot(client, code, contact, **extra):
    return client.post("/query/forgot/", {"code": code, "contact": contact, "website": ""}, **extra)


def opens(client, code, password) -> bool:
    return client.post("/query/", {"code": code, "password": password}).status_code == 302


def test_a_new_password_goes_to_the_confirmed_email_and_the_old_one_stops_working(client):
    case, code, old = written(client)
    Citizen.objects.filter(case=case).update(email_confirmed_at=timezone.now())
    page = forgot(client, code.lower(), WRITER["email"].upper()).content.decode()
    assert "如信息匹配，新查询密码已发送至该电子邮箱" in page
    send_queued()
    message = mail.outbox[-1]
    assert message.to == [WRITER["email"]] and message.subject == "新查询密码"
    new = re.search(r"新的查询密码：([A-Z0-9]{8})", message.body).group(1)
    assert new not in page and new != old
    assert WRITER["phone"] not in page and case.subject not in page
    assert not opens(client, code, old)
    assert opens(client, code, new)


def test_a_new_password_goes_to_the_phone_once_the_sms_code_comes_back(client):
    case, code, old = written(client)
    sent_before = len(sms_texts())
    page = forgot(client, code, "138-0013-8000").content.decode()
    assert "如信息匹配，验证码已通过短信发送至该手机" in page
    assert len(sms_texts()) == sent_before + 1
    sms_code = re.search(r"验证码 (\d{6})", sms_texts()[-1]).group(1)
    assert sms_code not in page
    resp = client.post("/query/forgot/code/", {"code": code, "phone": "138-0013-8000", "sms_code": sms_code})
    assert resp.status_code == 200 and "新查询密码已通过短信发送至该手机" in resp.content.decode()
    new = re.search(r"新的查询密码：([A-Z0-9]{8})", sms_texts()[-1]).group(1)
    assert new not in resp.content.decode()
    assert Delivery.objects.filter(channel="email").count() == 0  # to the phone that proved itself only
    assert not opens(client, code, old)
    assert opens(client, code, new)
    # the code worked once
    again = client.post("/query/forgot/code/", {"code": code, "phone": "138-0013-8000", "sms_code": sms_code})
    assert again.status_code == 400 and "验证码不正确或已失效" in again.content.decode()


def test_a_wrong_or_unconfirmed_contact_gets_the_same_answer_and_nothing_is_sent(client):
    case, code, old = written(client)  # the e-mail typed here was never confirmed
    sends = Delivery.objects.count()

    def answer(c, contact):
        # what the writer typed comes back in the form (the next step's hidden fields); nothing else may differ
        return CSRF.sub("", forgot(client, c, contact).content.decode()).replace(c, "").replace(contact, "")

    by_mail = {answer(code, WRITER["email"]), answer(code, "other@example.cn"), answer("ZZZZZZZZZZ", WRITER["email"])}
    by_phone = {answer(code, "13900000000"), answer("ZZZZZZZZZZ", WRITER["phone"])}
    assert len(by_mail) == 1 and len(by_phone) == 1
    assert Delivery.objects.count() == sends and not any("验证码" in t for t in sms_texts())
    assert opens(client, code, old)


def test_five_wrong_sms_codes_end_the_code(client):
    case, code, old = written(client)
    forgot(client, code, WRITER["phone"])
    sms_code = re.search(r"验证码 (\d{6})", sms_texts()[-1]).group(1)
    wrong = f"{(int(sms_code) + 1) % 10**6:06d}"
    for _ in range(5):
        resp = client.post("/query/forgot/code/", {"code": code, "phone": WRITER["phone"], "sms_code": wrong})
        assert resp.status_code == 400 and "验证码不正确或已失效" in resp.content.decode()
    resp = client.post("/query/forgot/code/", {"code": code, "phone": WRITER["phone"], "sms_code": sms_code})
    assert resp.status_code == 400
    assert opens(client, code, old)


def test_the_sms_code_lasts_ten_minutes(client):
    case, code, old = written(client)
    forgot(client, code, WRITER["phone"])
    sms_code = re.search(r"验证码 (\d{6})", sms_texts()[-1]).group(1)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=10, seconds=1)):
        resp = client.post("/query/forgot/code/", {"code": code, "phone": WRITER["phone"], "sms_code": sms_code})
    assert resp.status_code == 400 and opens(client, code, old)


def test_asking_again_and_again_for_one_code_is_refused_and_sends_nothing(client):
    case, code, old = written(client)
    for i in range(limits.RECOVER_PER_CODE.allowed):
        forgot(client, code, WRITER["phone"], REMOTE_ADDR=f"10.0.0.{i}")
    sends = Delivery.objects.count()
    page = forgot(client, code, WRITER["phone"], REMOTE_ADDR="10.0.0.99").content.decode()
    assert "找回密码的次数过多" in page and Delivery.objects.count() == sends


def test_guessing_codes_from_one_address_is_limited(client):
    for i in range(limits.RECOVER_PER_IP.allowed):
        forgot(client, f"ZZ{i:08d}", WRITER["phone"])
    assert "找回密码的次数过多" in forgot(client, "ZZ99999999", WRITER["phone"]).content.decode()


def test_the_sent_password_does_not_stay_readable_in_the_delivery_table(client):
    case, code, old = written(client)
    Citizen.objects.filter(case=case).update(email_confirmed_at=timezone.now())
    forgot(client, code, WRITER["email"])
    send_queued()
    limits.sweep()
    assert not any("新的查询密码" in t for t in Delivery.objects.values_list("text", flat=True))


def test_the_look_up_and_receipt_pages_lead_to_it(client):
    assert 'href="/query/forgot/"' in client.get("/query/").content.decode()
    receipt = client.get(client.post("/write/", form_data(client))["Location"])
    assert 'href="/query/forgot/"' in receipt.content.decode()
