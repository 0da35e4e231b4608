"""The worker's part for tests that run inside a test transaction: the jobs the portal queues
with a message (cases.tasks.follow_collect), run here as `minpan worker` would run them. The
worker command itself closes connections between tasks, so only tests with
@pytest.mark.django_db(transaction=True, serialized_rollback=True) call it."""
from django_tasks_db.models import DBTaskResult

FOLLOW_COLLECT = "minpan.cases.tasks.follow_collect"


def run_follow_ups() -> int:
    """Run every queued follow-up of a collection; returns how many ran."""
    ran = 0
    for row in DBTaskResult.objects.ready().filter(task_path=FOLLOW_COLLECT).order_by("enqueued_at"):
        row.claim("test")
        row.set_successful(row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"]))
        ran += 1
    return ran
