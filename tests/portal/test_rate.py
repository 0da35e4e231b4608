"""评价: once the reply is out the writer rates it; 不满意 goes back to the center's 待回访 queue."""
import pytest

from minpan.cases.models import Case

from .conftest import answered
from .test_query import written

pytestmark = pytest.mark.django_db


def _open_status(client, code, password):
    client.post("/query/", {"code": code, "password": password})
    return client.get("/status/").content.decode()


def test_no_rating_before_the_reply(client):
    case, code, password = written(client)
    assert "评价答复" not in _open_status(client, code, password)
    assert client.post("/status/rate/", {"rating": "satisfied"}).status_code == 400
    assert Case.objects.get().rating == ""


def test_writer_rates_the_published_reply(client, city):
    case, code, password = written(client)
    answered(city, case)
    assert "评价答复" in _open_status(client, code, password)
    resp = client.post("/status/rate/", {"rating": "basically", "comment": "修得还算快"})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert (case.rating, case.rating_comment, case.callback_due) == ("basically", "修得还算快", False)
    assert case.events.filter(action="rate", role="citizen").exists()
    page = client.get("/status/").content.decode()
    assert "基本满意" in page and "评价答复" not in page


def test_unsatisfied_goes_to_the_callback_queue(client, city):
    case, code, password = written(client)
    answered(city, case)
    _open_status(client, code, password)
    client.post("/status/rate/", {"rating": "unsatisfied", "comment": "路灯还是不亮"})
    case.refresh_from_db()
    assert case.rating == "unsatisfied" and case.callback_due is True
    assert "受理中心将回访您" in client.get("/status/").content.decode()


def test_rating_twice_is_refused(client, city):
    case, code, password = written(client)
    answered(city, case)
    _open_status(client, code, password)
    client.post("/status/rate/", {"rating": "satisfied"})
    resp = client.post("/status/rate/", {"rating": "unsatisfied"})
    assert resp.status_code == 400
    assert Case.objects.get().rating == "satisfied"


def test_a_made_up_rating_is_refused(client, city):
    case, code, password = written(client)
    answered(city, case)
    _open_status(client, code, password)
    assert client.post("/status/rate/", {"rating": "<script>"}).status_code == 400
    assert Case.objects.get().rating == ""


def test_rating_needs_a_looked_up_case(client):
    assert client.post("/status/rate/", {"rating": "satisfied"})["Location"] == "/query/"
