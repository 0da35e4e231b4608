"""The Content-Security-Policy in Debian's chromium: the main pages of the portal and of the desk, in
each role, report no violation (no inline script, handler or style the policy had to refuse),
and still work under it: the write form posts, the look-up opens the case, htmx swaps a queue."""
import threading

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from minpan.cases.models import Case
from tests.flow import dispatched
from tests.portal.conftest import answered

PASSWORD = "correct-horse-battery"
# Records what the page itself would see; added by Playwright, which the page's CSP does not govern.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MINPAN_FILES_DIR = tmp_path / "files"


@pytest.fixture
def live_server(live_server):
    """One request at a time on the in-memory SQLite test database (see the citizen journey test)."""
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


class Watched:
    """A page whose CSP violations, from the event and from the console, are collected."""

    def __init__(self, page, base):
        self.page, self.base, self.console = page, base, []
        page.add_init_script(LISTEN)
        page.on("console", lambda msg: self.console.append(msg.text) if "Content Security Policy" in msg.text else None)

    def visit(self, path, heading=None):
        resp = self.page.goto(f"{self.base}{path}")
        assert resp is not None and resp.status < 500, path
        assert "Content-Security-Policy" in {k.title(): v for k, v in resp.headers.items()}, path
        if heading:
            expect(self.page.locator("h1")).to_contain_text(heading)
        self.check(path)

    def check(self, where):
        self.page.wait_for_load_state("load")
        seen = self.page.evaluate("window.__violations || []")
        assert seen == [] and self.console == [], f"{where}: {seen} {self.console}"

    def sign_in(self, username):
        self.page.context.clear_cookies()
        self.visit("/desk/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.keyboard.press("Enter")
        expect(self.page.locator("h1")).to_contain_text("您好")
        self.check(f"signed in as {username}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded calendar for later tests
def test_portal_pages_run_under_the_policy_without_a_violation(page, live_server, city):
    web = Watched(page, live_server.url)
    for path in ("/", "/answers/", "/not-accepted/", "/statistics/", "/no-such-page/"):
        web.visit(path)

    web.visit("/write/", "我要留言")
    page.get_by_label("真实姓名").fill("王小明")
    page.get_by_label("手机或电话").fill("13800138000")
    page.get_by_label("留言类型").select_option(label="咨询")
    page.get_by_label("标题").fill("幸福小区路灯不亮")
    page.get_by_label("留言内容").fill("幸福小区 3 号楼前路灯坏了一个月，晚上出行不便，请尽快修复。")
    page.get_by_label("同意公开（隐去个人信息后公开留言和答复）").check()
    page.get_by_label("我已阅读并同意个人信息使用说明").check()
    page.get_by_role("button", name="提交留言").click()
    expect(page.locator("h1")).to_have_text("留言已提交")  # the form posted
    web.check("receipt")
    code = page.locator("#tracking-code").inner_text().strip()
    password = page.locator("#query-password").inner_text().strip()

    answered(city, Case.objects.get())
    web.visit("/query/")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("查询密码").fill(password)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("body")).to_contain_text("幸福小区路灯不亮")
    web.check("status")
    web.visit(f"/answers/{Case.objects.get().pk}/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_desk_pages_run_under_the_policy_in_each_role(page, live_server, city):
    case = dispatched(city, "tongliao", subject="幸福小区路灯不亮")
    dispatched(city, "tongliao", subject="学校门口积水")
    web = Watched(page, live_server.url)

    web.sign_in("operator")
    for path in ("/desk/q/all/", f"/desk/case/{case.pk}/", f"/desk/case/{case.pk}/doc/assignment/", "/notify/inbox/",
                 "/notify/settings/", "/desk/hot/", "/desk/no-such-page/"):
        web.visit(path)
    # htmx swaps the list in place (no new page: the marker set on this page survives)
    web.visit("/desk/q/all/")
    page.evaluate("window.__same_page = true")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.fill("input[type=search]", "积水")
        page.keyboard.press("Enter")
    expect(page.locator("#results")).to_contain_text("学校门口积水")
    expect(page.locator("#results")).not_to_contain_text("幸福小区路灯不亮")
    assert page.evaluate("window.__same_page === true")
    web.check("htmx swap")
    # ...and keeps no copy of the page it replaced in the tab's storage, where it would outlive
    # signing out (the pages themselves are no-store)
    assert page.evaluate("sessionStorage.getItem('htmx-history-cache')") is None

    for username in ("handler", "principal", "reviewer", "supervisor", "leader"):
        web.sign_in(username)
        web.visit("/desk/q/all/")
        web.visit("/notify/leader/" if username in ("supervisor", "leader") else f"/desk/case/{case.pk}/")

    # a form posts: the handler claims the case on its page
    web.sign_in("handler")
    web.visit(f"/desk/case/{case.pk}/")
    box = page.locator("#do-claim")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.locator("button[type=submit]").click()
    expect(page.locator(".flash")).to_be_visible()
    web.check("after claim")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_admin_runs_under_the_policy(page, live_server, city):
    case = dispatched(city, "tongliao")
    get_user_model().objects.create_superuser("root", password=PASSWORD)
    web = Watched(page, live_server.url)
    web.visit("/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#site-name")).to_be_visible()
    web.check("admin index")
    for path in ("/admin/cases/case/", f"/admin/cases/case/{case.pk}/change/", "/admin/auth/user/", "/admin/auth/user/add/",
                 "/admin/units/unit/add/", "/admin/workdays/dayoverride/"):
        web.visit(path)
