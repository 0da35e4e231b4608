"""A citizen on a phone: writes, keeps the code, checks the status, and rates the answer once staff
have published it (driven through the core). Debian's chromium, 390x844; screenshots to `artifacts`."""
import threading

import pytest
from playwright.sync_api import expect

from minpan.cases.models import Case

from .conftest import answered

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "locale": "zh-CN", "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture
def live_server(live_server):
    """On an in-memory SQLite test database Django's test server hands every request thread the
    same database connection, which two requests at once (the double tap below) cannot share:
    CI saw `database table is locked` and lost rows. There it takes one request at a time.
    Two real requests at once, each with its own connection: test_same_form_twice_at_once."""
    if not live_server.thread.connections_override:
        yield live_server
        return
    httpd = live_server.thread.httpd
    app, lock = httpd.get_app(), threading.Lock()

    def one_at_a_time(environ, start_response):
        with lock:
            return app(environ, start_response)

    httpd.set_app(one_at_a_time)
    try:
        yield live_server
    finally:
        httpd.set_app(app)


def shot(page, artifacts, name):
    page.screenshot(path=str(artifacts / f"portal-{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded calendar for later tests
def test_write_keep_the_code_check_the_status_and_rate_on_a_phone(page, live_server, city, artifacts, files_dir):
    base = live_server.url
    page.goto(f"{base}/")
    expect(page.locator("h1")).to_have_text("网民留言办理")
    shot(page, artifacts, "01-home")

    page.get_by_role("link", name="我要留言").first.click()
    expect(page.locator("h1")).to_have_text("我要留言")
    page.get_by_label("真实姓名").fill("王小明")
    page.get_by_label("手机或电话").fill("13800138000")
    page.get_by_label("留言类型").select_option(label="咨询")
    page.get_by_label("标题").fill("幸福小区路灯不亮")
    page.get_by_label("留言内容").fill("幸福小区 3 号楼前路灯坏了一个月，晚上出行不便，请尽快修复。我的电话 13800138000。")
    page.get_by_label("同意公开（隐去个人信息后公开留言和答复）").check()
    page.get_by_label("我已阅读并同意个人信息使用说明").check()
    shot(page, artifacts, "02-write-filled")
    button = page.get_by_role("button", name="提交留言")
    button.dblclick()  # a double tap still makes one case

    expect(page.locator("h1")).to_have_text("留言已提交")
    code = page.locator("#tracking-code").inner_text().strip()
    password = page.locator("#query-password").inner_text().strip()
    assert len(code) == 10 and len(password) == 8
    shot(page, artifacts, "03-receipt")
    assert Case.objects.count() == 1

    page.get_by_role("link", name="去查询办理进度").click()
    page.get_by_label("查询码").fill(code)
    page.get_by_label("查询密码").fill(password)
    page.get_by_label("查询密码").press("Enter")
    expect(page.locator(".badge")).to_have_text("已收到")
    shot(page, artifacts, "04-status-received")

    answered(city, Case.objects.get(), body="王小明您好：路灯已于今日修复。如仍有问题请联系我们。")

    page.reload()
    expect(page.locator(".badge")).to_have_text("已答复")
    expect(page.locator(".reply")).to_contain_text("路灯已于今日修复")
    shot(page, artifacts, "05-status-answered")
    page.get_by_label("基本满意").check()
    page.get_by_label("意见（选填）").fill("修得及时，谢谢。")
    page.get_by_role("button", name="提交评价").click()
    expect(page.locator("#rating")).to_contain_text("基本满意")
    shot(page, artifacts, "06-rated")
    case = Case.objects.get()
    assert case.rating == "basically"

    page.goto(f"{base}/answers/")
    expect(page.locator(".card")).to_have_count(1)
    body = page.content()
    assert "王小明" not in body and "13800138000" not in body
    shot(page, artifacts, "07-answers")
    page.get_by_role("link", name="适老模式（大字、高对比）").click()
    expect(page.locator("html")).to_have_class("elder")
    shot(page, artifacts, "08-answers-elder")
