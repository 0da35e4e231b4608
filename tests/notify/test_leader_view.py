from minpan.cases.models import Event
from minpan.cases.transitions import apply
from minpan.notify.models import Letter
from tests.flow import at, dispatched
from tests.notify.helpers import sweep_through


def test_the_leader_sees_supervised_cases_overdue_units_and_letters(client, city):
    case = dispatched(city, "yuncheng", now=at("2026-09-28 10:00"))
    apply(case, "instruct", actor=city.leader, now=at("2026-09-28 15:00"), text="请抓紧办理。")
    sweep_through("2026-09-28", "2026-10-13")
    client.force_login(city.leader)
    text = client.get("/notify/leader/").content.decode()
    assert case.reg_no in text and "（已逾期）" in text
    assert "市住建局" in text
    assert "催办通知书" in text and "同意印发" in text


def test_a_leader_approves_a_draft_criticism_and_the_case_records_it(client, city):
    case = dispatched(city, "yuncheng", now=at("2026-09-28 10:00"))
    sweep_through("2026-09-28", "2026-10-13")
    draft = Letter.objects.get(case=case, kind="criticise")
    client.force_login(city.leader)
    client.post(f"/notify/letters/{draft.pk}/approve/")
    draft.refresh_from_db()
    assert draft.state == "issued" and draft.approved_by == city.leader
    assert Event.objects.filter(case=case, action="approve_bulletin", actor=city.leader).exists()


def test_only_a_city_leader_may_approve(client, city):
    case = dispatched(city, "yuncheng", now=at("2026-09-28 10:00"))
    sweep_through("2026-09-28", "2026-10-13")
    draft = Letter.objects.get(case=case, kind="criticise")
    client.force_login(city.supervisor)
    assert client.post(f"/notify/letters/{draft.pk}/approve/").status_code == 403
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_a_unit_handler_may_not_open_the_leader_view(client, city):
    client.force_login(city.handler)
    assert client.get("/notify/leader/").status_code == 403


def test_a_unit_reads_the_notice_addressed_to_it_but_not_another_units(client, city):
    case = dispatched(city, "yuncheng", now=at("2026-09-28 10:00"))
    sweep_through("2026-09-28", "2026-10-09")
    notice = Letter.objects.get(case=case, kind="urge")
    client.force_login(city.handler)
    page = client.get(f"/notify/letters/{notice.pk}/")
    assert page.status_code == 200 and "催办通知书" in page.content.decode()
    client.force_login(city.edu_handler)
    assert client.get(f"/notify/letters/{notice.pk}/").status_code == 404


def test_the_leader_page_is_styled_like_the_desk_with_overdue_by_unit_as_bars(client, city):
    for _ in range(2):
        dispatched(city, "yuncheng", now=at("2026-09-28 10:00"))
    dispatched(city, "yuncheng", now=at("2026-09-28 10:00"), lead=city.education)
    sweep_through("2026-09-28", "2026-10-13")
    client.force_login(city.leader)
    text = client.get("/notify/leader/").content.decode()
    assert "desk.css" in text and 'class="list"' in text
    assert '<ul class="bars"' in text
    assert '<meter min="0" max="2" value="2"' in text and '<meter min="0" max="2" value="1"' in text
    assert text.index("市住建局</span>") < text.index("市教育局</span>")  # most overdue first
    assert " style=" not in text  # a CSP is coming: classes only, no inline styles
