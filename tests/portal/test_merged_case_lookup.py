"""一键查询 of a merged case: the writer follows the earlier case's public progress and published answer."""
import datetime as dt

import pytest

from minpan.cases.hashers import hash_query_password
from minpan.cases.models import Case, Citizen
from minpan.cases.transitions import apply
from tests.flow import at, collect

from .conftest import answered

pytestmark = pytest.mark.django_db
LIFT = "幸福小区8号楼的电梯上个月以来已经停运三次，楼里住着很多老人，上下楼非常困难，请督促物业尽快修好电梯。"
FIRST_WRITER = {"name": "赵大山", "phone": "13911112222", "email": "zds@example.cn"}


def look_up(client, case) -> str:
    Case.objects.filter(pk=case.pk).update(query_password=hash_query_password("PASSWORD"))
    assert client.post("/query/", {"code": case.tracking_code, "password": "PASSWORD"}).status_code == 302
    return client.get("/status/").content.decode()


def merged(city, first, when="2026-03-09 09:00"):
    case = collect("tongliao", subject="电梯又停了", body="再次反映：" + LIFT, now=at(when),
                   citizen={"name": "钱小红", "phone": "13700001111"})
    return apply(case, "merge", actor=city.operator, now=at(when) + dt.timedelta(hours=1), target=first.pk)


def test_writer_sees_the_merge_and_the_earlier_cases_progress(city, client):
    first = collect("tongliao", subject="电梯经常停运", body=f"我是赵大山，电话13911112222。{LIFT}", citizen=FIRST_WRITER,
                    now=at("2026-03-02 09:00"))
    apply(first, "accept", actor=city.operator, now=at("2026-03-02 10:00"))
    apply(first, "classify", actor=city.operator, now=at("2026-03-02 11:00"), msg_type="complaint", domain="urban")
    apply(first, "dispatch", actor=city.operator, now=at("2026-03-02 12:00"), lead=city.housing)
    case = merged(city, first)

    page = look_up(client, case)
    assert "已合并办理" in page and f"您的留言已与 {fresh_ref(first)} 合并办理" in page
    assert "转交承办单位办理" in page and "市住建局" in page  # the earlier case's public steps
    assert "赵大山" not in page and "13911112222" not in page and "zds@example.cn" not in page
    assert first.tracking_code not in page


def test_writer_reads_the_published_answer_redacted(city, client):
    first = collect("tongliao", subject="电梯经常停运", body=LIFT, citizen=FIRST_WRITER, now=at("2026-03-02 09:00"))
    answered(city, first, body="经核查，电梯已于3月5日修复。赵大山反映的情况属实，已责令物业整改。")
    # answered() runs at the present time, so the repeat arrives and is merged now too
    case = collect("tongliao", subject="电梯又停了", body=LIFT, citizen={"name": "钱小红", "phone": "13700001111"})
    apply(case, "merge", actor=city.operator, target=first.pk)

    page = look_up(client, case)
    assert "电梯已于3月5日修复" in page and "市住建局" in page
    assert "赵大山" not in page
    assert "您评价了答复" not in page


def test_a_private_answer_to_the_earlier_writer_is_not_shown(city, client):
    first = collect("tongliao", subject="电梯经常停运", body=LIFT, citizen=FIRST_WRITER, now=at("2026-03-02 09:00"))
    answered(city, first, body="关于您家的具体情况，已电话告知。", mode="private")
    case = collect("tongliao", subject="电梯又停了", body=LIFT, citizen={"name": "钱小红", "phone": "13700001111"})
    apply(case, "merge", actor=city.operator, target=first.pk)

    page = look_up(client, case)
    assert "已电话告知" not in page
    assert "答复不公开" in page
    assert Citizen.objects.get(case=first).name not in page


def fresh_ref(case):
    return Case.objects.get(pk=case.pk).reference
