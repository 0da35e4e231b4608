"""The retention schedule: MINPAN_RETENTION_YEARS after a case is closed, the writer's identity is
purged by `minpan privacy purge` and the worker's sweep; open cases, recent ones and cases under
a legal hold are left alone (PIPL 第十九条: kept no longer than the purpose needs)."""
import datetime as dt

import pytest
from django.core.management import call_command

from minpan.cases.models import Case, Citizen
from minpan.privacy import erasure
from tests.flow import CITIZEN, collect, registered

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2030, 6, 1, 10, 0, tzinfo=dt.UTC)


def closed(city, *, archived_years_ago: float, **kw) -> Case:
    case = registered(city, "tongliao", citizen=CITIZEN, **kw)
    at = NOW - dt.timedelta(days=365.25 * archived_years_ago)
    Case.objects.filter(pk=case.pk).update(state="archived", archived_at=at, answered_at=at - dt.timedelta(days=10))
    return Case.objects.get(pk=case.pk)


def phone_of(case) -> str:
    return Citizen.objects.get(case=case).phone


def test_a_case_closed_longer_than_the_period_loses_its_writer(city, settings):
    settings.MINPAN_RETENTION_YEARS = 3
    old, recent = closed(city, archived_years_ago=3.1), closed(city, archived_years_ago=2.9, subject="近期")
    still_open = collect("tongliao", citizen=CITIZEN, subject="未办结")
    assert erasure.purge(now=NOW) == {"erased": 1, "held": 0}
    assert phone_of(old) == "" and Case.objects.get(pk=old.pk).erased_at == NOW
    assert phone_of(recent) == CITIZEN["phone"] and phone_of(still_open) == CITIZEN["phone"]
    assert erasure.purge(now=NOW) == {"erased": 0, "held": 0}  # safe to run twice


def test_the_period_is_a_setting(city, settings):
    case = closed(city, archived_years_ago=3.1)
    settings.MINPAN_RETENTION_YEARS = 5
    erasure.purge(now=NOW)
    assert phone_of(case) == CITIZEN["phone"]


def test_a_legal_hold_stops_the_purge(city, settings):
    settings.MINPAN_RETENTION_YEARS = 3
    case = closed(city, archived_years_ago=10)
    erasure.hold_set(case=case, reason="诉讼中，法院要求保全")
    erasure.purge(now=NOW)
    assert phone_of(case) == CITIZEN["phone"]
    erasure.hold_release(case=case)
    erasure.purge(now=NOW)
    assert phone_of(case) == ""


def test_the_command_purges_and_sets_holds(city, capsys):
    held = closed(city, archived_years_ago=50)
    gone = closed(city, archived_years_ago=50, subject="另一件")
    call_command("privacy", "hold", held.tracking_code, "--reason", "纪检调查")
    call_command("privacy", "purge")
    out = capsys.readouterr().out
    assert "已删除 1 件" in out
    assert phone_of(held) == CITIZEN["phone"] and phone_of(gone) == ""
    assert Case.objects.get(pk=held.pk).legal_hold_reason == "纪检调查"


def test_the_worker_sweeps_at_most_hourly(city, monkeypatch):
    case = closed(city, archived_years_ago=50)
    monkeypatch.setattr(erasure, "_last_sweep", [float("-inf")])
    assert erasure.sweep()["erased"] == 1 and phone_of(case) == ""
    closed(city, archived_years_ago=50, subject="再一件")
    assert erasure.sweep() == {}  # the next turn, within the hour, does nothing
