import pytest
from playwright.sync_api import expect

from minpan.cases.models import Case
from minpan.cases.transitions import apply
from tests.desk.test_mask_before_publishing_in_the_browser import sign_in
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


def test_only_dispatchable_cases_can_be_ticked(client, city):
    # an accepted case is not classified yet: the core would refuse to dispatch it
    ready = registered(city, "tongliao")
    unclassified = collect("tongliao", subject="尚未分类的留言")
    apply(unclassified, "accept", actor=city.operator)
    client.force_login(city.operator)
    page = client.get("/desk/q/dispatch/").content.decode()
    assert f'name="case" value="{ready.pk}"' in page
    assert f'name="case" value="{unclassified.pk}"' not in page
    assert unclassified.reference in page  # still listed, only not offered


def test_choosing_the_lead_unit_does_not_reload_the_list(client, city):
    # The filters re-query the list (and so redraw the ticks) on a change of their own selects only;
    # the bulk bar's unit selects are outside them.
    registered(city, "tongliao")
    client.force_login(city.operator)
    page = client.get("/desk/q/dispatch/").content.decode()
    assert 'hx-trigger="submit, change from:select.filter, search"' in page
    assert '<select name="dispatch-lead" required>' in page and 'name="dispatch-lead" required class' not in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ticked_cases_stay_ticked_when_the_lead_unit_changes(page, live_server, city):
    a, b = registered(city, "tongliao"), registered(city, "tongliao")
    sign_in(page, live_server.url, "operator")
    page.goto(f"{live_server.url}/desk/q/dispatch/")
    page.check(f"input[name=case][value='{a.pk}']")
    page.check(f"input[name=case][value='{b.pk}']")
    page.select_option("select[name=dispatch-lead]", str(city.housing.pk))
    page.wait_for_timeout(500)  # an htmx re-query, were there one, would have redrawn the list by now
    expect(page.locator(f"input[name=case][value='{a.pk}']")).to_be_checked()
    expect(page.locator(f"input[name=case][value='{b.pk}']")).to_be_checked()
    page.click("text=批量交办 >> nth=-1")
    expect(page.locator(".flash")).to_contain_text("已交办 2 件")
    assert set(Case.objects.filter(lead_unit=city.housing).values_list("pk", flat=True)) == {a.pk, b.pk}
