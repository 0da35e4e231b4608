"""一键查询: code + password open the case; anything wrong reveals nothing and is rate limited."""
import pytest

from minpan.cases.transitions import apply
from minpan.portal import limits

from .conftest import answered, form_data

pytestmark = pytest.mark.django_db


def written(client):
    """Write through the portal; returns (case, code, password) as the writer holds them."""
    import re

    from minpan.cases.models import Case

    page = client.get(client.post("/write/", form_data(client))["Location"]).content.decode()
    password = re.search(r'id="query-password">([A-Z0-9]+)<', page).group(1)
    case = Case.objects.latest("pk")
    return case, case.tracking_code, password


def test_code_and_password_show_the_state_in_plain_words(client):
    case, code, password = written(client)
    resp = client.post("/query/", {"code": code.lower(), "password": password})
    assert resp.status_code == 302 and resp["Location"] == "/status/"
    page = client.get("/status/").content.decode()
    assert "已收到" in page and "收到留言" in page and case.subject in page
    assert "待初审" not in page  # staff labels stay inside


def test_wrong_password_and_unknown_code_get_the_same_answer(client):
    case, code, password = written(client)
    wrong = client.post("/query/", {"code": code, "password": "WRONGPWD"})
    unknown = client.post("/query/", {"code": "ZZZZZZZZZZ", "password": "WRONGPWD"})
    assert wrong.status_code == unknown.status_code == 400

    def strip(r):
        return r.content.decode().replace("ZZZZZZZZZZ", "").replace(code, "").replace("WRONGPWD", "")

    import re
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", strip(wrong)) == token.sub("", strip(unknown))
    assert "查询码或查询密码不正确" in wrong.content.decode()
    assert client.get("/status/")["Location"] == "/query/"


def test_wrong_passwords_are_limited_per_code_even_with_the_right_one_after(client):
    case, code, password = written(client)
    for _ in range(limits.QUERY_FAIL_PER_CODE.allowed):
        client.post("/query/", {"code": code, "password": "WRONGPWD"}, REMOTE_ADDR=f"10.0.0.{_}")
    resp = client.post("/query/", {"code": code, "password": password})
    assert resp.status_code == 400 and "查询失败次数过多" in resp.content.decode()


def test_an_unknown_code_is_limited_the_same_way(client):
    for i in range(limits.QUERY_FAIL_PER_CODE.allowed):
        client.post("/query/", {"code": "ZZZZZZZZZZ", "password": "WRONGPWD"}, REMOTE_ADDR=f"10.0.0.{i}")
    assert "查询失败次数过多" in client.post("/query/", {"code": "ZZZZZZZZZZ", "password": "X"}).content.decode()


def test_wrong_passwords_are_limited_per_address_across_codes(client):
    case, code, password = written(client)
    for i in range(limits.QUERY_FAIL_PER_IP.allowed):
        client.post("/query/", {"code": f"CODE{i:06d}", "password": "WRONGPWD"})
    assert "查询失败次数过多" in client.post("/query/", {"code": code, "password": password}).content.decode()


def test_timeline_leaves_out_internal_notes_and_staff_names(client, city):
    case, code, password = written(client)
    apply(case, "accept", actor=city.operator, note="内部备注：此人多次来访")
    apply(case, "classify", actor=city.operator, msg_type="consult", domain="urban")
    apply(case, "instruct", actor=city.leader, text="请住建局认真办理", leader_name="张市长")
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    apply(case, "claim", actor=city.handler)
    client.post("/query/", {"code": code, "password": password})
    page = client.get("/status/").content.decode()
    assert "办理中" in page and "转交承办单位办理：市住建局" in page and "承办单位签收" in page
    for secret in ("内部备注", "此人多次来访", "张市长", "请住建局认真办理", "operator", "handler", "领导批示"):
        assert secret not in page
    assert "答复期限" in page


def test_identity_withheld_cases_do_not_name_the_unit(client, city):
    case, code, password = written(client)
    apply(case, "accept", actor=city.operator)
    apply(case, "classify", actor=city.operator, msg_type="complaint", domain="urban", identity_withheld=True)
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    client.post("/query/", {"code": code, "password": password})
    page = client.get("/status/").content.decode()
    assert "转交承办单位办理" in page and "市住建局" not in page


def test_the_writer_reads_a_private_answer_too(client, city):
    case, code, password = written(client)
    answered(city, case, body="您反映的问题涉及个人信息，答复如下：已处理。", mode="private")
    client.post("/query/", {"code": code, "password": password})
    page = client.get("/status/").content.decode()
    assert "已答复" in page and "已处理" in page and "市住建局" in page
    assert "李工" in page and "0475-8123456" in page  # tongliao publishes the handler contact


def test_a_not_accepted_message_shows_the_explanation(client, city):
    case, code, password = written(client)
    apply(case, "not_accept", actor=city.operator, reason="legal_process",
          explanation="该事项已进入行政复议程序。", suggested_channel="市司法局行政复议科")
    client.post("/query/", {"code": code, "password": password})
    page = client.get("/status/").content.decode()
    assert "不予受理" in page and "已进入行政复议程序" in page and "市司法局行政复议科" in page
