"""A message from the write form (issue 17, 留言受理): the request stores the case, its writer,
its first event, the submission and one follow-up job in one transaction of at most 8 queries,
and gives the tracking code only once they are committed; the worker then indexes it for the
near-duplicate search (初审 panel), tells the writer it arrived, and makes its suggestions, within
seconds. While no worker runs, the job waits: nothing acknowledged is lost."""
import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from minpan.cases.models import Case
from minpan.notify.models import Delivery
from minpan.similar.selectors import similar_cases
from tests.queued import FOLLOW_COLLECT

from .conftest import form_data

BODY = "幸福小区 3 号楼前路灯坏了一个月，晚上出行不便，老人孩子经常摔倒，请尽快派人修复路灯。"
AGAIN = "幸福小区 3 号楼前路灯坏了一个月，晚上出行很不便，老人孩子经常摔倒，请尽快派人修复路灯。"

# The worker command closes connections between tasks, as a long-running process must, so these
# run outside a test transaction (serialized_rollback keeps the seeded calendar).
worker_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _follow_ups(state=None):
    rows = DBTaskResult.objects.filter(task_path=FOLLOW_COLLECT)
    return rows.filter(status=state) if state else rows


@worker_db
def test_one_submission_is_at_most_eight_queries_in_one_transaction(client, django_assert_max_num_queries):
    data = form_data(client, body=BODY)
    with django_assert_max_num_queries(10) as queries:
        assert client.post("/write/", data).status_code == 302
    statements = [q["sql"] for q in queries.captured_queries]
    # BEGIN and COMMIT of the one transaction, and in it: the limits' lock (PostgreSQL; SQLite's
    # BEGIN IMMEDIATE holds the write lock) and grouped count, the hits, the case, its writer, its
    # event, the follow-up job and the submission
    work = [s for s in statements if s.split()[0] not in ("BEGIN", "COMMIT")]
    assert len(work) <= 8, "\n".join(work)
    assert not any(s.startswith(("SAVEPOINT", "SELECT COUNT")) for s in statements)
    assert Case.objects.count() == 1 and _follow_ups().count() == 1


@worker_db
def test_a_message_is_found_as_a_duplicate_once_the_worker_has_run(client):
    client.post("/write/", form_data(client, body=BODY))
    client.post("/write/", form_data(client, subject="路灯又坏了", body=AGAIN, phone="13900139000", email=""))
    first, second = Case.objects.order_by("pk")
    # no worker yet: the jobs wait in the queue, committed with the cases
    assert _follow_ups("READY").count() == 2 and similar_cases(second) == []
    assert not Delivery.objects.filter(case=second).exists()
    call_command("worker", "--once")
    assert _follow_ups("SUCCESSFUL").count() == 2
    assert [c.pk for c, _ in similar_cases(second)] == [first.pk]
    # the receipt by SMS to each writer, and the e-mail confirmation to the one who typed an address
    assert Delivery.objects.filter(case=second, channel="sms").count() == 1
    assert Delivery.objects.filter(case=first, channel="email").count() == 1


@worker_db
def test_the_same_form_sent_twice_queues_one_follow_up(client):
    data = form_data(client, body=BODY)
    first = client.post("/write/", data)
    second = client.post("/write/", data)
    assert first["Location"] == second["Location"]
    assert Case.objects.count() == 1 and _follow_ups().count() == 1


@worker_db
def test_a_refused_message_leaves_no_job(client):
    client.post("/write/", form_data(client, body=BODY))
    client.post("/write/", form_data(client, subject="另一件事", body=AGAIN))
    # the third from the same contact today, without the small check (near = 2): refused
    resp = client.post("/write/", form_data(client, subject="第三件事", body=BODY + "再说一次。"))
    assert resp.status_code == 400
    assert Case.objects.count() == 2 and _follow_ups().count() == 2
