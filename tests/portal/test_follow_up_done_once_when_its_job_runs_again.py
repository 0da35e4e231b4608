"""A worker SIGKILLed while it follows up a message leaves the job RUNNING; the sweep reaps it and
queues it again (issue 17, nothing lost). The job run again does only the steps the first run had
not committed: the writer gets one receipt, not two, the message is indexed once, and a step the
first run never reached still happens."""
import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from minpan.cases.models import Case, FollowedStep
from minpan.cases.tasks import follow_collect
from minpan.notify.models import Delivery
from minpan.notify.sweep import sweep
from minpan.similar.selectors import similar_cases
from tests.queued import FOLLOW_COLLECT

from .conftest import form_data

BODY = "幸福小区 3 号楼前路灯坏了一个月，晚上出行不便，老人孩子经常摔倒，请尽快派人修复路灯。"
AGAIN = "幸福小区 3 号楼前路灯坏了一个月，晚上出行很不便，老人孩子经常摔倒，请尽快派人修复路灯。"
worker_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _job(case):
    return DBTaskResult.objects.get(task_path=FOLLOW_COLLECT, args_kwargs__args__0=case.pk)


@worker_db
def test_a_job_run_twice_sends_one_receipt(client):
    client.post("/write/", form_data(client, body=BODY))
    case = Case.objects.get()
    args = _job(case).args_kwargs["args"]
    follow_collect.call(*args)
    follow_collect.call(*args)  # as after a reaping: the same job again
    assert Delivery.objects.filter(case=case, channel="sms").count() == 1
    assert Delivery.objects.filter(case=case, channel="email").count() == 1
    steps = set(FollowedStep.objects.filter(case=case).values_list("step", flat=True))
    assert any("confirm_receipt" in s for s in steps) and any("index_new_message" in s for s in steps)


@worker_db
def test_a_step_not_reached_before_the_kill_is_done_on_the_second_run(client):
    client.post("/write/", form_data(client, body=BODY))
    client.post("/write/", form_data(client, subject="路灯又坏了", body=AGAIN, phone="13900139000", email=""))
    first, second = Case.objects.order_by("pk")
    follow_collect.call(*_job(first).args_kwargs["args"])
    # the second's first run committed its receipt, then the worker died before indexing it
    receipt = next(s for s in FollowedStep.objects.filter(case=first).values_list("step", flat=True) if "confirm_receipt" in s)
    FollowedStep.objects.create(case=second, step=receipt, at=timezone.now())
    follow_collect.call(*_job(second).args_kwargs["args"])
    assert not Delivery.objects.filter(case=second).exists()  # the receipt counted as sent
    assert [c.pk for c, _ in similar_cases(second)] == [first.pk]  # indexed on the run that reached it


@worker_db
def test_the_sweep_queues_a_reaped_follow_up_again_and_the_worker_finishes_it(client, settings):
    client.post("/write/", form_data(client, body=BODY))
    case = Case.objects.get()
    job = _job(case)
    # what a killed worker leaves: the job claimed long ago, never finished
    started = timezone.now() - dt.timedelta(seconds=settings.MINPAN_STALE_CLAIM_SECONDS + 60)
    DBTaskResult.objects.filter(pk=job.pk).update(status=TaskResultStatus.RUNNING, started_at=started, worker_ids=["killed"])
    assert sweep()["tasks_reaped"] == 1
    job.refresh_from_db()
    assert job.status == TaskResultStatus.FAILED
    again = DBTaskResult.objects.get(task_path=FOLLOW_COLLECT, status=TaskResultStatus.READY)
    assert again.args_kwargs == job.args_kwargs
    call_command("worker", "--once")
    assert Delivery.objects.filter(case=case, channel="sms").count() == 1


@worker_db
def test_old_marks_are_pruned_by_the_sweep(client):
    client.post("/write/", form_data(client, body=BODY))
    case = Case.objects.get()
    follow_collect.call(*_job(case).args_kwargs["args"])
    assert FollowedStep.objects.filter(case=case).exists()
    sweep(timezone.now() + dt.timedelta(days=4))
    assert not FollowedStep.objects.filter(case=case).exists()
