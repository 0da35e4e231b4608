"""Units with too few cases are not ranked (issue 15): a unit needs the policy's min_cases cases
whose deadline in force fell in the period (本市设定; 3 in the presets). October of conftest.py's
data set under Tongliao's rules: 市住建局 100 (1 case), 市教育局 97 (2), 东城区 97 (1)."""
import dataclasses

import pytest

from minpan.policies.presets import PRESETS
from minpan.reports.assessment import assess
from minpan.reports.periods import Period

pytestmark = pytest.mark.django_db

OCTOBER = Period.month(2026, 10)


def _with_min(n):
    p = PRESETS["tongliao"]
    return dataclasses.replace(p, assessment=dataclasses.replace(p.assessment, min_cases=n))


def _table(policy):
    return [(s.unit.name, s.score, s.rank) for s in assess(OCTOBER, policy)]


def test_no_unit_has_the_presets_three_cases_in_october(two_months):
    assert _table(PRESETS["tongliao"]) == [("市住建局", 100, None), ("市教育局", 97, None), ("东城区", 97, None)]


def test_a_unit_below_the_minimum_is_listed_apart(two_months):
    # 市教育局 alone had two cases fall due; the others are listed after it, unranked
    assert _table(_with_min(2)) == [("市教育局", 97, 1), ("市住建局", 100, None), ("东城区", 97, None)]


def test_equal_scores_share_a_rank(two_months):
    assert _table(_with_min(1)) == [("市住建局", 100, 1), ("市教育局", 97, 2), ("东城区", 97, 2)]


def test_the_center_and_sub_units_are_not_ranked_on_their_own(two_months, city):
    names = {s.unit.name for s in assess(OCTOBER, _with_min(0))}
    assert names == {"市住建局", "市教育局", "东城区"}   # not 市民盼中心, 市政府督查室 (the center's), nor 东城街道
