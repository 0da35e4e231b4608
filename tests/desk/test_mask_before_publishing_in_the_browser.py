"""The reviewer opens the 公开预览, masks one more piece, the answer is approved and published, and the
public answer page reads exactly as the preview did. In Debian's chromium."""
import pytest
from playwright.sync_api import expect

from minpan.cases.models import Case
from minpan.cases.transitions import apply
from tests.flow import CITIZEN, dispatched

PASSWORD = "correct-horse-battery"
BODY = (f"我叫{CITIZEN['name']}，电话{CITIZEN['phone']}，住幸福家园小区。\n"
        "小区 3 号楼前的路灯坏了一个月，晚上出行不便，请尽快修复。")


def sign_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/desk/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("您好")


def act(page, action, done_text, fill=None):
    box = page.locator(f"#do-{action}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    if fill:
        fill(box)
    box.locator("button[type=submit]").click()
    expect(page.locator(".flash")).to_contain_text(done_text)


def visible(locator) -> str:
    return locator.inner_text().strip()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_public_page_reads_as_the_reviewer_previewed_it(page, live_server, city, artifacts):
    case = dispatched(city, "tongliao", subject="幸福家园小区路灯不亮", body=BODY)
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body=f"{CITIZEN['name']}您好：\n幸福家园小区的路灯已于今日修复。",
          handler_name="李工", handler_phone="0475-8123456")
    apply(case, "sign_off", actor=city.principal, sealed=True)
    apply(case, "submit", actor=city.handler)
    base = live_server.url

    # the reviewer reads the preview and masks the estate's name too
    sign_in(page, base, "reviewer")
    page.goto(f"{base}/desk/case/{case.pk}/")
    preview = page.locator("#publication")
    expect(preview).to_contain_text("公开预览")
    expect(preview.locator("[data-public=body] mark").first).to_be_visible()
    assert CITIZEN["phone"] not in visible(preview.locator("[data-public=body]"))
    preview.locator("input[name=add]").fill("幸福家园小区")
    preview.locator("form.mask-more button[type=submit]").click()
    expect(page.locator(".flash")).to_contain_text("已调整公开隐去")
    preview = page.locator("#publication")
    expect(preview.locator("mark[data-kind=manual]").first).to_be_visible()
    shown = {part: visible(preview.locator(f"[data-public={part}]")) for part in ("subject", "body", "reply")}
    assert "幸福家园小区" not in "".join(shown.values()) and "路灯坏了一个月" in shown["body"]
    page.screenshot(path=str(artifacts / "desk-publication-preview.png"), full_page=True)
    act(page, "approve", "已审核通过")

    sign_in(page, base, "operator")
    page.goto(f"{base}/desk/case/{case.pk}/")
    act(page, "publish", "已发布答复", lambda f: f.locator("input[value=public]").check())
    assert Case.objects.get(pk=case.pk).state == "published"

    page.goto(f"{base}/answers/{case.pk}/")
    public = {"subject": visible(page.locator("main h1")), "body": visible(page.locator(".text").first),
              "reply": visible(page.locator(".text.reply"))}
    page.screenshot(path=str(artifacts / "portal-answer-as-previewed.png"), full_page=True)
    assert public == shown
