"""Chizhou 第十三条 (承办单位办理情况纳入年度政府目标管理绩效考核) with 第九条(七): the “回头看” that finds
a closed case's measures not carried out, and a writer's 不满意, take points off the unit (本市设定:
2 and 1). The case, received 09-21 with 7 working days (the Mid-Autumn Friday 09-25 and the National
Day week not counted: due 10-08), was answered on time on 09-28; its deadline and both findings
are October's, and an answer on time moves nothing in Chizhou."""
import pytest

from minpan.cases import lookback
from minpan.cases.transitions import apply
from minpan.policies.presets import PRESETS
from minpan.reports.assessment import assess
from minpan.reports.periods import Period
from tests.flow import at, fresh
from tests.test_look_back_at_closed_cases import SINCE, UNTIL, answered

pytestmark = pytest.mark.django_db
CHIZHOU = PRESETS["chizhou"]


def _housing(city, month):
    return next(s for s in assess(Period.month(2026, month), CHIZHOU, items_of=None) if s.unit == city.housing)


def test_a_look_back_finding_measures_not_carried_out_takes_points_off(city):
    case = answered(city, on="2026-09-28 10:00")
    lookback.draw(since=SINCE, until=UNTIL, size=1, by=city.operator, now=at("2026-10-19 09:00"))
    apply(case, "look_back", actor=city.operator, now=at("2026-10-19 10:00"), result="not_done", via="writer",
          note="回访留言人：路灯仍时亮时灭，巡检未落实。")
    apply(case, "rate", now=at("2026-10-20 09:00"), rating="unsatisfied")

    assert fresh(case).deadline_at == at("2026-10-09 00:00")  # 24:00 of 10-08
    october = _housing(city, 10)
    basis = "第九条(六)(七)、第十三条"
    assert [(i.what, i.points, i.on.isoformat(), i.article) for i in october.items] == [
        ("“回头看”措施未落实", -2, "2026-10-19", basis),
        ("网民评价不满意", -1, "2026-10-20", basis),
    ]
    assert (october.score, october.cases) == (97, 1)
    september = _housing(city, 9)
    assert (september.score, september.cases, september.items) == (100, 0, [])
