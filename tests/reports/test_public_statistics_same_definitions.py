"""The public statistics page (办理统计) counts by the same indicators as the center's reports."""
import pytest

from minpan.portal import stats as public
from minpan.reports.indicators import figures
from minpan.reports.periods import Period

pytestmark = pytest.mark.django_db


def test_the_public_page_shows_the_indicators_of_the_month(client, two_months):
    page = client.get("/statistics/", {"year": 2026, "month": 10}).content.decode()
    total = public.report(public.Period(2026, 10)).total
    f = figures(Period.month(2026, 10))[None]
    assert (total.received, total.done, total.public, total.rated) == (f.received, f.answered, f.answered_public, f.rated) == (6, 4, 3, 3)
    assert (total.on_time, total.satisfaction, total.avg_days) == (50.0, 66.7, 5.2)  # 5.25 shown to one place
    assert "按时办结率" in page and "50.0%" in page and "66.7%" in page


def test_a_district_lists_its_streets_cases(two_months):
    rows = {r.name: r.figures for r in public.report(public.Period(2026, 10)).unranked}
    assert "东城街道" not in rows
    assert (rows["东城区"].received, rows["东城区"].done) == (1, 0)   # C, held by 东城街道
