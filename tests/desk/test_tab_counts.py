"""The number on each tab is the length of that queue, for every role, and the page shows the same total."""
import re

import pytest

from minpan.cases.models import Assignment
from minpan.desk.clock import Clock
from minpan.desk.queues import QueueFilter, counts, queue_page, queues_for
from minpan.desk.views.common import staff_roles
from tests.desk.many import many_cases

STATES = ["received", "accepted", "registered", "dispatched", "in_progress", "drafted", "signed", "submitted", "sent_back",
          "returned", "approved", "published", "not_accepted", "archived"]
PEOPLE = ["operator", "reviewer", "handler", "principal", "deputy", "edu_handler", "district_handler", "street_handler",
          "supervisor", "leader"]


@pytest.fixture
def busy_city(city):
    """Cases in every state, for three units (one a sub-unit), overdue, due soon and later,
    some awaiting an extension or a callback, a few with a co-unit."""
    leads = [city.housing, city.education, city.street]
    for i, state in enumerate(STATES):
        for j, lead in enumerate(leads):
            held = state not in ("received", "accepted", "registered", "returned", "not_accepted")
            cases = many_cases(2 + j, state=state, lead=lead if held else None, start=i * 100 + j * 10,
                               due_in_days=(i + j) % 5 - 1.5, extension_pending=state == "in_progress" and j == 0,
                               callback_due=state in ("published", "archived") and j != 1)
            if held and j == 2:
                Assignment.objects.create(case=cases[0], unit=city.housing, role="co", dispatched_at=cases[0].received_at)
    return city


@pytest.mark.parametrize("who", PEOPLE)
def test_each_tab_counts_exactly_the_cases_its_queue_lists(busy_city, who):
    user = getattr(busy_city, who)
    clock = Clock()
    tabs = queues_for(staff_roles(user))
    sizes = counts(user, tabs, clock)
    for queue in tabs:
        listed = queue_page(user, queue, clock, QueueFilter(None), 1).total
        assert sizes.get(queue.slug) == listed, (who, queue.slug)
    assert any(sizes.values()), who  # the fixture gives every role something to count


@pytest.mark.parametrize("who", ["operator", "handler", "principal", "reviewer"])
def test_the_page_total_is_the_number_on_its_tab(client, busy_city, who):
    user = getattr(busy_city, who)
    client.force_login(user)
    for queue in queues_for(staff_roles(user)):
        if not queue.counted:
            continue
        text = client.get(f"/desk/q/{queue.slug}/").content.decode()
        on_tab = re.search(rf'{queue.label} <span class="count[^"]*">(\d+)</span>', text)
        total = re.search(r"共 (\d+) 件", text)
        shown = int(total.group(1)) if total else 0
        assert on_tab and int(on_tab.group(1)) == shown, (who, queue.slug)


def test_a_filtered_page_counts_its_own_cases(client, busy_city):
    many_cases(3, state="received", start=5000)  # 第 5000 号留言 … 第 5002 号留言
    client.force_login(busy_city.operator)
    text = client.get("/desk/q/review/?q=第 500").content.decode()
    assert "共 3 件" in text
    assert '待初审 <span class="count">12</span>' in text
