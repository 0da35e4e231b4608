"""The desk page 单位考核: the center and city leaders see every unit's score, ranked, and each
unit's events linking to their cases; a unit's staff see their own unit only (another's is 404,
checked on the server); a sub-unit's staff are refused, its top unit's score holding other
cases. October 2026 of conftest.py's data set under Tongliao's rules, 2 cases to be ranked."""
import dataclasses
import io

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from minpan.policies import active
from minpan.policies.presets import PRESETS
from minpan.units.models import Membership
from minpan.units.roles import Role

pytestmark = pytest.mark.django_db
OCTOBER = "/desk/assessment/?year=2026&month=10"


@pytest.fixture
def two_cases_to_rank(settings, monkeypatch):
    settings.MINPAN_POLICY = "tongliao"
    p = PRESETS["tongliao"]
    policy = dataclasses.replace(p, assessment=dataclasses.replace(p.assessment, min_cases=2))
    monkeypatch.setattr(active, "policies", lambda: {**PRESETS, "tongliao": policy})


def _signed_in(client, user):
    client.force_login(user)
    return client


def test_the_leader_sees_the_ranking_and_each_units_events(client, city, two_months, two_cases_to_rank):
    page = _signed_in(client, city.leader).get(OCTOBER).content.decode()
    ranked, unranked = page.split("不参与排名</h2>")
    assert "市教育局" in ranked and "<td>97</td>" in ranked
    assert "市住建局" in unranked and "东城区" in unranked
    assert f'/desk/assessment/unit/{city.district.pk}/?year=2026&amp;month=10' in unranked
    detail = client.get(f"/desk/assessment/unit/{city.district.pk}/?year=2026&month=10").content.decode()
    assert "不参与排名（期限届满 1 件）" in detail and "得分 97 分" in detail
    assert f'href="/desk/case/{two_months.C.pk}/"' in detail
    assert "答复被退回重办" in detail and "逾期未按期办结" in detail and "第十九条、第二十一条" in detail


def test_a_units_staff_see_their_own_unit_only(client, city, two_months, two_cases_to_rank):
    page = _signed_in(client, city.edu_handler).get(OCTOBER).content.decode()
    assert "市教育局" in page and "市住建局" not in page and "东城区" not in page
    assert "导出 Excel" not in page
    assert client.get(f"/desk/assessment/unit/{city.education.pk}/?year=2026&month=10").status_code == 200
    assert client.get(f"/desk/assessment/unit/{city.housing.pk}/?year=2026&month=10").status_code == 404
    assert client.get("/desk/assessment/export.xlsx?year=2026").status_code == 403


def test_a_sub_units_staff_are_refused(client, city, two_months):
    assert _signed_in(client, city.street_handler).get(OCTOBER).status_code == 403
    assert "单位考核" not in client.get("/desk/").content.decode()  # not offered where it is refused
    assert "单位考核" in _signed_in(client, city.district_handler).get("/desk/").content.decode()


def test_the_center_downloads_the_workbook(client, city, two_months, two_cases_to_rank):
    resp = _signed_in(client, city.supervisor).get("/desk/assessment/export.xlsx?year=2026&month=10")
    assert resp.status_code == 200 and "attachment" in resp["Content-Disposition"]
    rows = [r[:6] for r in load_workbook(io.BytesIO(resp.content))["考核排名"].iter_rows(min_row=4, values_only=True)]
    assert rows == [(1, "市教育局", 2, 3, 0, 97), ("不参与排名", "市住建局", 1, 0, 0, 100), ("不参与排名", "东城区", 1, 3, 0, 97)]


def test_a_bad_period_falls_back_to_the_last_month_with_the_reason(client, city):
    resp = _signed_in(client, city.operator).get("/desk/assessment/?year=20x6&month=10")
    assert resp.status_code == 200 and "应写作四位数字" in resp.content.decode()


def test_a_unit_principal_without_a_handler_post_sees_the_unit(client, city):
    principal = get_user_model().objects.create_user(username="district_principal", password="x-correct-horse")
    Membership.objects.create(user=principal, unit=city.district, role=Role.UNIT_PRINCIPAL)
    assert _signed_in(client, principal).get(OCTOBER).status_code == 200
