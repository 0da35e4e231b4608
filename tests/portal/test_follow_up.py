"""追问: after rating the answer 不满意 the writer follows it up once from the status page; it comes
back to the center, on the case page and in the 网民追问 queue, until a callback answers it."""
import pytest
from django.test import Client

from minpan.cases.models import Case
from minpan.cases.transitions import apply

from .conftest import answered
from .test_query import written

pytestmark = pytest.mark.django_db

FOLLOW_UP = "路灯修好两天又不亮了，请再派人看看线路。"


def _open_status(client, code, password) -> str:
    client.post("/query/", {"code": code, "password": password})
    return client.get("/status/").content.decode()


def _rated(client, city, rating="unsatisfied"):
    case, code, password = written(client)
    answered(city, case)
    _open_status(client, code, password)
    client.post("/status/rate/", {"rating": rating, "comment": "还是不亮"})
    return case


def test_writer_follows_up_after_rating_unsatisfied(client, city):
    case = _rated(client, city)
    page = client.get("/status/").content.decode()
    assert 'action="/status/follow-up/"' in page
    resp = client.post("/status/follow-up/", {"text": FOLLOW_UP})
    assert resp.status_code == 302 and resp["Location"] == "/status/#follow-up"
    case.refresh_from_db()
    assert case.follow_up == FOLLOW_UP and case.follow_up_at is not None
    page = client.get("/status/").content.decode()
    assert "我的追问" in page and FOLLOW_UP in page and "您追问了答复" in page
    assert 'action="/status/follow-up/"' not in page


@pytest.mark.parametrize("rating", ["satisfied", "basically"])
def test_no_follow_up_after_another_rating(client, city, rating):
    case = _rated(client, city, rating)
    assert 'action="/status/follow-up/"' not in client.get("/status/").content.decode()
    assert client.post("/status/follow-up/", {"text": FOLLOW_UP}).status_code == 400
    assert Case.objects.get(pk=case.pk).follow_up == ""


def test_no_follow_up_before_rating(client, city):
    case, code, password = written(client)
    answered(city, case)
    assert 'action="/status/follow-up/"' not in _open_status(client, code, password)
    assert client.post("/status/follow-up/", {"text": FOLLOW_UP}).status_code == 400
    assert Case.objects.get(pk=case.pk).follow_up_at is None


def test_only_one_follow_up(client, city):
    case = _rated(client, city)
    client.post("/status/follow-up/", {"text": FOLLOW_UP})
    resp = client.post("/status/follow-up/", {"text": "第二次追问：还是没有人来修路灯。"})
    assert resp.status_code == 400
    assert Case.objects.get(pk=case.pk).follow_up == FOLLOW_UP


@pytest.mark.parametrize("text, says", [("", "请填写追问内容"), ("太短了", "至少写 10 个字"), ("字" * 1001, "最多 1000 个字")])
def test_length_limits_in_plain_words(client, city, text, says):
    case = _rated(client, city)
    resp = client.post("/status/follow-up/", {"text": text})
    assert resp.status_code == 400 and says in resp.content.decode()
    assert Case.objects.get(pk=case.pk).follow_up_at is None


def test_ten_and_a_thousand_characters_are_taken(client, city):
    case = _rated(client, city)
    assert client.post("/status/follow-up/", {"text": "字" * 1000}).status_code == 302
    assert Case.objects.get(pk=case.pk).follow_up == "字" * 1000


def test_another_writers_session_cannot_follow_up_this_case(client, city):
    case = _rated(client, city)
    other = Client()
    other_case, code, password = written(other)
    _open_status(other, code, password)
    assert other.post("/status/follow-up/", {"text": FOLLOW_UP}).status_code == 400  # theirs is not rated
    assert Client().post("/status/follow-up/", {"text": FOLLOW_UP})["Location"] == "/query/"
    assert Case.objects.get(pk=case.pk).follow_up_at is None
    assert Case.objects.get(pk=other_case.pk).follow_up_at is None


def test_follow_up_needs_post(client, city):
    _rated(client, city)
    assert client.get("/status/follow-up/").status_code == 405


def test_center_sees_it_on_the_case_page_and_in_the_queue_until_called_back(client, city):
    case = _rated(client, city)
    client.post("/status/follow-up/", {"text": FOLLOW_UP})
    staff = Client()
    staff.force_login(city.operator)
    page = staff.get(f"/desk/case/{case.pk}/").content.decode()
    assert "网民追问" in page and FOLLOW_UP in page and "待回访答复" in page
    queue = staff.get("/desk/q/follow_up/").content.decode()
    assert f"/desk/case/{case.pk}/" in queue
    apply(case, "callback", actor=city.handler, note="已电话说明线路改造安排")
    assert f"/desk/case/{case.pk}/" not in staff.get("/desk/q/follow_up/").content.decode()
    assert "已回访" in staff.get(f"/desk/case/{case.pk}/").content.decode()


def test_the_lead_unit_sees_it_too(client, city):
    case = _rated(client, city)
    client.post("/status/follow-up/", {"text": FOLLOW_UP})
    unit = Client()
    unit.force_login(city.handler)
    assert f"/desk/case/{case.pk}/" in unit.get("/desk/q/follow_up/").content.decode()
    assert FOLLOW_UP in unit.get(f"/desk/case/{case.pk}/").content.decode()
