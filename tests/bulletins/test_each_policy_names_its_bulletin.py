"""Each document's bulletin as its policy holds it (no database): what it names, how often, its
name, who signs it — and the period the next one covers, a month or a quarter that has ended."""
import datetime as dt

import pytest

from minpan.bulletins.drafting import last_period, period_label
from minpan.policies.presets import PRESETS


@pytest.mark.parametrize("city, kinds, every, heading, article", [
    ("tongliao", ("overdue", "perfunctory"), "month", "网民留言办理情况通报", "第二十一条"),
    ("naiman", ("overdue", "perfunctory", "exemplary"), "month", "网民留言办理情况通报", "第十八条"),
    ("yuncheng", ("overdue", "perfunctory"), "month", "网民留言办理情况通报", "五(四)、五(六)"),
    ("xizang", ("overdue", "perfunctory"), "quarter", "督查通报", "第五条(七)"),
    ("chizhou", ("overdue", "perfunctory"), "month", "网民留言办理情况通报", "第十一条"),
])
def test_the_presets(city, kinds, every, heading, article):
    rules = PRESETS[city].bulletins
    assert (rules.kinds, rules.every, rules.heading, rules.article, rules.approver_role) == (kinds, every, heading, article, "city_leader")


@pytest.mark.parametrize("today, every, first, last, label", [
    ("2026-03-02", "month", "2026-02-01", "2026-02-28", "2026年2月"),
    ("2026-01-01", "month", "2025-12-01", "2025-12-31", "2025年12月"),
    ("2026-04-01", "quarter", "2026-01-01", "2026-03-31", "2026年第一季度"),
    ("2026-03-31", "quarter", "2025-10-01", "2025-12-31", "2025年第四季度"),
    ("2026-10-08", "quarter", "2026-07-01", "2026-09-30", "2026年第三季度"),
])
def test_the_period_a_bulletin_covers(today, every, first, last, label):
    period = last_period(every, dt.date.fromisoformat(today))
    assert (period.first.isoformat(), period.last.isoformat(), period_label(period)) == (first, last, label)
