"""POST /api/v1/intake/ with a channel's token: a message becomes a received case once per
(channel, external id); the same id again answers 200 with the case already made; a channel the
policy in force does not take is refused with the policy's message; nothing of the writer is sent
back, nor logged."""
import logging

from minpan.cases.models import Case, Citizen
from tests.flow import CITIZEN

MESSAGE = {"subject": "幸福小区路灯不亮", "body": "3 号楼前路灯坏了一个月。", "external_id": "PD-2026-0001",
           "received_at": "2026-02-13T10:00:00+08:00", **CITIZEN}


def test_the_first_post_makes_a_case_and_the_second_finds_it(city, api_as):
    channel = api_as(channel="people_daily")  # Tongliao takes 人民网领导留言板
    first = channel.post("/api/v1/intake/", MESSAGE)
    assert first.status_code == 201, first.content
    case = Case.objects.get(pk=first.json()["id"])
    assert (case.channel, case.external_id, case.state) == ("people_daily", "PD-2026-0001", "received")
    assert Citizen.objects.get(case=case).phone == CITIZEN["phone"]
    assert first.json()["tracking_code"] == case.tracking_code and first.json()["query_password"]
    again = channel.post("/api/v1/intake/", {**MESSAGE, "subject": "另一个标题"})
    assert again.status_code == 200
    assert again.json()["id"] == case.pk and again.json()["reference"] == case.reference
    assert again.json()["created"] is False and again.json()["query_password"] is None
    assert Case.objects.count() == 1


def test_the_same_id_from_another_channel_is_another_message(city, api_as):
    assert api_as(channel="people_daily").post("/api/v1/intake/", MESSAGE).status_code == 201
    assert api_as(channel="people_daily_chairman").post("/api/v1/intake/", MESSAGE).status_code == 201
    assert Case.objects.count() == 2


def test_a_channel_the_policy_does_not_take_is_400_with_its_message(city, api_as):
    resp = api_as(channel="hotline_12345").post("/api/v1/intake/", MESSAGE)  # not one of Tongliao's channels
    assert resp.status_code == 400 and "不受理“12345 政务服务热线”渠道" in resp.json()["detail"]
    assert not Case.objects.exists()


def test_a_missing_field_is_400_by_field(city, api_as):
    resp = api_as(channel="people_daily").post("/api/v1/intake/", {"subject": "路灯"})
    assert resp.status_code == 400 and {"body", "external_id"} <= set(resp.json()["errors"])


def test_nothing_of_the_writer_comes_back_or_goes_to_the_log(city, api_as, caplog):
    with caplog.at_level(logging.DEBUG):
        first = api_as(channel="people_daily").post("/api/v1/intake/", MESSAGE)
        again = api_as(channel="people_daily").post("/api/v1/intake/", MESSAGE)
    for resp in (first, again):
        text = resp.content.decode()
        for value in CITIZEN.values():
            assert value not in text
    for value in (*CITIZEN.values(), MESSAGE["body"]):
        assert value not in caplog.text
