"""撤销并单: a wrong merge is undone; the message goes back to initial review and is handled on its own."""
from minpan.cases.errors import NotPermitted, RuleViolation
from minpan.cases.models import Event
from minpan.cases.transitions import apply
from minpan.notify.models import Delivery
from tests.flow import at, fresh, refused
from tests.test_merge_duplicate import earlier, repeat  # noqa: F401  (fixture)


def merged(city, earlier):
    case = repeat()
    return apply(case, "merge", actor=city.operator, now=at("2026-03-04 10:00"), target=earlier.pk)


def test_operator_undoes_a_merge_and_the_message_returns_to_initial_review(city, earlier):
    case = merged(city, earlier)
    apply(case, "unmerge", actor=city.operator, now=at("2026-03-04 11:00"), reason="两件反映的是不同楼栋的电梯")
    case = fresh(case)
    assert case.state == "received" and case.merged_into_id is None
    mine = case.events.order_by("-seq").first()
    assert (mine.action, mine.state_before, mine.state_after) == ("unmerge", "merged", "received")
    theirs = Event.objects.filter(case=earlier).order_by("-seq").first()
    assert theirs.action == "unmerge" and theirs.note == f"撤销并入 {case.reference}：两件反映的是不同楼栋的电梯"
    assert fresh(earlier).state == "accepted"


def test_the_writer_is_told_the_message_is_handled_on_its_own(city, earlier, django_capture_on_commit_callbacks):
    case = merged(city, earlier)
    with django_capture_on_commit_callbacks(execute=True):  # the writer is told once the undo is committed
        apply(case, "unmerge", actor=city.operator, now=at("2026-03-04 11:00"), reason="不是同一事项")
    texts = list(Delivery.objects.filter(case=case).values_list("text", flat=True))
    assert any("将单独办理" in t for t in texts)


def test_undoing_needs_a_reason_and_an_operator(city, earlier):
    case = merged(city, earlier)
    refused(case, RuleViolation, "unmerge", actor=city.operator, reason=" ")
    refused(case, NotPermitted, "unmerge", actor=city.handler, reason="不是同一事项")


def test_an_unmerged_message_can_be_accepted_and_handled(city, earlier):
    case = merged(city, earlier)
    apply(case, "unmerge", actor=city.operator, now=at("2026-03-04 11:00"), reason="不是同一事项")
    case = apply(case, "accept", actor=city.operator, now=at("2026-03-04 11:30"))
    assert case.state == "accepted"


def test_the_portal_no_longer_shows_the_earlier_case(city, earlier, client):
    from minpan.portal.own_case import merged_view

    case = merged(city, earlier)
    assert merged_view(fresh(case)) is not None
    apply(case, "unmerge", actor=city.operator, now=at("2026-03-04 11:00"), reason="不是同一事项")
    assert merged_view(fresh(case)) is None


def test_the_merged_cases_page_offers_the_undo_to_the_operator_only(city, earlier, client):
    case = merged(city, earlier)
    client.force_login(city.operator)
    assert f"/desk/case/{case.pk}/do/unmerge/" in client.get(f"/desk/case/{case.pk}/").content.decode()
    client.force_login(city.supervisor)
    assert "/do/unmerge/" not in client.get(f"/desk/case/{case.pk}/").content.decode()
