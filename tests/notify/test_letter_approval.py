"""A leader's approval issues the draft letter in the same transaction as the case records it."""
import pytest

from minpan.cases.errors import RuleViolation
from minpan.cases.models import Event
from minpan.cases.transitions import apply
from minpan.notify.models import Letter
from tests.flow import at, dispatched
from tests.notify.helpers import sweep_through


@pytest.fixture
def draft(city):
    case = dispatched(city, "yuncheng", now=at("2026-09-28 10:00"))
    sweep_through("2026-09-28", "2026-10-13")
    return Letter.objects.get(case=case, kind="criticise", state="draft")


def test_approving_issues_the_letter_at_the_time_the_case_records(city, draft):
    apply(draft.case, "approve_bulletin", actor=city.leader, now=at("2026-10-14 09:00"), letter=draft.pk)
    draft.refresh_from_db()
    assert (draft.state, draft.approved_by, draft.issued_at) == ("issued", city.leader, at("2026-10-14 09:00"))
    event = Event.objects.get(case=draft.case, action="approve_bulletin")
    assert event.data == {"letter": draft.pk} and event.actor == city.leader


def test_a_second_click_changes_nothing(client, city, draft):
    client.force_login(city.leader)
    for _ in range(2):
        assert client.post(f"/notify/letters/{draft.pk}/approve/").status_code == 302
    assert Event.objects.filter(case=draft.case, action="approve_bulletin").count() == 1


def test_a_letter_of_another_case_is_not_issued_and_nothing_is_recorded(city, draft):
    other = dispatched(city, "yuncheng", subject="另一件", now=at("2026-09-28 10:00"))
    with pytest.raises(RuleViolation):
        apply(other, "approve_bulletin", actor=city.leader, letter=draft.pk)
    draft.refresh_from_db()
    assert draft.state == "draft"
    assert not Event.objects.filter(action="approve_bulletin").exists()
