"""A writer's number that came in full-width (an input method, an import, the API, Open311) is stored
in one spelling, so the desk finds the case by it and the public copy masks it."""
from minpan.cases.models import Citizen
from tests.flow import collect


def test_a_full_width_number_is_stored_as_the_number_and_found_by_it(client, city):
    case = collect("tongliao", citizen={"name": "王小明", "phone": "１３８ ００１３ ８０００"}, subject="路灯不亮")
    assert Citizen.objects.get(case=case).phone == "138 0013 8000"
    client.force_login(city.operator)
    assert "路灯不亮" in client.get("/desk/q/all/", {"q": "13800138000"}).content.decode()
