"""不予受理 as a duplicate (正在办理或已办结的重复事项), with the standard explanation naming the earlier case."""
import pytest

from minpan.cases.models import Case
from minpan.cases.transitions import apply
from minpan.similar.notices import duplicate_explanation
from tests.flow import at, collect, fresh

LIFT = "幸福小区8号楼的电梯上个月以来已经停运三次，楼里住着很多老人，上下楼非常困难，请督促物业尽快修好电梯。"


@pytest.fixture
def earlier(city):
    case = collect("tongliao", subject="电梯经常停运", body=LIFT, now=at("2026-03-02 09:00"))
    apply(case, "accept", actor=city.operator, now=at("2026-03-02 10:00"))
    return apply(case, "classify", actor=city.operator, now=at("2026-03-02 11:00"), msg_type="complaint", domain="urban")


def test_the_standard_explanation_names_the_earlier_case_and_the_rule(earlier):
    text = duplicate_explanation(earlier)
    assert earlier.reference in text and "2026年3月2日" in text and "正在办理" in text
    assert "重复事项" in text and "通辽市" in text  # the policy's document
    assert LIFT[:10] not in text


def test_operator_refuses_a_repeat_naming_the_earlier_case(city, earlier, client):
    case = collect("tongliao", subject="电梯又停了", body=LIFT, now=at("2026-03-04 09:00"))
    client.force_login(city.operator)
    resp = client.post(f"/desk/case/{case.pk}/do/not_accept/", {
        "not_accept-reason": "duplicate", "not_accept-duplicate_of": earlier.reg_no,
    })
    assert resp.status_code == 302
    case = fresh(case)
    assert case.state == "not_accepted" and case.not_accepted_reason == "duplicate"
    assert case.not_accepted_explanation == duplicate_explanation(earlier)
    assert earlier.reference in case.suggested_channel


def test_an_explanation_written_by_hand_is_kept(city, earlier, client):
    case = collect("tongliao", subject="电梯又停了", body=LIFT, now=at("2026-03-04 09:00"))
    client.force_login(city.operator)
    client.post(f"/desk/case/{case.pk}/do/not_accept/", {
        "not_accept-reason": "duplicate", "not_accept-explanation": "与 2026-000001 属同一事项，正在办理。",
        "not_accept-suggested_channel": "关注原留言答复",
    })
    assert fresh(case).not_accepted_explanation == "与 2026-000001 属同一事项，正在办理。"


def test_without_an_explanation_or_earlier_case_the_form_asks_for_one(city, client):
    case = collect("tongliao", subject="电梯又停了", body=LIFT, now=at("2026-03-04 09:00"))
    client.force_login(city.operator)
    resp = client.post(f"/desk/case/{case.pk}/do/not_accept/", {"not_accept-reason": "duplicate"})
    assert resp.status_code == 400 and "请填写说明。" in resp.content.decode()
    resp = client.post(f"/desk/case/{case.pk}/do/not_accept/", {"not_accept-reason": "duplicate", "not_accept-duplicate_of": "留言#99999"})
    assert resp.status_code == 400 and "没有找到留言" in resp.content.decode()
    assert Case.objects.get(pk=case.pk).state == "received"


def test_the_writer_reads_the_explanation_in_the_lookup(city, earlier, client):
    from minpan.cases.hashers import hash_query_password

    case = collect("tongliao", subject="电梯又停了", body=LIFT, now=at("2026-03-04 09:00"))
    apply(case, "not_accept", actor=city.operator, now=at("2026-03-04 10:00"), reason="duplicate",
          explanation=duplicate_explanation(earlier), suggested_channel="关注原留言答复")
    Case.objects.filter(pk=case.pk).update(query_password=hash_query_password("PASSWORD"))
    client.post("/query/", {"code": case.tracking_code, "password": "PASSWORD"})
    page = client.get("/status/").content.decode()
    assert "不予受理" in page and earlier.reference in page
