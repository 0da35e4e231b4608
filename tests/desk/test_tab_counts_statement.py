"""The tab counts' statement is built by the ORM once per shape (desk.tab_counts) and run again with
each request's clock: the numbers must be the ORM's own, for every role, whatever the clock says
(across the National Day holiday, when 即将到期 reaches over the closed days), and a request after
the first sends that one statement only."""
import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from minpan.cases.access import held_cases
from minpan.cases.models import Case
from minpan.desk import tab_counts
from minpan.desk.clock import Clock
from minpan.desk.queues import BY_SLUG, COUNTED_STATES, counts, queues_for
from minpan.desk.views.common import staff_roles
from minpan.units.people import memberships_of
from tests.desk.test_tab_counts import PEOPLE, busy_city  # noqa: F401 (a fixture)
from tests.flow import at

# before, across and after the 2026 National Day holiday (10-01 to 10-08, 09-28 and 10-11 worked)
MOMENTS = ["2026-09-29 23:59", "2026-09-30 16:00", "2026-10-03 10:00", "2026-10-08 23:00", "2026-10-09 08:00"]


def _orm(user, tabs, clock) -> dict[str, int]:
    wanted = {q.slug: Count("pk", filter=q.where(clock)) for q in tabs if q.counted}
    return held_cases(user).filter(state__in=COUNTED_STATES).aggregate(**wanted)


@pytest.mark.parametrize("who", PEOPLE)
def test_tab_counts_are_the_orms_at_every_moment(busy_city, who):  # noqa: F811
    tab_counts._cache.clear()
    user = getattr(busy_city, who)
    # 今日电话催办 too (a page adds the tab it shows): the one tab that reads the end of today
    tabs = [*queues_for(staff_roles(user)), BY_SLUG["phone"]]
    start = at("2026-09-29 09:00")
    # the cases' deadlines around the holiday, so 即将到期 and 已逾期 move as the clock does
    for i, pk in enumerate(Case.objects.order_by("pk").values_list("pk", flat=True)):
        Case.objects.filter(pk=pk).update(due_at=start + dt.timedelta(hours=7 * (i % 40) - 20),
                                          phone_at=start + dt.timedelta(hours=11 * (i % 30) - 40))
    phoned = set()
    for moment in MOMENTS:
        with time_machine.travel(at(moment), tick=False):
            clock = Clock()
            sizes = counts(user, tabs, clock)
            assert sizes == _orm(user, tabs, clock), (who, moment)
            phoned.add(sizes["phone"])
    if who == "operator":  # sees every case: the day's reminders moved with the clock
        assert len(phoned) > 1, phoned


def test_a_later_request_sends_the_one_statement(busy_city):  # noqa: F811
    tab_counts._cache.clear()
    user = busy_city.handler
    tabs = queues_for(staff_roles(user))
    counts(user, tabs, Clock())
    assert len(tab_counts._cache) == 1  # the statement kept for the next request
    user = type(user).objects.get(pk=user.pk)  # the next request's user
    memberships_of(user)  # read by the page before the counts
    clock = Clock()
    with CaptureQueriesContext(connection) as sent:
        sizes = counts(user, tabs, clock)
    assert len(sent.captured_queries) == 1
    assert sizes == _orm(user, tabs, clock)


def test_units_with_different_reach_do_not_share_a_statement(busy_city):  # noqa: F811
    tab_counts._cache.clear()
    for who in ("handler", "edu_handler", "district_handler", "street_handler", "operator"):
        user = getattr(busy_city, who)
        tabs = queues_for(staff_roles(user))
        clock = Clock()
        assert counts(user, tabs, clock) == _orm(user, tabs, clock), who
