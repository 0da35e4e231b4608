"""Xizang 第五条(四): 对情况复杂的，可适当延长办理期限，但延长期限不得超过20个工作日，并及时向政府督查室
报告工作进度. An extension request there carries a report of the work done so far (Extension.needs_progress):
refused without one, shown to the reviewer who decides it and on the case's timeline. Elsewhere it is
neither asked nor offered."""
import time_machine

from minpan.cases.errors import RuleViolation
from minpan.cases.models import ExtensionRequest
from minpan.cases.transitions import apply
from tests.desk.pages import act
from tests.flow import at, dispatched, refused

# claimed after the Spring Festival week; the request comes the next Thursday
CLAIMED = at("2026-02-24 09:00")
ASKED = at("2026-02-26 10:00")
PROGRESS = "已会同供电公司现场勘查，确定需更换地下线缆，正在采购材料。"


def claimed(city, policy="xizang"):
    return apply(dispatched(city, policy, now=CLAIMED), "claim", actor=city.handler, now=CLAIMED)


def test_a_request_without_a_progress_report_is_refused(city):
    case = claimed(city)
    refused(case, RuleViolation, "request_extension", actor=city.handler, now=ASKED, days=5, reason="需更换线缆。")
    refused(case, RuleViolation, "request_extension", actor=city.handler, now=ASKED, days=5, reason="需更换线缆。",
            progress="  ")
    case = apply(case, "request_extension", actor=city.handler, now=ASKED, days=5, reason="需更换线缆。", progress=PROGRESS)
    assert ExtensionRequest.objects.get(case=case).progress == PROGRESS
    assert case.events.order_by("-seq").first().data["progress"] == PROGRESS


def test_the_reviewer_reads_the_report_when_deciding_and_on_the_timeline(city, client):
    case = claimed(city)
    with time_machine.travel(ASKED, tick=False):
        client.force_login(city.handler)
        form = client.get(f"/desk/case/{case.pk}/").content.decode()
        assert 'name="request_extension-progress"' in form
        resp = act(client, city.handler, case, "request_extension", days=5, reason="需更换线缆。", progress=PROGRESS)
        assert resp.status_code == 302, resp.content.decode()[:1000]
        client.force_login(city.reviewer)
        page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "/do/approve_extension/" in page
    before, timeline = page.split("<h2>办理记录</h2>", 1)
    assert f"工作进度：{PROGRESS}" in before  # with the request, above the reviewer's decision
    assert f"工作进度：{PROGRESS}" in timeline


def test_elsewhere_no_progress_report_is_asked(city, client):
    case = claimed(city, "yuncheng")
    with time_machine.travel(ASKED, tick=False):
        client.force_login(city.handler)
        form = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "/do/request_extension/" in form and 'name="request_extension-progress"' not in form
    case = apply(case, "request_extension", actor=city.handler, now=ASKED, days=1, reason="需协调。",
                 basis="《办法》五(四)", promised_date="2026-02-27")
    assert ExtensionRequest.objects.get(case=case).progress == ""
