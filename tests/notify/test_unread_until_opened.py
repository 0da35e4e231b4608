"""A notification links to its case and stops being unread when that case is opened; the header of
every desk and notify page counts what is still unread."""
import re

import pytest

from minpan.notify.models import Notification
from tests.flow import at, registered
from tests.notify.handoff import Step, make_reachable

MONDAY = at("2026-03-02 10:00")


def badge(html: str) -> int:
    found = re.search(r'<span class="badge"[^>]*>(\d+)</span>', html)
    return int(found.group(1)) if found else 0


@pytest.fixture
def two(city, django_capture_on_commit_callbacks):
    make_reachable(city)
    first = registered(city, "tongliao", now=MONDAY, subject="路灯不亮")
    second = registered(city, "tongliao", now=MONDAY, subject="井盖缺失")
    for case in (first, second):
        Step(django_capture_on_commit_callbacks, case, "dispatch", actor=city.operator, now=MONDAY, lead=city.housing)
    return first, second


def test_the_header_counts_the_unread_and_opening_a_case_reads_its_notice(client, city, two):
    first, second = two
    client.force_login(city.handler)
    for page in ("/desk/", "/notify/inbox/", "/notify/settings/"):
        assert badge(client.get(page).content.decode()) == 2, page
    inbox = client.get("/notify/inbox/").content.decode()
    assert f'href="/desk/case/{first.pk}/"' in inbox and f'href="/desk/case/{second.pk}/"' in inbox
    opened = client.get(f"/desk/case/{first.pk}/").content.decode()
    assert badge(opened) == 1  # the case just opened no longer counts
    assert Notification.objects.get(recipient=city.handler, case=first).read_at is not None
    assert Notification.objects.get(recipient=city.handler, case=second).read_at is None


def test_someone_else_opening_the_case_leaves_my_notice_unread(client, city, two):
    first, _ = two
    client.force_login(city.principal)
    assert client.get(f"/desk/case/{first.pk}/").status_code == 200
    assert Notification.objects.get(recipient=city.handler, case=first).read_at is None


def test_a_case_outside_my_unit_is_not_found_and_reads_nothing(client, city, two):
    first, _ = two
    client.force_login(city.edu_handler)
    assert client.get(f"/desk/case/{first.pk}/").status_code == 404
    assert not Notification.objects.filter(read_at__isnull=False).exists()


def test_a_notice_without_a_case_stays_unread_until_marked(client, city, two):
    from minpan.notify.inbox import send
    from minpan.notify.models import Kind

    [note] = send(Kind.ALARM_NO_REPLY, [city.handler], now=MONDAY, deliver=False, count=46)
    first, _ = two
    client.force_login(city.handler)
    client.get(f"/desk/case/{first.pk}/")
    note.refresh_from_db()
    assert note.read_at is None

