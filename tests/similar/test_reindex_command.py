"""`minpan similar reindex`: existing cases get their fingerprints; a second run has nothing to do."""
import io

import pytest
from django.core.management import call_command

from minpan.similar.models import Indexed, Sample
from minpan.similar.selectors import similar_cases
from minpan.similar.services import VERSION
from tests.flow import at, collect

pytestmark = pytest.mark.django_db

BODY = "幸福小区8号楼的电梯上个月以来已经停运三次，最长一次停了两天，楼里住着很多老人，上下楼非常困难，请督促物业尽快修好。"


def run(*args) -> str:
    out = io.StringIO()
    call_command("similar", "reindex", *args, stdout=out)
    return out.getvalue()


def test_reindex_builds_the_index_for_cases_that_have_none():
    first = collect("tongliao", subject="电梯经常停运", body=BODY, now=at("2026-03-02 09:00"))
    second = collect("tongliao", subject="电梯经常停运", body=BODY, now=at("2026-03-03 09:00"))
    Sample.objects.all().delete()
    Indexed.objects.all().delete()  # as after an upgrade that adds the index to existing data
    assert similar_cases(second) == []

    out = run("--batch", "1")
    assert "已建立指纹 2 件" in out
    assert [c.pk for c, _ in similar_cases(second)] == [first.pk]
    assert "已建立指纹 0 件" in run()


def test_reindex_redoes_cases_of_an_older_version_and_restart_rebuilds_all():
    case = collect("tongliao", subject="电梯经常停运", body=BODY, now=at("2026-03-02 09:00"))
    samples = Sample.objects.filter(case=case).count()
    Indexed.objects.filter(case=case).update(version=VERSION - 1)
    assert "已建立指纹 1 件" in run()
    assert Sample.objects.filter(case=case).count() == samples  # replaced, not doubled
    assert "已建立指纹 1 件" in run("--restart")
    assert Sample.objects.filter(case=case).count() == samples
