"""The lead-unit suggestion learns from the cases already dispatched."""
import datetime as dt

from minpan.cases.models import Case
from minpan.textmine.selectors import suggest_lead_unit

NOW = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)


def dispatched(n, subject, body, unit):
    return Case(channel="portal", tracking_code=f"R{n:09d}", query_password="-", subject=subject, body=body,
                received_at=NOW, policy_name="tongliao", state="dispatched", lead_unit=unit)


def test_nothing_is_suggested_before_two_units_have_cases(city):
    dispatched(1, "电梯坏了", "物业不修", city.housing).save()
    assert suggest_lead_unit(title="电梯坏了", body="") == []


def test_a_message_goes_first_to_the_unit_that_answered_its_kind(city):
    Case.objects.bulk_create([
        dispatched(1, "小区电梯坏了", "物业不修电梯", city.housing),
        dispatched(2, "老旧小区改造", "楼顶漏水请改造", city.housing),
        dispatched(3, "学校乱收费", "学校收取资料费", city.education),
        dispatched(4, "孩子没有学位", "入学学位紧张", city.education),
        dispatched(5, "东城区路灯不亮", "东城区某路段路灯不亮", city.district),
        dispatched(6, "东城区积水", "东城区下雨积水", city.district),
    ])
    assert suggest_lead_unit(title="电梯经常坏", body="小区电梯坏了物业不管")[0][0] == city.housing
    # the place in the unit's name wins over the topic
    assert suggest_lead_unit(title="东城区学校乱收费", body="东城区某中学乱收费")[0][0] == city.district
    assert len(suggest_lead_unit(title="孩子入学", body="学位紧张", k=2)) == 2
