"""With DEBUG off, a visitor who hits an error sees a Chinese page in the look of where they were:
the desk's for staff addresses, the portal's for the public. Nothing of Django's English pages,
nothing of the fault itself."""
import pytest
from django.test import Client

from tests.flow import dispatched

DESK = "民盼通办 · 工作台"
PORTAL = "一键查询"


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def page(resp) -> str:
    return resp.content.decode()


def test_unknown_portal_address_gets_the_portal_404(client, db):
    resp = client.get("/no-such-page/")
    assert resp.status_code == 404
    assert "页面不存在" in page(resp) and PORTAL in page(resp) and DESK not in page(resp)
    assert "Not Found" not in page(resp)


def test_unknown_desk_address_gets_the_desk_404(client, city):
    client.force_login(city.operator)
    resp = client.get("/desk/case/999999/")
    assert resp.status_code == 404
    assert "页面不存在" in page(resp) and DESK in page(resp)


def test_a_forbidden_staff_page_gets_the_desk_403(client, city):
    client.force_login(city.handler)
    resp = client.get("/notify/leader/")
    assert resp.status_code == 403
    assert "无权访问" in page(resp) and DESK in page(resp)
    assert "403 Forbidden" not in page(resp)


def test_a_get_to_a_post_only_address_gets_a_405_page(client, city):
    resp = client.get("/status/rate/")
    assert resp.status_code == 405 and resp["Allow"] == "POST"
    assert "请求方式不对" in page(resp) and PORTAL in page(resp)
    client.force_login(city.operator)
    resp = client.get("/desk/logout/")
    assert resp.status_code == 405 and "请求方式不对" in page(resp) and DESK in page(resp)


def test_a_form_without_its_csrf_token_gets_a_chinese_403(db):
    resp = Client(enforce_csrf_checks=True).post("/query/", {"code": "ABC", "password": "X"})
    assert resp.status_code == 403
    assert "页面已过期" in page(resp) and "CSRF" not in page(resp)


@pytest.mark.parametrize("path, look", [("/fault/", "返回首页"), ("/desk/fault/", DESK)])
def test_a_fault_gets_a_chinese_500_without_its_details(settings, db, path, look):
    settings.ROOT_URLCONF = "tests.security.urls_with_a_fault"
    resp = Client(raise_request_exception=False).get(path)
    assert resp.status_code == 500
    assert "系统暂时出现故障" in page(resp) and look in page(resp)
    assert "RuntimeError" not in page(resp) and "must not see" not in page(resp) and "Server Error" not in page(resp)


def test_a_staff_error_page_keeps_the_case_out(client, city):
    case = dispatched(city, "tongliao")
    client.force_login(city.edu_handler)  # another unit: the case is not theirs
    resp = client.get(f"/desk/case/{case.pk}/")
    assert resp.status_code == 404 and case.subject not in page(resp)
