"""`minpan worker` does the periodic chores of the other parts too."""
import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from minpan.portal.models import Submission
from tests.flow import collect


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_wipes_receipt_passwords_never_shown(city):
    case = collect("tongliao")
    old = Submission.objects.create(key="k1", case=case, password="AB12CD34", created_at=timezone.now() - dt.timedelta(hours=2))
    call_command("worker", "--once")
    old.refresh_from_db()
    assert old.password == ""
