"""办理统计: 收到留言数, 办结数, 平均办理时间, 公开答复数 and satisfaction, per period and per unit."""
import datetime as dt

import pytest
import time_machine

from minpan.cases.services import case_collect
from minpan.cases.transitions import apply
from minpan.portal import stats
from minpan.workdays.arith import SHANGHAI

from .conftest import WRITER, answered

pytestmark = pytest.mark.django_db


def at(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def handled(city, *, received, answer, unit=None, rating="", mode="public"):
    with time_machine.travel(at(received), tick=False):
        case, _ = case_collect(channel="people_daily", subject="路灯", body="路灯不亮，请修理修理。", citizen=WRITER)
    with time_machine.travel(at(answer), tick=False):
        if unit is None:
            case = answered(city, case, mode=mode)
        else:
            apply(case, "accept", actor=city.operator)
            apply(case, "classify", actor=city.operator, msg_type="consult", domain="education")
            apply(case, "dispatch", actor=city.operator, lead=unit)
            apply(case, "claim", actor=city.edu_handler)
            apply(case, "draft", actor=city.edu_handler, body="已答复。", handler_name="赵老师", handler_phone="0475-8000000")
            apply(case, "sign_off", actor=city.edu_principal, sealed=True)
            apply(case, "submit", actor=city.edu_handler)
            apply(case, "approve", actor=city.reviewer)
            case = apply(case, "publish", actor=city.operator, mode=mode, public_note="已直接答复。")
        if rating:
            apply(case, "rate", rating=rating)
    return case


@pytest.fixture
def march(city):
    # 市住建局: 12 cases received Monday 2 March, answered Thursday 5 March (3 working days)
    ratings = ["satisfied"] * 6 + ["basically"] * 3 + ["unsatisfied"] * 3
    for r in ratings:
        handled(city, received="2026-03-02 09:00", answer="2026-03-05 16:00", rating=r)
    # 市教育局: 3 cases, answered the next Monday (5 working days), one private
    for mode in ("public", "public", "private"):
        handled(city, received="2026-03-02 09:00", answer="2026-03-09 10:00", unit=city.education, rating="satisfied", mode=mode)
    # received in March, still open
    with time_machine.travel(at("2026-03-20 09:00"), tick=False):
        case_collect(channel="people_daily", subject="未办结", body="还没有办完的留言内容。", citizen=WRITER)
    return city


def test_totals_for_the_month(client, march):
    page = client.get("/statistics/", {"year": 2026, "month": 3}).content.decode()
    report = stats.report(stats.Period(2026, 3))
    t = report.total
    assert (t.received, t.done, t.public) == (16, 15, 14)
    assert t.avg_days == round((12 * 3 + 3 * 5) / 15, 1)
    assert t.rated == 15 and t.satisfaction == round(100 * 12 / 15, 1)
    assert "2026 年 3 月" in page and "收到留言数" in page and "平均办理时间" in page and "80.0%" in page


def test_units_with_fewer_than_ten_cases_are_listed_but_not_ranked(client, march):
    report = stats.report(stats.Period(2026, 3))
    assert [(r.rank, r.name) for r in report.ranked] == [(1, "市住建局")]
    assert [r.name for r in report.unranked] == ["市教育局"]
    page = client.get("/statistics/", {"year": 2026, "month": 3}).content.decode()
    assert "不足 10 件、不参与排名的单位" in page and "市教育局：收到 3 件，办结 3 件" in page


def test_quarter_and_year_include_the_month_and_another_month_is_empty(march):
    assert stats.report(stats.Period(2026, quarter=1)).total.received == 16
    assert stats.report(stats.Period(2026)).total.done == 15
    assert stats.report(stats.Period(2026, 4)).total.received == 0


def test_a_malformed_period_falls_back_to_this_month():
    today = dt.date(2026, 11, 22)
    assert stats.parse_period("abc", None, None, today) == stats.Period(2026, 11)
    assert stats.parse_period("2026", "13", None, today) == stats.Period(2026, 11)
    assert stats.parse_period("2026", None, "2", today) == stats.Period(2026, None, 2)
    assert stats.Period(2026, 12).bounds()[1] == at("2027-01-01 00:00")


def test_the_page_needs_no_data(client, db):
    page = client.get("/statistics/").content.decode()
    assert "暂无评价" in page and "不作排名" in page
