"""Every queue page and the case page run a fixed number of SQL queries, whatever the number of cases."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from minpan.cases.transitions import apply
from minpan.desk.queues import QUEUES
from tests.desk.many import many_cases
from tests.flow import dispatched

STATES = ["received", "registered", "dispatched", "in_progress", "drafted", "submitted", "returned", "approved", "published",
          "not_accepted", "sent_back"]


def _load(city, n: int, start: int) -> None:
    """n cases spread over the states, a quarter of them overdue, some due soon."""
    per = max(n // len(STATES), 1)
    for i, state in enumerate(STATES):
        lead = None if state in ("received", "registered", "returned", "not_accepted") else city.housing
        many_cases(per, state=state, lead=lead, start=start + i * 1000, due_in_days=(i % 4) - 1.5,
                   extension_pending=state == "in_progress", callback_due=state == "published" and i % 2 == 0)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["operator", "handler", "principal", "reviewer", "edu_handler"])
def test_pages_run_the_same_queries_for_10_and_200_cases(client, city, who):
    case = dispatched(city, "tongliao", co=[city.education])
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body="已修复。", handler_name="李工", handler_phone="1")
    client.force_login(getattr(city, who))
    client.get("/desk/")  # the session's first touch
    urls = [f"/desk/q/{q.slug}/" for q in QUEUES] + [f"/desk/case/{case.pk}/", "/desk/"]

    for url in urls:  # a page's first request in a process builds its tab counts' statement (desk.tab_counts),
        client.get(url)  # asking the database for nothing in its place
    _load(city, 10, start=0)
    at_10 = {url: _count(client, url) for url in urls}
    _load(city, 190, start=100000)
    at_200 = {url: _count(client, url) for url in urls}
    assert at_10 == at_200
    case_page = at_200.pop(f"/desk/case/{case.pk}/")
    # session, user, roles, calendar (2), visibility (2), count, page, tab counts, unit filter, inbox badge
    assert max(at_200.values()) <= 15, at_200
    # the case's own rows, plus two per action the user might take (transitions.can_take): bounded by the table
    assert case_page <= 40, case_page
