"""The audit trail is kept at least 180 days (网络安全法 第二十一条): MINPAN_AUDIT_KEEP_DAYS below
that stops start-up with a message that says why; the default keeps a year; the worker prunes."""
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from minpan.audit.models import AuditEntry
from tests.test_settings_from_environment import _refusal, _settings


def test_a_keep_period_under_180_days_is_refused():
    message = _refusal(MINPAN_AUDIT_KEEP_DAYS="90")
    assert "MINPAN_AUDIT_KEEP_DAYS=90" in message and "180" in message and "第二十一条" in message


def test_a_keep_period_that_is_not_a_number_is_refused():
    assert "请填天数" in _refusal(MINPAN_AUDIT_KEEP_DAYS="半年")


def test_the_default_keeps_a_year_and_180_is_accepted():
    proc = _settings("import minpan.settings as s; print(s.MINPAN_AUDIT_KEEP_DAYS)")
    assert proc.stdout.strip() == "365", proc.stderr
    proc = _settings("import minpan.settings as s; print(s.MINPAN_AUDIT_KEEP_DAYS)", MINPAN_AUDIT_KEEP_DAYS="180")
    assert proc.stdout.strip() == "180", proc.stderr


# The worker closes its connections between turns, as a long-running process must: outside a test transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_prunes_what_is_past_the_period(city, settings):
    settings.MINPAN_AUDIT_KEEP_DAYS = 180
    now = timezone.now()
    for days in (181, 179):
        AuditEntry.objects.create(at=now - dt.timedelta(days=days), action="sign_in", result="allowed")
    call_command("worker", "--once", stdout=io.StringIO())
    assert [(now - e.at).days for e in AuditEntry.objects.all()] == [179]
