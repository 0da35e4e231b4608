"""Xizang 第五条(四): 逾期不能提供答复材料的，要向政府督查室提出延期办理书面申请，并由政府督查室进行
跟踪督办，同时向网友做好解释工作. Once the deadline has passed, the unit's request carries a short
explanation written for the writer (Extension.explain_late_to_writer); the writer reads, on their own
case page, that the answer is late and why, and is sent it by SMS (and a confirmed e-mail address)
when the request is made and again, with the new date, when the extension is approved. Never the
request's reason, its progress report, the center's decision note or any staff member's name.

Claimed on Thursday 12 February 2026, before the Spring Festival week: 10 working days end on
Wednesday 4 March (24:00); Thursday 5 March the case is overdue."""
import pytest
import time_machine
from django.utils import timezone

from minpan.cases.errors import RuleViolation
from minpan.cases.models import Citizen
from minpan.cases.services import case_collect
from minpan.cases.transitions import apply
from minpan.notify.models import Delivery, Kind
from minpan.notify.to_writer import DEFAULTS
from minpan.policies.presets import PRESETS
from minpan.portal.own_case import LATE_SENTENCE
from tests.flow import CITIZEN, at, refused

CLAIMED = at("2026-02-12 09:00")
IN_TIME = at("2026-02-26 10:00")
OVERDUE = at("2026-03-05 09:00")
REASON = "须委托检测机构出具线缆检测报告"         # the center's business, not the writer's
PROGRESS = "已现场勘查，检测机构李工下周进场。"   # names a person: never shown to the writer
NOTE = "您反映的路灯线缆需要专业检测，检测报告出具后我们会立即修复并答复您，请您谅解。"


def claimed(city, policy="xizang"):
    case, password = case_collect(channel=PRESETS[policy].channels[0], subject="小区路灯不亮",
                                  body="幸福小区 3 号楼前路灯坏了一个月。", citizen=CITIZEN, policy_name=policy,
                                  received_at=at("2026-02-10 09:00"))
    apply(case, "accept", actor=city.operator, now=at("2026-02-10 09:30"))
    apply(case, "classify", actor=city.operator, now=at("2026-02-10 09:40"),
          msg_type=PRESETS[policy].message_types[0], domain="urban")
    apply(case, "dispatch", actor=city.operator, now=at("2026-02-10 10:00"), lead=city.housing)
    case = apply(case, "claim", actor=city.handler, now=CLAIMED)
    case.password = password
    return case


def status_page(client, case, now) -> str:
    with time_machine.travel(now, tick=False):
        client.post("/query/", {"code": case.tracking_code, "password": case.password})
        return client.get("/status/").content.decode()


def ask(case, city, now, **kw):
    return apply(case, "request_extension", actor=city.handler, now=now, days=5, reason=REASON, progress=PROGRESS, **kw)


def test_a_request_after_the_deadline_must_explain_it_to_the_writer(city):
    case = claimed(city)
    refused(case, RuleViolation, "request_extension", actor=city.handler, now=OVERDUE, days=5, reason=REASON,
            progress=PROGRESS)
    case = ask(case, city, OVERDUE, writer_note=NOTE)
    assert case.extensions.get().writer_note == NOTE


def test_before_the_deadline_no_explanation_is_asked(city):
    case = ask(claimed(city), city, IN_TIME)
    assert case.extension_pending and case.extensions.get().writer_note == ""


def test_the_writer_reads_on_their_page_that_it_is_late_and_why(city, client):
    case = claimed(city)
    assert LATE_SENTENCE not in status_page(client, case, IN_TIME)
    page = status_page(client, case, OVERDUE)
    assert LATE_SENTENCE in page and "承办单位的说明" not in page

    ask(case, city, OVERDUE, writer_note=NOTE)
    page = status_page(client, case, at("2026-03-05 10:00"))
    assert LATE_SENTENCE in page and f"承办单位的说明：{NOTE}" in page
    for internal in (REASON, PROGRESS, "李工", city.handler.get_username(), city.reviewer.get_username()):
        assert internal not in page


def sms(case, kind) -> list[Delivery]:
    return list(Delivery.objects.filter(case=case, channel="sms", text__startswith=f"【{DEFAULTS[kind][0]}】"))


def test_the_writer_is_sent_the_explanation_when_the_late_request_is_made(city, django_capture_on_commit_callbacks):
    case = claimed(city)
    with django_capture_on_commit_callbacks(execute=True):
        ask(case, city, OVERDUE, writer_note=NOTE)
    [late] = sms(case, Kind.TO_WRITER_LATE)
    assert "已超过答复期限" in late.text and f"承办单位的说明：{NOTE}" in late.text
    assert REASON not in late.text and PROGRESS not in late.text and case.tracking_code in late.text


def test_a_request_in_time_sends_the_writer_nothing(city, django_capture_on_commit_callbacks):
    case = claimed(city)
    with django_capture_on_commit_callbacks(execute=True):
        ask(case, city, IN_TIME)
    assert sms(case, Kind.TO_WRITER_LATE) == [] and sms(case, Kind.TO_WRITER_EXTENDED) == []


def test_an_extension_approved_after_the_deadline_tells_the_writer_why(city, client, django_capture_on_commit_callbacks):
    case = claimed(city)
    ask(case, city, OVERDUE, writer_note=NOTE)
    with django_capture_on_commit_callbacks(execute=True):
        apply(case, "approve_extension", actor=city.reviewer, now=at("2026-03-05 10:00"), decision_note="同意，请督促检测机构。")
    [extended] = sms(case, Kind.TO_WRITER_EXTENDED)
    assert f"未能在原定期限内答复。承办单位的说明：{NOTE}" in extended.text
    # 10 + 5 working days from 02-12: 03-05, 03-06, 03-09, 03-10, 03-11
    assert "答复期限延至 2026年03月11日 24:00" in extended.text
    assert "请督促检测机构" not in extended.text and REASON not in extended.text

    page = status_page(client, case, at("2026-03-05 11:00"))
    assert f"经批准延期办理：{NOTE}" in page  # on the timeline, the case no longer late
    assert LATE_SENTENCE not in page and "请督促检测机构" not in page


def test_an_extension_approved_in_time_says_nothing_of_lateness(city, django_capture_on_commit_callbacks):
    case = ask(claimed(city), city, IN_TIME)
    with django_capture_on_commit_callbacks(execute=True):
        apply(case, "approve_extension", actor=city.reviewer, now=at("2026-02-26 11:00"))
    [extended] = sms(case, Kind.TO_WRITER_EXTENDED)
    assert "情况较复杂，经批准延期办理" in extended.text and "原定期限" not in extended.text


@pytest.mark.parametrize("policy", ["tongliao", "chizhou"])
def test_elsewhere_an_overdue_case_page_adds_nothing(city, client, policy):
    case = claimed(city, policy)
    assert case.due_at < OVERDUE
    assert LATE_SENTENCE not in status_page(client, case, OVERDUE)


def test_a_writer_without_contact_still_reads_it_on_their_page(city, client):
    case = claimed(city)
    Citizen.objects.filter(case=case).update(phone="", email="")
    ask(case, city, OVERDUE, writer_note=NOTE)
    assert f"承办单位的说明：{NOTE}" in status_page(client, case, timezone.localtime(OVERDUE).replace(hour=11))
