"""Collecting a message: what is checked, what the writer gets back, what is kept apart."""
import pytest

from minpan.cases.errors import CaseError
from minpan.cases.models import Case, Citizen, Event
from minpan.cases.services import DuplicateMessage, case_by_code, case_collect


def collect(**kw):
    args = dict(channel="people_daily", subject="路灯不亮", body="幸福小区路灯坏了。", policy_name="tongliao",
                citizen={"name": "王小明", "phone": "13800138000"})
    args.update(kw)
    return case_collect(**args)


def test_the_writer_gets_a_tracking_code_and_a_password_that_opens_it(db):
    case, password = collect()
    assert len(case.tracking_code) == 10 and len(password) == 8
    assert case_by_code(case.tracking_code.lower(), password) == case
    assert case.query_password != password  # stored hashed


def test_a_wrong_password_and_an_unknown_code_look_the_same(db):
    case, password = collect()
    assert case_by_code(case.tracking_code, password + "x") is None
    assert case_by_code("NOSUCHCODE", password) is None


def test_identity_is_stored_apart_from_the_message(db):
    case, _ = collect()
    assert Citizen.objects.get(case=case).phone == "13800138000"
    assert "13800138000" not in case.body


def test_the_first_event_records_the_channel(db):
    case, _ = collect(external_id="rmw-88123")
    ev = Event.objects.get(case=case)
    assert (ev.seq, ev.action, ev.state_after) == (1, "collect", "received")
    assert ev.data == {"channel": "people_daily", "external_id": "rmw-88123"}


def test_the_same_external_message_is_collected_once(db):
    case, _ = collect(external_id="rmw-1")
    with pytest.raises(DuplicateMessage, match=case.tracking_code):
        collect(external_id="rmw-1")
    assert Case.objects.count() == 1 and Citizen.objects.count() == 1


@pytest.mark.parametrize("kw,message", [
    ({"subject": "  "}, "请填写留言标题"),
    ({"body": ""}, "请填写留言内容"),
    ({"body": "长" * 5001}, "最多 5000 字"),
    ({"channel": "mayor_mailbox"}, "不受理“市长信箱”"),
    ({"channel": "fax"}, "未知的来源渠道"),
    ({"citizen": {"salary": "1"}}, "未知字段"),
])
def test_bad_messages_are_refused_and_nothing_is_written(db, kw, message):
    with pytest.raises(CaseError, match=message):
        collect(**kw)
    assert Case.objects.count() == 0 and Event.objects.count() == 0


def test_query_passwords_are_stored_as_a_keyed_hash(db):
    case, password = collect()
    assert case.query_password.startswith("hmac-sha256$")
    assert password not in case.query_password
