"""An operator answers a consultation from the 知识库 in Debian's chromium: the case page offers the
entry that answers it, one click puts its 口径 into the answer and cites it, and the answer is sent."""
import pytest
from playwright.sync_api import expect

from minpan.cases.models import Case
from tests.desk.test_walk_a_case_in_the_browser import Desk
from tests.knowledge.entries import ANSWER, consultation, residence_permit


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_operator_answers_a_consultation_from_the_knowledge_base(page, live_server, city, artifacts):
    entry = residence_permit(city)
    case = consultation(city, None)
    desk = Desk(page, live_server.url, artifacts)
    desk.sign_in("operator")
    desk.open_case(case.pk)
    box = page.locator("#do-direct_answer")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    offered = box.locator(".knowledge-entry")
    expect(offered).to_contain_text("《居住证暂行条例》")
    offered.locator("button", has_text="采用：居住证怎么办理").click()
    expect(box.locator("textarea")).to_have_value(ANSWER)
    desk.shot("knowledge-offered")
    box.locator("button[type=submit]").click()
    expect(page.locator(".flash")).to_be_visible()
    answered = Case.objects.get(pk=case.pk)
    assert answered.state == "approved"
    assert answered.events.order_by("-seq").first().data["knowledge"] == entry.pk
    desk.shot("knowledge-answered")
