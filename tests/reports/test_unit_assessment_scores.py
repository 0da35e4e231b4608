"""单位考核 (issue 15) under Tongliao's rules (第十九、二十一条: points off, 反向扣分) on the data set of
conftest.py, across the September/October boundary, the Mid-Autumn Festival and the National Day
week. The preset's numbers (本市设定): 100 to start; off 2 per case overdue, 1 per send-back,
1 per rating of 不满意; extensions and answers on time move nothing; 3 cases to be ranked.

    September: 东城区 J overdue on the makeup Sunday 09-20 (98); 市住建局 I on time (100)
    October:   市教育局 B overdue 10-15 (after its extension) and rated 不满意 10-16 (97);
               东城区 C (held by 东城街道) sent back 10-13 and overdue 10-14 (97); 市住建局 A on time (100)
    2026:      市住建局 G overdue 11-03 (98, 3 cases); 市教育局 97; 东城区 J, C (95)
"""
import datetime as dt

import pytest

from minpan.policies.presets import PRESETS
from minpan.reports.assessment import assess
from minpan.reports.periods import Period

pytestmark = pytest.mark.django_db

TONGLIAO = PRESETS["tongliao"]


def _by_unit(period):
    return {s.unit.name: s for s in assess(period, TONGLIAO, items_of=None)}


def _items(score):
    return [(i.case, i.what, i.points, i.on.isoformat(), i.article) for i in score.items]


def test_october_scores_with_the_events_that_moved_them(two_months):
    c = two_months
    scores = _by_unit(Period.month(2026, 10))
    assert {u: (s.score, s.cases) for u, s in scores.items()} == {
        "市住建局": (100, 1), "市教育局": (97, 2), "东城区": (97, 1),
    }
    basis = "第十九条、第二十一条"
    assert _items(scores["市教育局"]) == [
        (c.B.reg_no, "逾期未按期办结", -2, "2026-10-15", basis),
        (c.B.reg_no, "网民评价不满意", -1, "2026-10-16", basis),
    ]
    # the street's case counts for its district
    assert _items(scores["东城区"]) == [
        (c.C.reg_no, "答复被退回重办", -1, "2026-10-13", basis),
        (c.C.reg_no, "逾期未按期办结", -2, "2026-10-14", basis),
    ]
    assert scores["市住建局"].items == []   # A on time: no points under Tongliao's rules
    assert scores["东城区"].items[0].case_id == c.C.pk


def test_september_counts_the_deadline_on_the_makeup_sunday(two_months):
    scores = _by_unit(Period.month(2026, 9))
    assert {u: (s.score, s.cases) for u, s in scores.items()} == {
        "市住建局": (100, 1), "市教育局": (100, 0), "东城区": (98, 1),
    }
    assert [(i.what, i.on) for i in scores["东城区"].items] == [("逾期未按期办结", dt.date(2026, 9, 20))]


def test_the_year_adds_up_its_months(two_months):
    year = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    scores = _by_unit(year)
    assert {u: (s.score, s.cases) for u, s in scores.items()} == {
        "市住建局": (98, 3), "市教育局": (97, 2), "东城区": (95, 2),
    }
    months = [_by_unit(Period.month(2026, m)) for m in range(1, 13)]
    for unit, s in scores.items():
        assert s.score - 100 == sum(m[unit].score - 100 for m in months)
        assert s.cases == sum(m[unit].cases for m in months)
    # only 市住建局 has the 3 cases to be ranked
    assert [(s.unit.name, s.rank) for s in assess(year, TONGLIAO, items_of=None)] == [("市住建局", 1), ("市教育局", None), ("东城区", None)]


def test_points_added_where_the_policy_praises(two_months):
    # Naiman 第十八条 通报表扬: a point for each case answered on time (本市设定)
    scores = {s.unit.name: s for s in assess(Period.month(2026, 10), PRESETS["naiman"], items_of=None)}
    assert [(i.what, i.points) for i in scores["市住建局"].items] == [("按期办结", 1)]
    assert scores["市住建局"].score == 101
    assert scores["市教育局"].score == 100 - 2 + 1   # B overdue, F on time; no points for 不满意 there


def test_the_counted_scores_agree_with_the_events_listed(two_months):
    # the ranking is counted by the database; the events are read one by one where they are shown
    for month in (9, 10, 11):
        for policy in PRESETS.values():
            counted = assess(Period.month(2026, month), policy)
            listed = assess(Period.month(2026, month), policy, items_of=None)
            for c, s in zip(counted, listed, strict=True):
                assert c.items == [] and c.unit == s.unit
                assert c.score == s.score == policy.assessment.start_score + sum(i.points for i in s.items), (policy.name, month, s.unit)
