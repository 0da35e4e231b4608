"""A city leader may refuse a draft letter with a reason instead of approving it; the case records it."""
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


def test_refusing_sets_the_letter_aside_and_the_case_records_who_and_why(city, draft):
    apply(draft.case, "refuse_bulletin", actor=city.leader, now=at("2026-10-14 09:00"), letter=draft.pk, reason="事实尚需核实。")
    draft.refresh_from_db()
    assert (draft.state, draft.refusal, draft.issued_at, draft.approved_by) == ("refused", "事实尚需核实。", None, None)
    event = Event.objects.get(case=draft.case, action="refuse_bulletin")
    assert event.data == {"letter": draft.pk, "reason": "事实尚需核实。"} and event.actor == city.leader


def test_a_refusal_needs_a_reason(city, draft):
    with pytest.raises(RuleViolation):
        apply(draft.case, "refuse_bulletin", actor=city.leader, letter=draft.pk, reason="  ")
    draft.refresh_from_db()
    assert draft.state == "draft" and not Event.objects.filter(action="refuse_bulletin").exists()


def test_a_refused_letter_cannot_be_approved_nor_refused_again(city, draft):
    apply(draft.case, "refuse_bulletin", actor=city.leader, letter=draft.pk, reason="暂缓。")
    for action, params in [("approve_bulletin", {}), ("refuse_bulletin", {"reason": "再议。"})]:
        with pytest.raises(RuleViolation):
            apply(draft.case, action, actor=city.leader, letter=draft.pk, **params)
    draft.refresh_from_db()
    assert draft.state == "refused" and draft.refusal == "暂缓。"
    assert not Event.objects.filter(action="approve_bulletin").exists()


def test_the_leader_refuses_on_the_letter_page(client, city, draft):
    client.force_login(city.leader)
    page = client.get(f"/notify/letters/{draft.pk}/").content.decode()
    assert "同意印发" in page and "不同意印发" in page
    resp = client.post(f"/notify/letters/{draft.pk}/refuse/", {"reason": "措辞不当，请修改后再报。"})
    assert resp.status_code == 302
    page = client.get(f"/notify/letters/{draft.pk}/").content.decode()
    assert "领导不同意印发：措辞不当，请修改后再报。" in page
    assert f"/notify/letters/{draft.pk}/refuse/" not in page  # decided: nothing more is offered


def test_a_refusal_without_a_reason_is_shown_back_on_the_page(client, city, draft):
    client.force_login(city.leader)
    resp = client.post(f"/notify/letters/{draft.pk}/refuse/", {"reason": ""})
    assert resp.status_code == 400 and "不同意印发的理由" in resp.content.decode()
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_only_a_city_leader_may_refuse(client, city, draft):
    client.force_login(city.supervisor)
    assert f"/notify/letters/{draft.pk}/refuse/" not in client.get(f"/notify/letters/{draft.pk}/").content.decode()
    assert client.post(f"/notify/letters/{draft.pk}/refuse/", {"reason": "不同意。"}).status_code == 403
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_a_refused_letter_is_never_shown_to_the_unit(client, city, draft):
    apply(draft.case, "refuse_bulletin", actor=city.leader, letter=draft.pk, reason="暂缓。")
    client.force_login(city.handler)
    assert client.get(f"/notify/letters/{draft.pk}/").status_code == 404


def test_every_letter_names_its_issuing_organ(city):
    case = dispatched(city, "tongliao", now=at("2026-09-28 10:00"))
    sweep_through("2026-09-28", "2026-10-30")
    letters = {letter.kind: letter for letter in Letter.objects.filter(case=case)}
    assert {"supervise", "transfer"} <= set(letters)
    assert letters["transfer"].body.startswith("纪检监察机关：")
    for letter in letters.values():
        assert letter.body.rstrip().endswith("\n\n市民盼中心"), letter.kind


def test_the_leader_refuses_from_the_overview_page(client, city, draft):
    client.force_login(city.leader)
    page = client.get("/notify/leader/").content.decode()
    assert f"/notify/letters/{draft.pk}/refuse/" in page and f"/notify/letters/{draft.pk}/approve/" in page
    resp = client.post(f"/notify/letters/{draft.pk}/refuse/", {"reason": "请补充逾期原因后再报。"})
    assert resp.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "refused" and draft.refusal == "请补充逾期原因后再报。"
    page = client.get("/notify/leader/").content.decode()
    assert f"/notify/letters/{draft.pk}/refuse/" not in page  # decided: nothing more is offered
