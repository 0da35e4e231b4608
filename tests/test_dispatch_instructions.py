"""交办意见: what the center asks of the lead unit and of the co-units, written on dispatch, kept on
each assignment and read by the unit on its case page and on the 承办单."""
import time_machine

from minpan.cases.models import Assignment, Event
from tests.desk.pages import act
from tests.flow import at, registered

LEAD_TEXT = "请于 3 日内现场核实并联系留言人。"
CO_TEXT = "请提供学校周边照明设施的管护单位。"


def _dispatched_with_instructions(client, city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        case = registered(city, "tongliao")
        resp = act(client, city.operator, case, "dispatch", lead=city.housing.pk, co=[city.education.pk],
                   instructions=LEAD_TEXT, co_instructions=CO_TEXT)
        assert resp.status_code == 302, resp.content.decode()[:2000]
    return case


def test_instructions_are_kept_on_each_assignment(client, city):
    case = _dispatched_with_instructions(client, city)
    rows = dict(Assignment.objects.filter(case=case).values_list("unit__name", "instructions"))
    assert rows == {"市住建局": LEAD_TEXT, "市教育局": CO_TEXT}
    data = Event.objects.get(case=case, action="dispatch").data
    assert (data["instructions"], data["co_instructions"]) == (LEAD_TEXT, CO_TEXT)


def test_the_lead_unit_reads_them_on_its_case_page(client, city):
    case = _dispatched_with_instructions(client, city)
    client.force_login(city.handler)
    text = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "交办意见" in text and LEAD_TEXT in text


def test_the_co_unit_reads_its_part(client, city):
    case = _dispatched_with_instructions(client, city)
    client.force_login(city.edu_handler)
    assert CO_TEXT in client.get(f"/desk/case/{case.pk}/").content.decode()


def test_the_assignment_form_prints_them(client, city):
    case = _dispatched_with_instructions(client, city)
    client.force_login(city.handler)
    text = client.get(f"/desk/case/{case.pk}/doc/assignment/").content.decode()
    assert "交办意见" in text and LEAD_TEXT in text


def test_without_instructions_the_form_says_none(client, city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        case = registered(city, "tongliao")
        act(client, city.operator, case, "dispatch", lead=city.housing.pk)
    client.force_login(city.handler)
    text = client.get(f"/desk/case/{case.pk}/doc/assignment/").content.decode()
    assert "交办意见" in text
    assert Assignment.objects.get(case=case).instructions == ""


def test_co_instructions_without_a_co_unit_are_sent_back_to_the_form(client, city):
    case = registered(city, "tongliao")
    resp = act(client, city.operator, case, "dispatch", lead=city.housing.pk, co_instructions=CO_TEXT)
    assert resp.status_code == 400
    assert "请先选择配合单位" in resp.content.decode()
