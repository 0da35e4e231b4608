"""Similar earlier messages at initial review, from the database index kept up to date on collect."""
import pytest

from minpan.cases.transitions import apply
from minpan.similar.models import Indexed, Sample
from minpan.similar.selectors import similar_cases, similar_to_text
from tests.flow import at, collect

pytestmark = pytest.mark.django_db

LIFT = ("幸福小区8号楼的电梯上个月以来已经停运三次，最长一次停了两天，楼里住着很多老人，"
        "上下楼非常困难。物业说配件要从外地调货，一直拖着不修，请相关部门督促物业尽快修好电梯并定期检查。")
GREETING = "尊敬的领导您好！我是本市的一名普通市民，现就一件困扰大家很久的事情向您反映，希望得到重视。"


def test_a_collected_message_is_indexed_at_once():
    case = collect("tongliao", subject="电梯经常停运", body=LIFT, now=at("2026-03-02 09:00"))
    assert Indexed.objects.get(case=case).size == Sample.objects.filter(case=case).count() > 5


def test_a_reposted_message_finds_the_earlier_one():
    first = collect("tongliao", subject="电梯经常停运", body=LIFT, now=at("2026-03-02 09:00"))
    collect("tongliao", subject="公园路灯不亮", body="东湖公园北门一带的路灯已经坏了半个多月，晚上散步的居民很多，一片漆黑很不安全，请尽快修复。",
            now=at("2026-03-02 10:00"))
    again = collect("tongliao", subject="再次反映电梯问题", body="各位领导好，" + LIFT + "谢谢！", now=at("2026-03-09 15:00"))

    found = similar_cases(again)
    assert [c.pk for c, _ in found] == [first.pk]
    assert 0.9 <= found[0][1] <= 1.0


def test_a_message_quoted_inside_a_longer_one_still_matches():
    first = collect("tongliao", subject="电梯经常停运", body=LIFT, now=at("2026-03-02 09:00"))
    longer = collect("tongliao", subject="电梯和停车的问题",
                     body="我上周反映过：" + LIFT + "另外小区地下车库的照明也不够，车位划线模糊，经常有车乱停堵住通道，也请一并解决。",
                     now=at("2026-03-05 09:00"))
    assert [c.pk for c, _ in similar_cases(longer)] == [first.pk]


def test_only_earlier_messages_are_offered():
    first = collect("tongliao", subject="电梯经常停运", body=LIFT, now=at("2026-03-02 09:00"))
    later = collect("tongliao", subject="电梯经常停运", body=LIFT, now=at("2026-03-03 09:00"))
    assert similar_cases(first) == []
    assert [c.pk for c, _ in similar_cases(later)] == [first.pk]


def test_two_different_letters_with_the_same_greeting_are_not_duplicates():
    collect("tongliao", subject="下水道堵塞", now=at("2026-03-02 09:00"),
            body=GREETING + "我家门口的下水道堵了一个星期，污水漫到路面上，气味很大，孩子上学都要绕着走，请尽快疏通。")
    second = collect("tongliao", subject="市场噪音扰民", now=at("2026-03-03 09:00"),
                     body=GREETING + "附近的菜市场早上五点就开始用大喇叭叫卖，吵得人睡不着觉，希望城管部门管一管噪音问题。")
    assert similar_cases(second) == []


def test_a_greeting_in_hundreds_of_messages_is_ignored(monkeypatch):
    from minpan.similar import selectors

    monkeypatch.setattr(selectors, "CAP", 3)
    for i in range(5):
        collect("tongliao", subject=f"反映问题{i}", body=GREETING + f"编号{i}的其他内容。", now=at(f"2026-03-0{i + 2} 09:00"))
    # a message that is the greeting plus a little: the greeting's fingerprints are boilerplate now
    assert similar_to_text("反映问题", GREETING + "还有别的事情。") == []
    # without the cap the same text would match them
    monkeypatch.setattr(selectors, "CAP", 200)
    assert len(similar_to_text("反映问题", GREETING + "还有别的事情。")) == 5


def test_a_merged_copy_leads_to_the_case_it_was_merged_into(city):
    first = collect("tongliao", subject="电梯经常停运", body=LIFT, now=at("2026-03-02 09:00"))
    apply(first, "accept", actor=city.operator, now=at("2026-03-02 10:00"))
    copy = collect("tongliao", subject="电梯停运", body=LIFT + "（第二次反映）", now=at("2026-03-04 09:00"))
    apply(copy, "merge", actor=city.operator, now=at("2026-03-04 10:00"), target=first.pk)
    third = collect("tongliao", subject="电梯又坏了", body=LIFT + "（第三次反映）", now=at("2026-03-06 09:00"))
    found = similar_cases(third)
    assert [c.pk for c, _ in found] == [first.pk]
    assert similar_cases(first) == []  # the copies merged into it are later, never offered
