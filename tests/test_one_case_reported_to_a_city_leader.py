"""Chizhou 第九条(二): 对疑难复杂、牵涉面广、易出现推诿扯皮、反复集中反映的事项，市政府办公室将一事一报，呈请
市政府领导作出批示或协调部署. The center reports one case to a named city leader, with its grounds and
reason; that leader is told (inbox) and finds it on their page (督办视图) with the case page's 批示; the
case shows it awaits the instruction until it is given. Only Chizhou's document has this report
(escalation.report_to_leader): Yuncheng 五(二) calls a 专题协调会议 instead and 五(四) asks a leader only to
approve a criticism; Tongliao 第十六条 and Xizang 第五条(六) file 领导批示 with the records; Naiman names none."""
import pytest

from minpan.cases.errors import NotPermitted, RuleViolation
from minpan.cases.models import Event
from minpan.cases.transitions import apply
from minpan.notify.models import Notification
from minpan.units.models import Membership
from minpan.units.roles import Role
from tests.desk.pages import act
from tests.flow import at, dispatched, fresh

MONDAY = at("2026-03-02 10:00")


def _report(city, case, **kw):
    fields = {"leader": city.leader, "grounds": "buck_passing", "reason": "住建局与供电公司互相推诿，已三次反映。", **kw}
    return apply(case, "report_to_leader", actor=city.operator, now=MONDAY, **fields)


def test_the_leader_is_told_and_the_case_awaits_the_instruction_until_given(city, django_capture_on_commit_callbacks):
    case = dispatched(city, "chizhou", now=MONDAY)
    with django_capture_on_commit_callbacks(execute=True):
        case = _report(city, case)
    assert case.reported_to == city.leader and case.reported_at == MONDAY
    note = Notification.objects.get(case=case, kind="reported")
    assert note.recipient == city.leader
    assert "易出现推诿扯皮" in note.body and "互相推诿" in note.body
    event = Event.objects.get(case=case, action="report_to_leader")
    assert event.data["leader"] == city.leader.pk and event.data["grounds"] == "buck_passing"
    with pytest.raises(RuleViolation, match="正待批示"):
        _report(city, case)
    case = apply(case, "instruct", actor=city.leader, now=at("2026-03-03 09:00"), text="请住建局牵头协调供电公司，一周内解决。")
    assert fresh(case).reported_to is None and case.supervised


def test_only_the_center_reports_and_only_to_a_city_leader(city):
    case = dispatched(city, "chizhou", now=MONDAY)
    with pytest.raises(NotPermitted):
        apply(case, "report_to_leader", actor=city.supervisor, now=MONDAY, leader=city.leader, grounds="complex", reason="……")
    with pytest.raises(RuleViolation, match="市领导"):
        _report(city, case, leader=city.supervisor)
    with pytest.raises(RuleViolation, match="事由"):
        _report(city, case, grounds="urgent")
    with pytest.raises(RuleViolation, match="呈报理由"):
        _report(city, case, reason="")


def test_the_leader_sees_it_on_their_page_and_instructs_from_the_case_page(city, client, settings):
    settings.MINPAN_POLICY = "chizhou"
    other = city.leader.__class__.objects.create_user("vice_mayor", first_name="李副市长")
    Membership.objects.create(user=other, unit=city.office, role=Role.CITY_LEADER)
    mine, theirs = dispatched(city, "chizhou", now=MONDAY), dispatched(city, "chizhou", now=MONDAY)
    _report(city, mine)
    _report(city, theirs, leader=other)
    client.force_login(city.leader)
    page = client.get("/notify/leader/").content.decode()
    assert "一事一报" in page and mine.reg_no in page and theirs.reg_no not in page
    case_page = client.get(f"/desk/case/{mine.pk}/").content.decode()
    assert "/do/instruct/" in case_page and "待" in case_page and "批示" in case_page
    assert act(client, city.leader, mine, "instruct", text="请抓紧协调解决。", leader_name="张市长").status_code == 302
    assert fresh(mine).reported_to is None
    client.get(f"/desk/case/{mine.pk}/")  # reads the success message
    assert "一事一报 待批示" not in client.get("/notify/leader/").content.decode()  # nothing more awaits this leader


def test_the_operator_reports_from_the_case_page(city, client, settings):
    case = dispatched(city, "chizhou", now=MONDAY)
    client.force_login(city.operator)
    assert "/do/report_to_leader/" in client.get(f"/desk/case/{case.pk}/").content.decode()
    resp = act(client, city.operator, case, "report_to_leader", leader=city.leader.pk, grounds="repeated",
               reason="同一路段半年内反映 12 次。")
    assert resp.status_code == 302
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "/do/report_to_leader/" not in page and "一事一报" in page
    settings.MINPAN_POLICY = "chizhou"
    assert case.reg_no in client.get("/desk/q/to_leader/").content.decode()


@pytest.mark.parametrize("policy", ["tongliao", "naiman", "yuncheng", "xizang"])
def test_other_policies_do_not_offer_it(city, client, policy):
    case = dispatched(city, policy, now=MONDAY)
    client.force_login(city.operator)
    assert "/do/report_to_leader/" not in client.get(f"/desk/case/{case.pk}/").content.decode()
    with pytest.raises(RuleViolation, match="未规定一事一报"):
        _report(city, case)
