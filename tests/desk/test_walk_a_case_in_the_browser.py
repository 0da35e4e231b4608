"""One case end to end through the pages, as the people who handle it, in Debian's chromium.

Screenshots of every queue and of the case page at each step go to the `artifacts` dir.
"""
import re

import pytest
from playwright.sync_api import expect

from minpan.cases.models import Case
from tests.flow import collect

PASSWORD = "correct-horse-battery"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1366, "height": 768}, "locale": "zh-CN"}


class Desk:
    def __init__(self, page, base, artifacts):
        self.page, self.base, self.artifacts = page, base, artifacts

    def sign_in(self, username):
        page = self.page
        page.context.clear_cookies()
        page.goto(f"{self.base}/desk/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.keyboard.press("Enter")  # keyboard-friendly: no mouse needed to sign in
        expect(page.locator("h1")).to_contain_text("您好")

    def shot(self, name):
        self.page.screenshot(path=str(self.artifacts / f"desk-{name}.png"), full_page=True)

    def queue(self, slug, name):
        self.page.goto(f"{self.base}/desk/q/{slug}/")
        expect(self.page.locator(".listbar")).to_be_visible()
        self.shot(name)

    def open_case(self, pk):
        self.page.goto(f"{self.base}/desk/case/{pk}/")

    def act(self, action, done_text, fill=None):
        page = self.page
        box = page.locator(f"#do-{action}")
        if box.get_attribute("open") is None:
            box.locator("summary").click()
        if fill:
            fill(box)
        box.locator("button[type=submit]").click()
        expect(page.locator(".flash")).to_contain_text(done_text)


@pytest.mark.browser
# serialized_rollback: a transactional test empties the tables; this puts back what migrations seeded
# (the official calendar), which the tests after it rely on.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_case_from_message_to_publication_through_the_pages(page, live_server, city, artifacts):
    case = collect("tongliao", subject="幸福小区路灯不亮", body="幸福小区 3 号楼前路灯坏了一个月，晚上出行不便。")
    desk = Desk(page, live_server.url, artifacts)

    # 受理员: review, classify, dispatch
    desk.sign_in("operator")
    desk.shot("home-operator")
    for slug, _label in [("review", "待初审"), ("dispatch", "待交办"), ("returned", "退办待处理"), ("publish", "待发布"),
                       ("callback", "待回访"), ("archive", "可归档"), ("working", "办理中"), ("due_soon", "即将到期"),
                       ("overdue", "已逾期"), ("all", "全部留言")]:
        desk.queue(slug, f"queue-{slug}-operator")
    page.goto(f"{live_server.url}/desk/q/review/")
    page.click("text=幸福小区路灯不亮")
    expect(page.locator("h1")).to_contain_text("幸福小区路灯不亮")
    desk.shot("case-1-received")
    desk.act("accept", "已受理")
    desk.act("classify", "已分类登记", lambda f: (f.locator("select[name=classify-msg_type]").select_option("complaint"),
                                               f.locator("select[name=classify-domain]").select_option("urban")))
    desk.act("dispatch", "已交办", lambda f: f.locator("select[name=dispatch-lead]").select_option(label="市住建局"))
    desk.shot("case-2-dispatched")

    # 承办经办人: claim and draft
    desk.sign_in("handler")
    for slug in ["claim", "working", "due_soon", "overdue", "sign", "submitted", "callback", "all"]:
        desk.queue(slug, f"queue-{slug}-handler")
    page.goto(f"{live_server.url}/desk/q/claim/")
    page.click("text=幸福小区路灯不亮")
    expect(page.locator(".due")).to_contain_text("剩")
    desk.act("claim", "已认领")

    def draft(text):
        return lambda f: (f.locator("textarea[name=draft-body]").fill(text),
                          f.locator("input[name=draft-handler_name]").fill("李工"),
                          f.locator("input[name=draft-handler_phone]").fill("0475-1234567"))

    desk.act("draft", "已拟写答复", draft("已安排维修。"))
    desk.shot("case-3-drafted")

    # 单位主要负责人: sign off; the handler submits
    desk.sign_in("principal")
    desk.queue("sign", "queue-sign-principal")
    desk.queue("extension", "queue-extension-principal")
    desk.open_case(case.pk)
    desk.act("sign_off", "已领导审签", lambda f: f.locator("input[name=sign_off-sealed]").check())
    desk.sign_in("handler")
    desk.open_case(case.pk)
    desk.act("submit", "已报送答复")

    # 审核员: sends it back once
    desk.sign_in("reviewer")
    for slug in ["submitted", "extension", "returned", "working", "overdue"]:
        desk.queue(slug, f"queue-{slug}-reviewer")
    page.goto(f"{live_server.url}/desk/q/submitted/")
    page.click("text=幸福小区路灯不亮")
    desk.act("send_back", "已退回重办",
             lambda f: f.locator("textarea[name=send_back-reason]").fill("答非所问：未说明何时修复。"))
    desk.shot("case-4-sent-back")

    # the unit redoes it
    desk.sign_in("handler")
    desk.open_case(case.pk)
    desk.act("draft", "已拟写答复", draft("路灯已于今日修复，并已巡查全小区路灯。"))
    desk.sign_in("principal")
    desk.open_case(case.pk)
    desk.act("sign_off", "已领导审签", lambda f: f.locator("input[name=sign_off-sealed]").check())
    desk.sign_in("handler")
    desk.open_case(case.pk)
    desk.act("submit", "已报送答复")

    # 审核员 approves; publication is the 受理员's step in the transition table
    desk.sign_in("reviewer")
    desk.open_case(case.pk)
    desk.act("approve", "已审核通过")
    desk.sign_in("operator")
    desk.queue("publish", "queue-publish-operator")
    desk.open_case(case.pk)
    desk.act("publish", "已发布答复", lambda f: f.locator("input[value=public]").check())
    expect(page.locator(".state")).to_have_text("已答复")
    desk.shot("case-5-published")

    assert Case.objects.get(pk=case.pk).state == "published"
    actions = list(Case.objects.get(pk=case.pk).events.values_list("action", flat=True))
    assert actions == ["collect", "accept", "classify", "dispatch", "claim", "draft", "sign_off", "submit", "send_back",
                       "draft", "sign_off", "submit", "approve", "publish"]
    assert len(list(artifacts.glob("desk-queue-*.png"))) >= 20
    assert re.search(r"desk-case-5", " ".join(p.name for p in artifacts.glob("*.png")))
