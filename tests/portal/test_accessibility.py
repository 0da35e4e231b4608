"""axe-core (vendored, run in Debian's chromium) on every public page, normal and 适老化 mode:
no serious or critical violation of WCAG 2.x A/AA (the basis of GB/T 37668-2019)."""
import json
from pathlib import Path

import pytest

from minpan.cases.models import Case
from minpan.cases.transitions import apply

from .conftest import answered

AXE = Path(__file__).parent / "vendor" / "axe-4.11.0.min.js"
PHONE = {"width": 390, "height": 844}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "locale": "zh-CN"}


def violations(page) -> list[dict]:
    # evaluated, not added as a <script>: the page's CSP (rightly) refuses inline scripts
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


def check(page, url, artifacts, name):
    page.goto(url)
    found = violations(page)
    assert not found, f"{url}: {json.dumps(found, ensure_ascii=False)}"
    page.screenshot(path=str(artifacts / f"portal-axe-{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded calendar for later tests
@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_no_serious_violation_on_any_public_page(page, live_server, city, artifacts, settings, elder):
    settings.MINPAN_POLICY = "naiman"  # the policy with every entry, 找错 included
    base = live_server.url
    suffix = "-elder" if elder else ""
    if elder:
        page.goto(f"{base}/elder/?on=1&next=/")

    for path, name in [("/", "home"), ("/write/", "write"), ("/query/", "query"), ("/website-error/", "website-error"),
                       ("/not-accepted/", "not-accepted-empty"), ("/answers/", "answers-empty")]:
        check(page, base + path, artifacts, name + suffix)

    # the write form with its errors shown
    page.goto(f"{base}/write/")
    page.get_by_role("button", name="提交留言").click()
    assert not violations(page), "write form with errors"

    # a message written, its receipt, its status, the answer and the rating form
    page.goto(f"{base}/write/")
    page.get_by_label("真实姓名").fill("王小明")
    page.get_by_label("手机或电话").fill("13800138000")
    page.get_by_label("标题").fill("幸福小区路灯不亮")
    page.get_by_label("留言内容").fill("幸福小区 3 号楼前路灯坏了一个月，晚上出行不便。")
    page.get_by_label("同意公开（隐去个人信息后公开留言和答复）").check()
    page.get_by_label("我已阅读并同意个人信息使用说明").check()
    page.get_by_role("button", name="提交留言").click()
    assert not violations(page), "receipt"
    page.screenshot(path=str(artifacts / f"portal-axe-receipt{suffix}.png"), full_page=True)
    code = page.locator("#tracking-code").inner_text().strip()
    password = page.locator("#query-password").inner_text().strip()

    page.goto(f"{base}/query/")
    page.get_by_label("查询码").fill("WRONGCODE1")
    page.get_by_label("查询密码").fill("WRONGPWD")
    page.get_by_role("button", name="查询").click()
    assert not violations(page), "query with error"
    page.get_by_label("查询码").fill(code)
    page.get_by_label("查询密码").fill(password)
    page.get_by_role("button", name="查询").click()
    check(page, f"{base}/status/", artifacts, "status-received" + suffix)

    case = answered(city, Case.objects.latest("pk"))
    check(page, f"{base}/status/", artifacts, "status-answered" + suffix)
    check(page, f"{base}/answers/", artifacts, "answers" + suffix)
    check(page, f"{base}/answers/{case.pk}/", artifacts, "answer" + suffix)
    check(page, f"{base}/statistics/", artifacts, "statistics" + suffix)

    page.goto(f"{base}/write/")
    page.get_by_label("真实姓名").fill("李四")
    page.get_by_label("手机或电话").fill("13912345678")
    page.get_by_label("标题").fill("劳动纠纷")
    page.get_by_label("留言内容").fill("公司拖欠工资，已经起诉到法院，请政府帮忙。")
    page.get_by_label("同意公开（隐去个人信息后公开留言和答复）").check()
    page.get_by_label("我已阅读并同意个人信息使用说明").check()
    page.get_by_role("button", name="提交留言").click()
    apply(Case.objects.latest("pk"), "not_accept", actor=city.operator, reason="legal_process",
          explanation="该事项已进入诉讼程序。", suggested_channel="人民法院")
    check(page, f"{base}/not-accepted/", artifacts, "not-accepted" + suffix)


@pytest.mark.browser
def test_the_check_itself_finds_a_bad_page(page):
    page.set_content('<html><body><img src="x.png"><p style="color:#bbb;background:#fff">低对比度文字</p>'
                     '<input type="text"></body></html>')
    assert {v["id"] for v in violations(page)} >= {"image-alt", "color-contrast", "html-has-lang", "label"}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded calendar for later tests
def test_the_write_form_works_by_keyboard_alone(page, live_server, city):
    page.goto(f"{live_server.url}/write/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    focused = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.add(page.evaluate("document.activeElement.name || document.activeElement.textContent"))
    for name in ("name", "phone", "email", "msg_type", "subject", "body", "may_publish", "consent"):
        assert name in focused, name
    assert "website" not in focused  # the honeypot is never reached by keyboard
