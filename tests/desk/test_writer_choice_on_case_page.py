"""The type and domain the writer chose on the portal form show to staff, as the writer's choice."""
from minpan.cases.models import Case
from minpan.cases.states import Domain, MessageType
from tests.flow import collect
from tests.portal.conftest import files_dir, form_data  # noqa: F401  (files_dir: uploads go to a temporary folder)


def test_staff_see_what_the_writer_chose(client, city):
    client.post("/write/", form_data(client, msg_type="complaint", domain="urban"))
    case = Case.objects.get()
    client.force_login(city.operator)
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "留言人所选" in page
    assert f"{MessageType('complaint').label} · {Domain('urban').label}" in page


def test_a_case_from_another_channel_shows_no_choice(client, city):
    case = collect("tongliao")
    client.force_login(city.operator)
    assert "留言人所选" not in client.get(f"/desk/case/{case.pk}/").content.decode()
