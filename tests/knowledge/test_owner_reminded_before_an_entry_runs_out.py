"""An entry's owner unit is told a month before its entry runs out of date, once per date, and again
for a new date; past its date the entry is no longer offered."""
import datetime as dt

from minpan.knowledge import entries
from minpan.knowledge.search import search
from minpan.notify.models import Kind, Notification
from tests.flow import at
from tests.knowledge.entries import residence_permit


def _told():
    return list(Notification.objects.filter(kind=Kind.KNOWLEDGE_EXPIRING).values_list("recipient__username", "title"))


def test_the_owner_is_told_once_a_month_before(city):
    entry = residence_permit(city, valid_until=dt.date(2026, 5, 31))
    assert entries.sweep(at("2026-04-30 09:00")) == {"knowledge_reminded": 0}  # 31 days before
    assert entries.sweep(at("2026-05-01 09:00")) == {"knowledge_reminded": 1}
    assert sorted(u for u, _ in _told()) == ["handler", "principal"]
    assert "将于 2026-05-31 到期" in _told()[0][1]
    assert entries.sweep(at("2026-05-02 09:00")) == {"knowledge_reminded": 0}

    entry.valid_until = dt.date(2026, 12, 31)
    entries.save(entry, by=city.reviewer, approve=True, now=at("2026-05-03 09:00"))
    assert entries.sweep(at("2026-12-01 09:00")) == {"knowledge_reminded": 1}


def test_an_entry_past_its_date_is_hidden_and_its_owner_told(city):
    residence_permit(city, valid_until=dt.date(2026, 3, 31))
    assert search("居住证怎么办理", day=dt.date(2026, 3, 31))
    assert search("居住证怎么办理", day=dt.date(2026, 4, 1)) == []
    entries.sweep(at("2026-04-01 09:00"))
    assert "已过有效期" in _told()[0][1]
