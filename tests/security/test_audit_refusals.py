"""A signed-in user refused an object (another unit's case: 404) or an action (403) is on the
audit trail, with the route and the object's number, never the path they typed."""
from minpan.audit.models import AuditEntry
from tests.flow import dispatched


def test_opening_another_units_case_is_recorded_as_denied(client, city):
    case = dispatched(city, "tongliao", lead=city.education)
    client.force_login(city.handler)
    assert client.get(f"/desk/case/{case.pk}/").status_code == 404
    entry = AuditEntry.objects.get(action="access")
    assert (entry.result, entry.user_id, entry.object_type, entry.object_id) == ("denied", city.handler.pk, "desk:case", str(case.pk))
    assert entry.detail == "GET 未找到或无权查看" and entry.role == "unit_handler"


def test_an_action_the_role_may_not_take_is_recorded_as_denied(client, city):
    case = dispatched(city, "tongliao")
    client.force_login(city.handler)
    assert client.post(f"/desk/case/{case.pk}/do/publish/", {"mode": "public"}).status_code == 403
    entry = AuditEntry.objects.get(action="access")
    assert (entry.result, entry.object_type, entry.object_id, entry.detail) == ("denied", "desk:act", str(case.pk), "POST 无权操作")


def test_a_page_that_answers_is_not_a_refusal(client, city):
    case = dispatched(city, "tongliao")
    client.force_login(city.handler)
    assert client.get(f"/desk/case/{case.pk}/").status_code == 200
    assert not AuditEntry.objects.filter(result="denied").exists()


def test_an_anonymous_404_is_not_recorded(client, city):
    assert client.get("/desk/case/999999/").status_code == 302  # to the sign-in page
    assert client.get("/no-such-page/").status_code == 404
    assert not AuditEntry.objects.exists()
