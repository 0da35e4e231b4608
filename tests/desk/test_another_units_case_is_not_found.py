from tests.desk.pages import act, state
from tests.flow import collect, dispatched


def test_unit_user_typing_another_units_case_url_gets_404(client, city):
    case = dispatched(city, "tongliao")  # 市住建局's
    client.force_login(city.edu_handler)
    for url in (f"/desk/case/{case.pk}/", f"/desk/case/{case.pk}/doc/assignment/",
                f"/desk/case/{case.pk}/doc/assignment.docx", f"/desk/case/{case.pk}/files/1/"):
        assert client.get(url).status_code == 404, url


def test_posting_an_action_on_another_units_case_is_404_and_changes_nothing(client, city):
    case = dispatched(city, "tongliao")
    assert act(client, city.edu_handler, case, "claim").status_code == 404
    assert state(case) == "dispatched"


def test_a_unit_never_finds_an_undispatched_message(client, city):
    case = collect("tongliao")
    client.force_login(city.handler)
    assert client.get(f"/desk/case/{case.pk}/").status_code == 404
    assert client.get("/desk/case/999999/").status_code == 404


def test_a_district_sees_its_streets_cases_but_the_street_not_the_districts(client, city):
    street_case = dispatched(city, "tongliao", lead=city.street)
    district_case = dispatched(city, "tongliao", lead=city.district)
    client.force_login(city.district_handler)
    assert client.get(f"/desk/case/{street_case.pk}/").status_code == 200
    client.force_login(city.street_handler)
    assert client.get(f"/desk/case/{district_case.pk}/").status_code == 404
