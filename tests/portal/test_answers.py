"""公开答复: redacted messages and replies, searchable by domain, unit and date; never the writer's identity."""
import datetime as dt

import pytest
import time_machine

from minpan.cases.models import Case, PublicCopy
from minpan.cases.services import case_collect
from minpan.cases.transitions import apply

from .conftest import ID_NUMBER, WRITER, answered, form_data

pytestmark = pytest.mark.django_db

BODY_WITH_IDENTITY = (
    f"我叫{WRITER['name']}，身份证号{ID_NUMBER}，家住幸福小区3号楼2单元501室，"
    f"电话{WRITER['phone']}，也可发邮件到{WRITER['email']}。楼下路灯坏了一个月，请小明的邻居王先生作证。"
)
IDENTITY = [WRITER["name"], WRITER["phone"], WRITER["email"], ID_NUMBER, "501室", "小明"]


def write_and_answer(client, city, *, body=BODY_WITH_IDENTITY, reply=None, **kw):
    client.post("/write/", form_data(client, body=body, **kw))
    case = Case.objects.latest("pk")
    return answered(city, case, body=reply or f"{WRITER['name']}您好：已修复。如有问题请联系 13912345678。")


def test_a_published_page_never_shows_the_writers_name_phone_id_or_email(client, city):
    case = write_and_answer(client, city, subject=f"{WRITER['name']}反映路灯（{WRITER['phone']}）")
    listing = client.get("/answers/").content.decode()
    detail = client.get(f"/answers/{case.pk}/").content.decode()
    for page in (listing, detail):
        for secret in IDENTITY + ["13912345678"]:
            assert secret not in page, secret
    assert "路灯坏了一个月" in detail and "已修复" in detail
    assert "138****8000" in detail and "150***********3010" in detail and "*号楼*单元" in detail


def test_the_raw_text_stays_for_staff(client, city):
    case = write_and_answer(client, city)
    case.refresh_from_db()
    assert WRITER["phone"] in case.body and ID_NUMBER in case.body
    assert WRITER["name"] in case.replies.get().body


def test_contact_values_typed_oddly_are_masked_too(client, city):
    odd_id = "110101199003071234"  # fails the checksum, but it is the writer's own: masked anyway
    from minpan.cases.models import Citizen
    client.post("/write/", form_data(client, body=f"身份证 {odd_id}，手机 138 0013 8000，请回电。"))
    case = Case.objects.latest("pk")
    Citizen.objects.filter(case=case).update(id_number=odd_id)
    answered(city, case)
    page = client.get(f"/answers/{case.pk}/").content.decode()
    assert odd_id not in page and "0013 8000" not in page


def test_searching_for_the_writers_name_finds_nothing(client, city):
    write_and_answer(client, city)
    assert "共 0 条" in client.get("/answers/", {"q": WRITER["name"]}).content.decode()
    assert "共 0 条" in client.get("/answers/", {"q": WRITER["phone"]}).content.decode()
    assert "共 1 条" in client.get("/answers/", {"q": "路灯"}).content.decode()


def test_private_answers_and_refused_publication_are_not_listed(client, city):
    client.post("/write/", form_data(client, may_publish="no"))
    answered(city, Case.objects.latest("pk"), mode="private", body="只给本人的答复")
    client.post("/write/", form_data(client))
    answered(city, Case.objects.latest("pk"), mode="private", body="也是私下的答复")
    page = client.get("/answers/").content.decode()
    assert "共 0 条" in page and "只给本人的答复" not in page
    for case in Case.objects.all():
        assert client.get(f"/answers/{case.pk}/").status_code == 404


def test_an_unanswered_case_has_no_public_page(client):
    client.post("/write/", form_data(client))
    assert client.get(f"/answers/{Case.objects.get().pk}/").status_code == 404


def test_each_answer_shows_dates_unit_and_handler_contact_where_the_policy_asks(client, city):
    case = write_and_answer(client, city)
    page = client.get(f"/answers/{case.pk}/").content.decode()
    assert "受理日期" in page and "答复日期" in page and "市住建局" in page
    assert "李工" in page and "0475-8123456" in page  # tongliao 第十条: handler and phone published


def test_no_handler_contact_where_the_policy_does_not_publish_it(client, city, settings):
    settings.MINPAN_POLICY = "yuncheng"
    case = write_and_answer(client, city, msg_type="report")
    page = client.get(f"/answers/{case.pk}/").content.decode()
    assert "李工" not in page and "0475-8123456" not in page
    # 三: the 市长信箱 answers in its own name; the 方案 does not name the unit
    assert "市民盼中心的答复" in page and "答复单位" not in page


def test_filter_by_domain_unit_and_date(client, city):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        march = write_and_answer(client, city, subject="三月的路灯")
    late = write_and_answer(client, city, subject="后来的路灯")
    Case.objects.filter(pk=late.pk).update(domain="transport")
    assert "后来的路灯" in client.get("/answers/", {"domain": "transport"}).content.decode()
    assert "三月的路灯" not in client.get("/answers/", {"domain": "transport"}).content.decode()
    page = client.get("/answers/", {"until": "2026-03-31"}).content.decode()
    assert "三月的路灯" in page and "后来的路灯" not in page
    assert "共 2 条" in client.get("/answers/", {"unit": city.housing.pk}).content.decode()
    assert "共 0 条" in client.get("/answers/", {"unit": city.education.pk}).content.decode()
    assert march.pk != late.pk


def test_the_list_is_paginated(client, city):
    for i in range(12):
        case, _ = case_collect(channel="people_daily", subject=f"第{i}件", body="路灯不亮，请修理修理。", citizen=WRITER)
        answered(city, case)
    first = client.get("/answers/").content.decode()
    assert "第 1 / 2 页" in first and "共 12 条" in first
    assert "第 2 / 2 页" in client.get("/answers/", {"page": 2}).content.decode()


def test_a_published_case_without_its_copy_is_not_listed(client, city):
    case = write_and_answer(client, city)
    PublicCopy.objects.filter(case=case).delete()
    assert "共 0 条" in client.get("/answers/").content.decode()
    assert client.get(f"/answers/{case.pk}/").status_code == 404
    assert not PublicCopy.objects.exists()  # the pages read copies, they never make them


def test_a_reopened_and_reanswered_case_gets_a_fresh_copy(client, city):
    case = write_and_answer(client, city, reply="第一次答复")
    assert "第一次答复" in client.get(f"/answers/{case.pk}/").content.decode()
    apply(case, "reopen", actor=city.operator, reason="回头看发现未修好")
    assert client.get(f"/answers/{case.pk}/").status_code == 404
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body="第二次答复：已彻底修好", handler_name="李工", handler_phone="0475-8123456")
    apply(case, "sign_off", actor=city.principal, sealed=True)
    apply(case, "submit", actor=city.handler)
    apply(case, "approve", actor=city.reviewer)
    apply(case, "publish", actor=city.operator, mode="public")
    page = client.get(f"/answers/{case.pk}/").content.decode()
    assert "第二次答复" in page and "第一次答复" not in page
