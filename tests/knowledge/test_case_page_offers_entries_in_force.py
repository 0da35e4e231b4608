"""At initial review the case page of a consultation lists the 知识库 entries that answer it, with
their basis, owner, date and the words they share; entries not approved or out of date are not
offered, and a case the center may not answer directly offers none."""
import datetime as dt

import time_machine

from tests.flow import at, registered
from tests.knowledge.entries import consultation, residence_permit

NOW = at("2026-04-07 10:00")


def _page(client, city, case) -> str:
    client.force_login(city.operator)
    with time_machine.travel(NOW, tick=False):
        resp = client.get(f"/desk/case/{case.pk}/")
    assert resp.status_code == 200
    return resp.content.decode()


def test_a_consultation_is_offered_the_entry_that_answers_it(client, city):
    entry = residence_permit(city)
    text = _page(client, city, consultation(city, NOW))
    assert "采用：居住证怎么办理" in text
    assert "《居住证暂行条例》（国务院令第663号）" in text and "市住建局" in text
    assert f'data-entry="{entry.pk}"' in text
    assert "匹配词：" in text and "居住证" in text


def test_an_entry_out_of_date_or_unapproved_is_not_offered(client, city):
    residence_permit(city, valid_until=dt.date(2026, 4, 6))
    text = _page(client, city, consultation(city, NOW))
    assert "采用：居住证怎么办理" not in text
    assert "未找到匹配的有效条目" in text


def test_a_complaint_offers_no_direct_answer_and_no_entry(client, city):
    residence_permit(city)
    case = registered(city, "yuncheng", now=NOW, msg_type="complaint", subject="居住证办理太慢", body="居住证办了两个月还没拿到。")
    text = _page(client, city, case)
    assert "采用：居住证怎么办理" not in text and "知识库参考" not in text
