"""A month's hot topics are grouped once and kept (HotReport); the worker regroups the recent months
hourly when their cases changed, so the page does not wait for the grouping."""
import datetime as dt

from minpan.textmine import hotcases
from minpan.textmine.models import HotReport
from tests.desk.test_hot_topics_page import october, post
from tests.flow import at


def test_the_page_reads_the_stored_grouping_until_an_hour_has_passed(city):
    october(city)
    first = hotcases.month_topics(month="2026-10", now=at("2026-11-02 09:00"))
    assert first.cases == 5 and HotReport.objects.filter(month="2026-10").exists()
    post("A5区幸福里小区烧烤油烟熏人", "幸福里小区楼下烧烤油烟。", "2026-10-30 10:00", 30)
    assert hotcases.month_topics(month="2026-10", now=at("2026-11-02 09:30")).cases == 5  # stored, 30 min old
    later = hotcases.month_topics(month="2026-10", now=at("2026-11-02 10:01"))
    assert later.cases == 6
    assert later.topics[0].messages == 4  # the new message joined the fumes topic


def test_a_stored_grouping_of_the_same_cases_is_used_however_old(city):
    october(city)
    first = hotcases.month_topics(month="2026-10", now=at("2026-11-02 09:00"))
    again = hotcases.month_topics(month="2026-10", now=at("2026-12-25 09:00"))
    assert again.computed_at == first.computed_at
    assert [(t.name, t.keys, t.first) for t in again.topics] == [(t.name, t.keys, t.first) for t in first.topics]


def test_worker_regroups_this_and_last_month_once_an_hour_when_they_changed(city):
    october(city)
    now = at("2026-11-02 09:00")
    assert sorted(hotcases.refresh_recent(now=now)) == ["2026-10", "2026-11"]
    assert hotcases.refresh_recent(now=now + dt.timedelta(minutes=5)) == []
    assert hotcases.refresh_recent(now=now + dt.timedelta(hours=2)) == []  # nothing changed
    post("A5区幸福里小区烧烤油烟熏人", "幸福里小区楼下烧烤油烟。", "2026-11-02 10:00", 30)
    assert hotcases.refresh_recent(now=now + dt.timedelta(hours=2)) == ["2026-11"]


def test_a_month_another_worker_is_grouping_is_left_to_it(city):
    october(city)
    now = at("2026-11-02 09:00")
    hotcases.refresh_recent(now=now)
    post("A5区幸福里小区烧烤油烟熏人", "幸福里小区楼下烧烤油烟。", "2026-10-30 10:00", 30)
    # the other worker claimed October a minute ago (its computed_at moved on) and is still grouping
    HotReport.objects.filter(month="2026-10").update(computed_at=now + dt.timedelta(hours=2))
    # November is regrouped (October is its month before, for growth); October is left to the other
    assert hotcases.refresh_recent(now=now + dt.timedelta(hours=2, minutes=1)) == ["2026-11"]
