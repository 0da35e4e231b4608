"""并单 from the initial-review panel in Debian's chromium: the button asks first, and only a yes merges."""
import pytest
from playwright.sync_api import expect

from minpan.cases.models import Case
from tests.desk.test_walk_a_case_in_the_browser import Desk
from tests.flow import collect, dispatched

LETTER = (
    "我们是东风路幸福小区的业主，小区 3 号楼的电梯自去年十月起经常故障，困人事件已发生四次，"
    "物业公司一直以缺少维修资金为由拖延，业主多次向街道反映也没有结果，老人和孩子上下楼非常危险，"
    "恳请有关部门督促物业公司尽快维修电梯，并公开维修资金的使用情况。"
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_operator_merges_a_repeat_only_after_saying_yes(page, live_server, city, artifacts):
    earlier = dispatched(city, "tongliao", subject="电梯故障无人修", body=LETTER)
    repeat = collect("tongliao", subject="再次反映电梯问题", body="尊敬的领导您好！" + LETTER + "谢谢！")
    desk = Desk(page, live_server.url, artifacts)
    desk.sign_in("operator")
    desk.open_case(repeat.pk)
    panel = page.locator("#review")
    expect(panel.locator("table.similar")).to_contain_text(earlier.reference)
    desk.shot("review-panel")

    page.once("dialog", lambda d: d.dismiss())
    panel.locator("button", has_text="并入此件").click()
    expect(page.locator(".casehead .state")).to_have_text("待初审")
    assert Case.objects.get(pk=repeat.pk).state == "received"

    page.once("dialog", lambda d: d.accept())
    panel.locator("button", has_text="并入此件").click()
    expect(page.locator(".flash")).to_contain_text("已并单")
    expect(page.locator(".casehead .state")).to_have_text("已并单")
    merged = Case.objects.get(pk=repeat.pk)
    assert (merged.state, merged.merged_into_id) == ("merged", earlier.pk)
    desk.shot("review-merged")
