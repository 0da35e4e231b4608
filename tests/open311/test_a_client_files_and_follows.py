"""Open311 GeoReport v2: an existing civic-tech client files a request with a channel's key, follows
it by token, then by id, in JSON and XML; reading shows only what the public may see (state, the
unit handling it, the masked public copy once published), never the writer."""
import json
from xml.etree import ElementTree

import pytest

from minpan.api.tokens import token_create
from minpan.cases.models import Case, Citizen
from minpan.cases.transitions import apply
from tests.test_publication_copy import to_approval


@pytest.fixture
def key(db):
    return token_create(channel="people_daily")[1]


def _file(client, key, **extra):
    data = {"api_key": key, "service_code": "urban", "description": "幸福小区 3 号楼前路灯坏了一个月。晚上出行不便。",
            "first_name": "小明", "last_name": "王", "phone": "13800138000", "address_string": "科尔沁区幸福小区",
            "lat": "43.6123", "long": "122.2631", **extra}
    return client.post("/open311/v2/requests.json", data)


def test_file_then_follow_by_token_then_by_id(client, key):
    resp = _file(client, key)
    assert resp.status_code == 201
    [filed] = json.loads(resp.content)
    assert filed["token"] and "受理中心" in filed["service_notice"]
    [found] = json.loads(client.get(f"/open311/v2/tokens/{filed['token']}.json").content)
    case = Case.objects.get(pk=int(found["service_request_id"]))
    assert case.channel == "people_daily" and case.subject == "幸福小区 3 号楼前路灯坏了一个月"
    assert Citizen.objects.get(case=case).name == "王小明"
    [request] = json.loads(client.get(f"/open311/v2/requests/{case.pk}.json").content)
    assert request["status"] == "open" and request["service_code"] == "urban" and request["address"] == "科尔沁区幸福小区"
    assert request["description"] == "" and "王小明" not in json.dumps(request, ensure_ascii=False)


def test_the_answer_shows_once_published_masked(client, key, city):
    case = to_approval(city)
    from minpan.open311.models import Open311Request

    Open311Request.objects.create(case=case, token="t" * 32, service_code="urban")
    apply(case, "publish", actor=city.operator, mode="public")
    [request] = json.loads(client.get(f"/open311/v2/requests/{case.pk}.json").content)
    assert request["status"] == "closed" and request["agency_responsible"] == "市住建局"
    assert "已安排维修" in request["status_notes"] and "王小明" not in request["status_notes"] + request["description"]


def test_xml_is_the_same_in_its_own_shape(client, key):
    _file(client, key)
    root = ElementTree.fromstring(client.get("/open311/v2/requests.xml").content)
    assert root.tag == "service_requests" and root.find("request/status").text == "open"
    services = ElementTree.fromstring(client.get("/open311/v2/services.xml").content)
    assert "urban" in [s.findtext("service_code") for s in services.findall("service")]


def test_only_a_channels_key_files(client, city, key):
    person = token_create(username=city.operator.username)[1]
    assert _file(client, person).status_code == 403
    assert _file(client, "made-up").status_code == 403
    assert _file(client, key, service_code="weather").status_code == 400
    assert _file(client, key, description="  ").status_code == 400
    assert _file(client, key, lat="north").status_code == 400
    assert not Case.objects.exists()


def test_ids_of_cases_not_filed_here_are_not_found(client, city):
    other = to_approval(city)
    assert client.get(f"/open311/v2/requests/{other.pk}.json").status_code == 404
    assert client.get("/open311/v2/requests/abc.xml").status_code == 404


def test_a_nul_in_what_a_client_sends_is_dropped_not_a_server_error(client, key):
    resp = _file(client, key, description="路灯\x00不亮。", address_string="幸福\x00小区")
    assert resp.status_code == 201
    assert "\x00" not in Case.objects.get().body
    assert client.get("/open311/v2/tokens/\x00.json").status_code == 404
    assert client.get("/open311/v2/requests.json", {"service_code": "urban\x00"}).status_code == 200
