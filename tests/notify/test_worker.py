"""`minpan worker` does the periodic chores of the other parts too."""
import datetime as dt
import io
import os
import signal

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from minpan.portal.models import Submission
from tests.flow import collect


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_wipes_receipt_passwords_never_shown(city):
    case = collect("tongliao")
    old = Submission.objects.create(key="k1", case=case, password="AB12CD34", created_at=timezone.now() - dt.timedelta(hours=2))
    call_command("worker", "--once")
    old.refresh_from_db()
    assert old.password == ""


@task()
def ask_the_worker_to_stop() -> str:
    os.kill(os.getpid(), signal.SIGTERM)  # as `kill` or systemd would, in the middle of a task
    return "finished"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_stop_asked_for_during_a_task_lets_it_finish_and_stops_the_loop(city):
    result = ask_the_worker_to_stop.enqueue()

    def hung(signum, frame):
        raise AssertionError("the worker did not stop after SIGTERM")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        out = io.StringIO()
        call_command("worker", "--poll", "0.1", stdout=out)  # no --once: only the signal stops it
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == "finished"
    assert "工作进程已停止" in out.getvalue()
