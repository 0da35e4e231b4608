"""With code and password the writer sees and exports what is held about them (PIPL 第四十五条),
corrects their contact details or asks the center to correct the rest (第四十六条); never staff
notes, drafts or anyone else's data."""
import json

import pytest

from minpan.cases.models import Citizen
from minpan.cases.transitions import apply
from minpan.portal.models import DataRequest
from tests.flow import registered
from tests.portal.conftest import ID_NUMBER, WRITER

from .privacy_steps import write_and_sign_in

pytestmark = pytest.mark.django_db
STAFF_NOTE = "内部：此人多次来访，注意方式"


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MINPAN_FILES_DIR = tmp_path / "files"


def test_the_export_holds_the_writers_message_contact_and_files(client, city):
    case = write_and_sign_in(client)
    resp = client.get("/status/my-data.json")
    assert resp.status_code == 200 and resp["Content-Disposition"].startswith("attachment;")
    data = json.loads(resp.content)
    assert data["留言"]["查询码"] == case.tracking_code and data["留言"]["标题"] == case.subject
    assert data["个人信息"]["电话"] == WRITER["phone"] and data["个人信息"]["电子邮箱"] == WRITER["email"]
    assert [f["文件名"] for f in data["附件"]] == ["路灯.png"]
    assert data["办理进程"][0]["事项"] == "收到留言"


def test_the_page_shows_the_same_in_words(client, city):
    write_and_sign_in(client)
    page = client.get("/status/my-data/").content.decode()
    assert WRITER["phone"] in page and "路灯.png" in page and "导出全部信息" in page


def test_staff_notes_and_other_writers_are_not_in_it(client, city):
    case = write_and_sign_in(client)
    apply(case, "note", actor=city.operator, note=STAFF_NOTE)
    registered(city, "tongliao", citizen={"name": "李四", "phone": "13911112222"}, subject="别人的事")
    text = client.get("/status/my-data.json").content.decode() + client.get("/status/my-data/").content.decode()
    assert STAFF_NOTE not in text and "李四" not in text and "13911112222" not in text and "别人的事" not in text


def test_without_code_and_password_nothing_is_shown(client, city):
    assert client.get("/status/my-data.json")["Location"] == "/query/"
    assert client.get("/status/my-data/")["Location"] == "/query/"
    assert client.post("/status/my-data/erase/", {"confirm": "on"})["Location"] == "/query/"


def test_the_writer_corrects_their_contact_directly(client, city):
    case = write_and_sign_in(client)
    resp = client.post("/status/my-data/contact/", {"phone": "13912345678", "email": "new@example.cn", "address": "幸福路 1 号"})
    assert resp.status_code == 302
    citizen = Citizen.objects.get(case=case)
    assert (citizen.phone, citizen.email, citizen.address) == ("13912345678", "new@example.cn", "幸福路 1 号")
    assert citizen.email_confirmed_at is None  # mail goes to a new address only once it is confirmed


def test_a_bad_phone_is_refused_in_chinese(client, city):
    write_and_sign_in(client)
    resp = client.post("/status/my-data/contact/", {"phone": "abc", "email": "", "address": ""})
    assert resp.status_code == 400 and "电话号码格式不对" in resp.content.decode()


def test_a_correction_of_the_message_is_a_request_for_the_center(client, city):
    case = write_and_sign_in(client)
    resp = client.post("/status/my-data/correction/", {"text": f"身份证号写错了，应为{ID_NUMBER[:-1]}X"})
    assert resp.status_code == 302
    request = DataRequest.objects.get(case=case)
    assert request.kind == "correct" and request.done_at is None
    assert "更正" in client.get("/status/my-data/").content.decode()
