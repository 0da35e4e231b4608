from minpan.cases.models import Case
from tests.flow import collect, registered


def test_operator_dispatches_several_cases_at_once(client, city):
    a, b = registered(city, "tongliao"), registered(city, "tongliao")
    other = registered(city, "tongliao")
    client.force_login(city.operator)
    page = client.get("/desk/q/dispatch/").content.decode()
    assert "批量交办" in page
    resp = client.post("/desk/bulk/dispatch/", {"case": [a.pk, b.pk], "dispatch-lead": city.housing.pk,
                                                "dispatch-co": [city.education.pk], "back": "/desk/q/dispatch/"})
    assert resp.status_code == 302 and resp["Location"] == "/desk/q/dispatch/"
    assert set(Case.objects.filter(lead_unit=city.housing).values_list("pk", flat=True)) == {a.pk, b.pk}
    assert Case.objects.get(pk=other.pk).state == "registered"
    assert [e.action for e in Case.objects.get(pk=a.pk).events.all()][-1] == "dispatch"


def test_a_case_that_cannot_be_dispatched_is_reported_and_the_rest_go(client, city):
    ready, fresh = registered(city, "tongliao"), collect("tongliao")
    client.force_login(city.operator)
    resp = client.post("/desk/bulk/dispatch/", {"case": [ready.pk, fresh.pk], "dispatch-lead": city.housing.pk}, follow=True)
    text = resp.content.decode()
    assert "已交办 1 件" in text and "不能执行“交办”" in text
    assert Case.objects.get(pk=fresh.pk).state == "received"


def test_only_operators_may_bulk_dispatch(client, city):
    case = registered(city, "tongliao")
    client.force_login(city.handler)
    resp = client.post("/desk/bulk/dispatch/", {"case": [case.pk], "dispatch-lead": city.housing.pk})
    assert resp.status_code == 403
    assert Case.objects.get(pk=case.pk).state == "registered"
