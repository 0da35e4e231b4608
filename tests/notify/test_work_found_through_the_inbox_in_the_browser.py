"""Three cases through their whole life in Debian's chromium, where every person after the dispatch
finds their work only through the link in their inbox (no queue is opened): one sent back once,
one returned (退办) and dispatched again, one given an extension. Each link is an unread notice,
and opening the case reads it. Screenshots go to the `artifacts` dir as inbox-*.png."""
import re

import pytest
from playwright.sync_api import expect

from minpan.cases.models import Case
from minpan.notify.models import Notification
from tests.desk.test_walk_a_case_in_the_browser import Desk
from tests.flow import registered


class Inbox(Desk):
    """The desk, reached through the inbox: sign in, see the unread count, follow the notice's link."""

    def __init__(self, page, base, artifacts, story):
        super().__init__(page, base, artifacts)
        self.story, self.n = story, 0

    def shot(self, name):
        self.n += 1
        self.page.screenshot(path=str(self.artifacts / f"inbox-{self.story}-{self.n:02d}-{name}.png"), full_page=True)

    def follow(self, username, case, title):
        """Sign in as `username`, open the inbox from the header and follow the unread notice of `case`
        whose title holds `title`; the case page opens and the notice is read."""
        page = self.page
        self.sign_in(username)
        badge = page.locator("header .inbox .badge")
        expect(badge).to_be_visible()
        unread = int(badge.inner_text())
        page.locator("header .inbox").click()
        notice = page.locator("li.unread", has_text=title).filter(has=page.locator(f'a[href="/desk/case/{case.pk}/"]'))
        expect(notice).to_have_count(1)
        self.shot(f"{username}-inbox")
        notice.locator(f'a[href="/desk/case/{case.pk}/"]').click()
        expect(page.locator("h1 .ref")).to_have_text(Case.objects.get(pk=case.pk).reference)
        # opening the case read its notice: the header counts only what is still unread
        assert not Notification.objects.filter(recipient__username=username, case=case, read_at__isnull=True).exists()
        left = Notification.objects.filter(recipient__username=username, read_at__isnull=True).count()
        assert left < unread
        if left:
            expect(badge).to_have_text(str(left))
        else:
            expect(badge).to_have_count(0)

    def dispatch(self, case, unit):
        self.open_case(case.pk)  # the operator's own intake: a registered message on the center's desk
        self.act("dispatch", "已交办", lambda f: f.locator("select[name=dispatch-lead]").select_option(label=unit))

    def draft(self, text):
        def fill(form):
            form.locator("textarea[name=draft-body]").fill(text)
            # the handler's contact, where the policy publishes it (Tongliao 第十二条)
            for name, value in (("handler_name", "李工"), ("handler_phone", "0475-1234567")):
                if form.locator(f"input[name=draft-{name}]").count():
                    form.locator(f"input[name=draft-{name}]").fill(value)

        self.act("draft", "已拟写答复", fill)

    def sign(self):
        self.act("sign_off", "已领导审签", lambda f: f.locator("input[name=sign_off-sealed]").check())

    def review_and_publish(self, case, *, signer=None, handler="handler"):
        """From a draft on: the leader signs (where the policy asks), the handler submits, the
        reviewer approves, the operator publishes, each from their inbox."""
        if signer:
            self.follow(signer, case, "待审签")
            self.sign()
            self.follow(handler, case, "已审签")
        self.act("submit", "已报送答复")
        self.follow("reviewer", case, "待审核")
        self.act("approve", "已审核通过")
        self.follow("operator", case, "待发布")
        self.act("publish", "已发布答复", lambda f: f.locator("input[value=public]").check())
        expect(self.page.locator(".state")).to_have_text("已答复")
        self.shot("published")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_three_cases_each_step_found_through_the_inbox(page, live_server, city, artifacts):
    for p in (city.handler, city.principal, city.reviewer, city.operator, city.edu_handler):
        p.email = f"{p.username}@example.gov.cn"
        p.save()

    # 1. Sent back once (Tongliao: the principal signs with the seal)
    lamp = registered(city, "tongliao", subject="幸福小区路灯不亮", body="幸福小区 3 号楼前路灯坏了一个月，晚上出行不便。")
    one = Inbox(page, live_server.url, artifacts, "sent-back")
    one.sign_in("operator")
    one.dispatch(lamp, "市住建局")
    one.follow("handler", lamp, "新交办")
    one.act("claim", "已认领")
    one.draft("已安排维修。")
    one.follow("principal", lamp, "待审签")
    one.sign()
    one.follow("handler", lamp, "已审签")
    one.act("submit", "已报送答复")
    one.follow("reviewer", lamp, "待审核")
    one.act("send_back", "已退回重办", lambda f: f.locator("textarea[name=send_back-reason]").fill("答非所问：未说明何时修复。"))
    one.follow("handler", lamp, "退回重办")
    expect(page.locator(".handed-back")).to_contain_text("答非所问：未说明何时修复。")  # the reason, at the top
    one.shot("reason-at-the-top")
    one.draft("路灯已于今日修复，并已巡查全小区路灯。")
    one.review_and_publish(lamp, signer="principal")

    # 2. Returned by the unit it was sent to, dispatched again (Yuncheng: within a working day, with the basis)
    school = registered(city, "yuncheng", subject="学校门口积水", body="实验小学门口下雨就积水，孩子上学要蹚水。")
    two = Inbox(page, live_server.url, artifacts, "returned")
    two.sign_in("operator")
    two.dispatch(school, "市教育局")
    two.follow("edu_handler", school, "新交办")
    two.act("return", "已退办", lambda f: (
        f.locator("textarea[name=return-reason]").fill("校门外道路排水不属教育局职责。"),
        f.locator("textarea[name=return-basis]").fill("市政设施由住建部门管养。"),
    ))
    two.follow("operator", school, "退办")
    expect(page.locator("main")).to_contain_text("校门外道路排水不属教育局职责。")
    two.dispatch(school, "市住建局")
    two.follow("handler", school, "新交办")
    two.act("claim", "已认领")
    two.draft("已疏通校门口排水管道。")
    two.review_and_publish(school)

    # 3. An extension asked and approved (Tongliao: at most 3 more working days)
    heat = registered(city, "tongliao", subject="供暖温度不达标", body="阳光小区室温只有 14 度。")
    three = Inbox(page, live_server.url, artifacts, "extension")
    three.sign_in("operator")
    three.dispatch(heat, "市住建局")
    three.follow("handler", heat, "新交办")
    three.act("claim", "已认领")
    three.act("request_extension", "已申请延期", lambda f: (
        f.locator("input[name=request_extension-days]").fill("3"),
        f.locator("textarea[name=request_extension-reason]").fill("需供热公司检修管网。"),
    ))
    # 逐级 (第十四条): the unit's 分管 leader signs it up to the center; the principal, told too, finds it done
    three.follow("deputy", heat, "延期申请")
    three.act("endorse_extension", "已单位签批延期申请")
    three.follow("principal", heat, "延期申请")
    three.follow("reviewer", heat, "延期申请")
    three.act("approve_extension", "已同意延期")
    three.follow("handler", heat, "延期申请已同意")
    three.draft("已督促供热公司检修，室温已达 18 度。")
    three.review_and_publish(heat, signer="principal")

    for case in (lamp, school, heat):
        assert Case.objects.get(pk=case.pk).state == "published"
    actions = list(Case.objects.get(pk=school.pk).events.values_list("action", flat=True))
    assert actions[actions.index("return") + 1] == "dispatch"
    # every notice was found and followed: none is left unread
    unread = list(Notification.objects.filter(read_at__isnull=True).values_list("recipient__username", "title"))
    assert unread == []
    shots = [p.name for p in artifacts.glob("inbox-*.png")]
    assert all(any(re.match(f"inbox-{s}-", n) for n in shots) for s in ("sent-back", "returned", "extension"))
