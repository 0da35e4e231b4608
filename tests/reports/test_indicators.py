"""The indicators of issue 15, each checked against the figures worked out by hand for the data
set in conftest.py (October 2026, with September before it)."""
import datetime as dt

import pytest

from minpan.reports.indicators import INDICATORS, breakdowns, by_month, cases_behind, figures
from minpan.reports.periods import Period
from minpan.reports.summary import stats
from minpan.workdays.arith import end_of_day

pytestmark = pytest.mark.django_db

OCTOBER = Period.month(2026, 10)
SEPTEMBER = Period.month(2026, 9)


def test_every_indicator_for_october(two_months):
    f = stats(OCTOBER)
    assert (f["from"], f["to"]) == ("2026-10-01", "2026-10-31")
    assert f["received"] == 6             # C D E F G H
    assert f["not_accepted"] == 1         # D
    assert f["accepted"] == 4             # C F G H (E was merged at initial review, never accepted)
    assert f["answered"] == 4             # A B F, and H answered privately by the center
    assert f["answered_public"] == 3      # A B F
    assert f["answered_on_time"] == 3     # A (the afternoon of its deadline day), F, H (no unit deadline); not B
    assert f["fell_due"] == 4             # A 10-10, C 10-14, B 10-15 (after its extension), F 10-28
    assert f["fell_due_on_time"] == 2     # A F
    assert f["on_time_rate"] == 0.5
    assert f["overdue_open"] == 2         # J (due 09-20) and C (due 10-14, answered only on 11-02)
    assert f["rated"] == 3                # I on 10-09 (answered in September), A, B
    assert f["satisfied"] == 2            # I 基本满意, A 满意
    assert f["satisfaction_rate"] == pytest.approx(2 / 3)
    assert f["extensions"] == 1           # B
    assert f["returns"] == 1              # F, by 市住建局
    assert f["submitted"] == 4            # A B C F
    assert f["send_backs"] == 1           # C
    assert f["send_back_rate"] == 0.25
    # working days from receipt to answer: A 5, B 9, F 6, H 1
    assert f["avg_working_days"] == 5.25
    assert f["median_working_days"] == 5.5
    assert f["callbacks"] == 1            # F
    assert f["merged"] == 1               # E


def test_the_month_before_is_september(two_months):
    p = stats(OCTOBER)["previous"]
    assert (p["from"], p["to"]) == ("2026-09-01", "2026-09-30")
    assert (p["received"], p["accepted"], p["not_accepted"]) == (4, 4, 0)        # J I A B
    assert (p["answered"], p["answered_on_time"]) == (1, 1)                       # I on its deadline day
    # J fell due on the makeup Sunday 09-20, I on 09-29 (the Mid-Autumn Friday not counted)
    assert (p["fell_due"], p["fell_due_on_time"], p["on_time_rate"]) == (2, 1, 0.5)
    assert p["overdue_open"] == 1                                                 # J; A is due 10-10
    assert (p["rated"], p["satisfaction_rate"]) == (0, None)
    assert (p["avg_working_days"], p["median_working_days"]) == (5, 5)


def test_each_unit_row_with_sub_units_rolled_up(two_months):
    rows = {r["unit"]: r for r in stats(OCTOBER)["by_unit"]}
    assert list(rows) == ["市住建局", "市教育局", "东城区"]
    pick = ("fell_due", "fell_due_on_time", "overdue_open", "answered")
    assert {u: tuple(r[k] for k in pick) for u, r in rows.items()} == {
        "市住建局": (1, 1, 0, 1),   # A
        "市教育局": (2, 1, 0, 2),   # B late, F on time
        "东城区": (1, 0, 2, 0),     # C (held by 东城街道) and J, both open past their deadlines
    }
    housing, education, district = rows["市住建局"], rows["市教育局"], rows["东城区"]
    assert (housing["received"], housing["returns"], housing["rated"], housing["satisfied"]) == (1, 1, 2, 2)  # G; F returned; I A
    assert (education["received"], education["extensions"], education["callbacks"], education["rated"]) == (1, 1, 1, 1)
    assert education["on_time_rate"] == 0.5 and education["satisfaction_rate"] == 0.0
    assert (education["avg_working_days"], education["median_working_days"]) == (7.5, 7.5)
    assert (district["submitted"], district["send_backs"], district["send_back_rate"]) == (1, 1, 1.0)
    assert district["avg_working_days"] is None and district["satisfaction_rate"] is None


def test_by_domain_channel_and_type(two_months):
    s = stats(OCTOBER)
    domain = {r["domain"]: r for r in s["by_domain"]}
    assert list(domain) == ["urban", "education", ""]
    assert (domain["education"]["label"], domain["education"]["answered"], domain["education"]["fell_due"]) == ("教育文体", 2, 2)
    assert (domain[""]["label"], domain[""]["received"], domain[""]["not_accepted"], domain[""]["merged"]) == ("未分类", 2, 1, 1)
    assert (domain["urban"]["received"], domain["urban"]["overdue_open"]) == (3, 2)  # C G H; C J
    channel = {r["channel"]: r for r in s["by_channel"]}
    assert (channel["people_daily_chairman"]["received"], channel["people_daily_chairman"]["answered_public"]) == (1, 0)
    assert channel["people_daily"]["received"] == 5
    kinds = {r["type"]: r["received"] for r in s["by_type"]}
    assert kinds == {"consult": 3, "complaint": 1, "": 2}
    # every breakdown adds up to the totals
    for table in ("by_domain", "by_channel", "by_type"):
        assert sum(r["received"] for r in s[table]) == s["received"]
        assert sum(r["overdue_open"] for r in s[table]) == s["overdue_open"]


def test_the_deadline_in_force_is_kept_once_answered(two_months):
    c = two_months
    assert c.A.due_at is None and c.A.deadline_at == end_of_day(dt.date(2026, 10, 10))
    assert c.B.deadline_at == end_of_day(dt.date(2026, 10, 15))  # 10-12 and three approved days
    assert c.F.deadline_at == end_of_day(dt.date(2026, 10, 28))  # counted from the second dispatch
    assert c.H.deadline_at is None                               # the center's own answer
    assert c.G.deadline_at == c.G.due_at == end_of_day(dt.date(2026, 11, 3))


def test_an_answer_the_afternoon_of_the_deadline_day_is_on_time(two_months):
    day = figures(Period(dt.date(2026, 10, 10), dt.date(2026, 10, 10)))[None]
    assert (day.fell_due, day.fell_due_on_time, day.answered, day.answered_on_time) == (1, 1, 1, 1)


def test_overdue_open_is_as_of_the_end_of_the_period(two_months):
    def overdue(first, last):
        return figures(Period(dt.date.fromisoformat(first), dt.date.fromisoformat(last)))[None].overdue_open

    assert overdue("2026-10-01", "2026-10-13") == 1   # J; C's deadline is still ahead
    assert overdue("2026-10-01", "2026-10-14") == 2   # at 24:00 of 10-14 C's deadline has passed unanswered
    assert overdue("2026-10-01", "2026-11-02") == 1   # C answered that morning; J still open
    assert overdue("2026-10-01", "2026-11-30") == 2   # J, and G (due 11-03)
    assert overdue("2026-09-01", "2026-09-20") == 1   # J, due that makeup Sunday


def test_rates_are_null_when_nothing_is_counted(two_months):
    f = figures(Period.month(2026, 8))[None].as_dict()  # before the first message
    assert all(v is None for k, v in f.items() if k.endswith("_rate") or k.endswith("_days"))
    assert all(v == 0 for k, v in f.items() if not (k.endswith("_rate") or k.endswith("_days")))


def test_the_cases_behind_each_figure(two_months):
    c = two_months
    total = figures(OCTOBER)[None].as_dict()
    for name in INDICATORS:
        # in this data set no case had the same action twice in October
        assert cases_behind(OCTOBER, name).count() == total[name], name
    assert set(cases_behind(OCTOBER, "overdue_open")) == {c.J, c.C}
    assert set(cases_behind(OCTOBER, "fell_due_on_time")) == {c.A, c.F}
    by_unit = figures(OCTOBER, by="unit")
    for unit_id, fig in by_unit.items():
        for name in INDICATORS:
            assert cases_behind(OCTOBER, name, by="unit", key=unit_id).count() == fig.as_dict()[name], (unit_id, name)
    district = c.district_id
    assert set(cases_behind(OCTOBER, "overdue_open", by="unit", key=district)) == {c.J, c.C}
    assert set(cases_behind(OCTOBER, "returns", by="unit", key=c.housing_id)) == {c.F}
    assert set(cases_behind(OCTOBER, "received", by="domain", key="")) == {c.D, c.E}


def test_the_trend_by_month_and_the_days_to_answer_equal_the_figures_month_by_month(two_months):
    # the dashboard's trend counts six months in one query per moment; the total's working days
    # are summed from a breakdown's rows: both must be what each month's own figures say
    months = [Period.month(2026, m) for m in range(6, 12)]
    trend = by_month(months)
    for month, f in zip(months, trend):
        live = figures(month)[None]
        assert (f.received, f.answered) == (live.received, live.answered), month
    assert [f.received for f in trend] == [0, 0, 0, 4, 6, 0] and [f.answered for f in trend] == [0, 0, 0, 1, 4, 1]
    for by in ("unit", "channel"):
        assert breakdowns(OCTOBER, (by,))[None][None].days_to_answer == figures(OCTOBER)[None].days_to_answer
