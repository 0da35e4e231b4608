"""统计看板: the center's and leaders' page of indicators, with server-drawn SVG charts whose bars,
like every number on the page, open the list of the cases behind them; units' staff get 403."""
import re
from html import unescape

import pytest
import time_machine

from minpan.workdays.arith import SHANGHAI
from tests.flow import at

pytestmark = pytest.mark.django_db
OCTOBER = {"from": "2026-10-01", "to": "2026-10-31"}


def links(page: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="(/desk/stats/cases/\?[^"]+)"', page)]


def test_the_leader_sees_the_figures_and_charts_of_the_period(client, two_months, city):
    client.force_login(city.leader)
    page = client.get("/desk/stats/", OCTOBER).content.decode()
    assert "2026年10月01日至2026年10月31日" in page
    assert "<svg" in page and "各单位按时办结率" in page and "近六个月收到与答复" in page
    assert "<script" not in page.split("<main", 1)[1]  # the charts are drawn on the server
    assert re.search(r'<dt>按时办结率</dt><dd><a href="[^"]+">50.0%</a> <small class="muted">上期 50.0%</small>', page)
    assert re.search(r'<dt>期末逾期未办结数</dt><dd><a href="[^"]+">2</a>', page)


def test_every_number_opens_the_cases_it_counts(client, two_months, city):
    c = two_months
    client.force_login(city.operator)
    page = client.get("/desk/stats/", OCTOBER).content.decode()
    overdue = [h for h in links(page) if "i=overdue_open" in h and f"key={c.district_id}" in h]
    assert overdue  # the 东城区 bar and table cell
    listed = client.get(overdue[0]).content.decode()
    assert "共 2 件" in listed and c.J.reg_no in listed and c.C.reg_no in listed and "东城区" in listed
    for href in set(links(page)):
        assert client.get(href).status_code == 200, href


def test_a_bad_period_is_refused_in_words_and_the_last_month_shown(client, city):
    client.force_login(city.leader)
    with time_machine.travel(at("2026-11-05 10:00").astimezone(SHANGHAI), tick=False):
        page = client.get("/desk/stats/", {"from": "2026-10-31", "to": "2026-10-01"}).content.decode()
    assert "晚于截止日期" in page and "2026年10月01日至2026年10月31日" in page


def test_units_staff_are_refused(client, city):
    client.force_login(city.handler)
    assert client.get("/desk/stats/").status_code == 403
    assert client.get("/desk/stats/cases/", {"i": "received"}).status_code == 403


def test_an_unknown_figure_or_unit_is_not_found(client, city):
    client.force_login(city.operator)
    assert client.get("/desk/stats/cases/", {"i": "nothing", **OCTOBER}).status_code == 404
    assert client.get("/desk/stats/cases/", {"i": "received", "by": "unit", "key": "x", **OCTOBER}).status_code == 404
