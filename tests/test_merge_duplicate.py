"""并单: the operator merges a repeat into the earlier case, whose writer-facing progress it then follows."""
import pytest

from minpan.cases.errors import NotPermitted, RuleViolation
from minpan.cases.models import Case, Event
from minpan.cases.transitions import apply
from minpan.notify.models import Delivery
from tests.flow import at, collect, dispatched, fresh, refused

LIFT = "幸福小区8号楼的电梯上个月以来已经停运三次，楼里住着很多老人，上下楼非常困难，请督促物业尽快修好电梯。"


@pytest.fixture
def earlier(city):
    case = collect("tongliao", subject="电梯经常停运", body=LIFT, now=at("2026-03-02 09:00"))
    return apply(case, "accept", actor=city.operator, now=at("2026-03-02 10:00"))


def repeat(when="2026-03-04 09:00", **kw):
    return collect("tongliao", subject="电梯又停了", body="再次反映：" + LIFT, now=at(when), **kw)


def test_operator_merges_repeat_into_earlier_case(city, earlier):
    case = repeat()
    apply(case, "merge", actor=city.operator, now=at("2026-03-04 10:00"), target=earlier.pk)

    case = fresh(case)
    assert case.state == "merged" and case.merged_into_id == earlier.pk
    mine = case.events.order_by("-seq").first()
    assert (mine.action, mine.state_before, mine.state_after) == ("merge", "received", "merged")
    assert mine.data == {"into": earlier.pk, "into_ref": earlier.reference}
    theirs = Event.objects.filter(case=earlier).order_by("-seq").first()
    assert (theirs.action, theirs.state_before, theirs.state_after) == ("merge", "accepted", "accepted")
    assert theirs.note == f"并入 {case.reference}"
    assert fresh(earlier).state == "accepted"


def test_the_writer_is_told_the_earlier_reference_not_its_content(city, earlier, django_capture_on_commit_callbacks):
    case = repeat()
    with django_capture_on_commit_callbacks(execute=True):  # the writer is told once the merge is committed
        apply(case, "merge", actor=city.operator, now=at("2026-03-04 10:00"), target=earlier.pk)
    texts = list(Delivery.objects.filter(case=case).values_list("text", flat=True))
    assert texts and all(earlier.reference in t and "合并办理" in t for t in texts)
    assert not any(LIFT[:10] in t for t in texts)


def test_a_registered_case_may_be_merged_too(city, earlier):
    case = repeat()
    apply(case, "accept", actor=city.operator, now=at("2026-03-04 10:00"))
    apply(case, "classify", actor=city.operator, now=at("2026-03-04 11:00"), msg_type="complaint", domain="urban")
    apply(case, "merge", actor=city.operator, now=at("2026-03-04 12:00"), target=earlier)
    assert fresh(case).state == "merged"


def test_a_dispatched_case_cannot_be_merged(city, earlier):
    case = dispatched(city, "tongliao", now=at("2026-03-04 09:00"), body=LIFT)
    from minpan.cases.errors import IllegalTransition

    refused(case, IllegalTransition, "merge", actor=city.operator, now=at("2026-03-04 10:00"), target=earlier.pk)


def test_cannot_merge_into_itself(city):
    case = repeat()
    refused(case, RuleViolation, "merge", actor=city.operator, target=case.pk)


def test_cannot_merge_into_a_later_message(city, earlier):
    later = repeat("2026-03-05 09:00")
    apply(later, "accept", actor=city.operator, now=at("2026-03-05 10:00"))
    case = repeat("2026-03-04 09:00")
    with pytest.raises(RuleViolation, match="较早"):
        apply(case, "merge", actor=city.operator, now=at("2026-03-05 11:00"), target=later.pk)
    assert fresh(case).state == "received"
    assert not Event.objects.filter(case=later, action="merge").exists()


def test_merging_into_a_merged_case_goes_to_the_case_it_follows(city, earlier):
    second = repeat("2026-03-04 09:00")
    apply(second, "merge", actor=city.operator, now=at("2026-03-04 10:00"), target=earlier.pk)
    third = repeat("2026-03-06 09:00")
    apply(third, "merge", actor=city.operator, now=at("2026-03-06 10:00"), target=second.pk)
    assert fresh(third).merged_into_id == earlier.pk
    assert not Event.objects.filter(case=second, action="merge").exclude(state_after="merged").exists()


def test_cannot_merge_into_a_message_not_yet_reviewed_or_not_accepted(city):
    waiting = collect("tongliao", subject="电梯经常停运", body=LIFT, now=at("2026-03-02 09:00"))
    turned_away = collect("tongliao", subject="电梯经常停运", body=LIFT, now=at("2026-03-02 09:30"))
    apply(turned_away, "not_accept", actor=city.operator, now=at("2026-03-02 10:00"), reason="other",
          explanation="不属于受理范围。", suggested_channel="12345")
    case = repeat()
    refused(case, RuleViolation, "merge", actor=city.operator, target=waiting.pk)
    refused(case, RuleViolation, "merge", actor=city.operator, target=turned_away.pk)
    refused(case, RuleViolation, "merge", actor=city.operator, target=999999)


def test_a_unit_handler_cannot_merge(city, earlier):
    case = repeat()
    refused(case, NotPermitted, "merge", actor=city.handler, target=earlier.pk)


def test_a_merged_case_leaves_the_open_queues(city, earlier, client):
    case = repeat()
    apply(case, "merge", actor=city.operator, now=at("2026-03-04 10:00"), target=earlier.pk)
    from minpan.cases.states import OPEN_STATES

    assert fresh(case).state not in OPEN_STATES
    client.force_login(city.operator)
    assert case.subject not in client.get("/desk/q/review/").content.decode()
    assert case.subject in client.get("/desk/q/all/").content.decode()


def test_the_case_page_merges_by_the_earlier_cases_id(city, earlier, client):
    case = repeat()
    client.force_login(city.operator)
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert 'name="merge-target"' in page
    resp = client.post(f"/desk/case/{case.pk}/do/merge/", {"merge-target": str(earlier.pk)})
    assert resp.status_code == 302
    assert Case.objects.get(pk=case.pk).merged_into_id == earlier.pk


def test_the_case_page_says_why_a_merge_is_refused(city, client):
    case = repeat()
    client.force_login(city.operator)
    resp = client.post(f"/desk/case/{case.pk}/do/merge/", {"merge-target": "2026-999999"})
    assert resp.status_code == 400 and "没有找到留言" in resp.content.decode()
    resp = client.post(f"/desk/case/{case.pk}/do/merge/", {"merge-target": str(case.pk)})
    assert resp.status_code == 400 and "不能并入本件自身" in resp.content.decode()
    assert fresh(case).state == "received"
