import time_machine

from minpan.cases.models import Assignment, ExtensionRequest
from tests.desk.pages import act, state
from tests.flow import at, collect, dispatched, registered


def _ok(resp):
    assert resp.status_code == 302, resp.content.decode()[:3000]


def test_a_case_walks_from_review_to_archive_through_the_forms(client, city):
    with time_machine.travel(at("2026-09-28 09:00"), tick=True):
        case = collect("tongliao")
        _ok(act(client, city.operator, case, "accept"))
        _ok(act(client, city.operator, case, "classify", msg_type="complaint", domain="urban", urgency="normal"))
        _ok(act(client, city.operator, case, "dispatch", lead=city.housing.pk, co=[city.education.pk]))
        assert state(case) == "dispatched"
        _ok(act(client, city.handler, case, "claim"))
        _ok(act(client, city.edu_handler, case, "co_input", text="教育局无意见。"))
        _ok(act(client, city.handler, case, "draft", body="已安排维修。", handler_name="李工", handler_phone="0475-1234567"))
        _ok(act(client, city.principal, case, "sign_off", sealed="on"))
        _ok(act(client, city.handler, case, "submit"))
        _ok(act(client, city.reviewer, case, "send_back", reason="答非所问：未说明修复时间。"))
        assert state(case) == "sent_back"
        _ok(act(client, city.handler, case, "draft", body="已于 9 月 29 日修复。", handler_name="李工", handler_phone="0475-1234567"))
        _ok(act(client, city.principal, case, "sign_off", sealed="on"))
        _ok(act(client, city.handler, case, "submit"))
        _ok(act(client, city.reviewer, case, "approve"))
        _ok(act(client, city.operator, case, "publish", mode="public", places=[case.channel]))
        _ok(act(client, city.operator, case, "archive"))
    assert state(case) == "archived"
    assert [e.action for e in case.events.all()] == [
        "collect", "accept", "classify", "dispatch", "claim", "co_input", "draft", "sign_off", "submit", "send_back",
        "draft", "sign_off", "submit", "approve", "publish", "archive",
    ]
    _ok(act(client, city.operator, case, "reopen", reason="回头看：路灯再次损坏。"))
    assert state(case) == "registered"


def test_operator_turns_a_message_away_with_reason_and_channel(client, city):
    case = collect("tongliao")
    _ok(act(client, city.operator, case, "not_accept", reason="legal_process", explanation="已进入诉讼程序。",
            suggested_channel="人民法院"))
    assert state(case) == "not_accepted"


def test_unit_asks_for_more_time_and_the_reviewer_decides(client, city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        case = dispatched(city, "tongliao")
        _ok(act(client, city.handler, case, "claim"))
        _ok(act(client, city.handler, case, "request_extension", days=2, reason="需现场勘查。"))
        _ok(act(client, city.deputy, case, "endorse_extension", agree="yes"))  # 逐级 (第十四条)
        _ok(act(client, city.reviewer, case, "refuse_extension", decision_note="不属复杂情形。"))
        _ok(act(client, city.handler, case, "request_extension", days=2, reason="需现场勘查，且需协调供电公司。"))
        _ok(act(client, city.deputy, case, "endorse_extension", agree="yes"))
        _ok(act(client, city.reviewer, case, "approve_extension"))
    assert list(ExtensionRequest.objects.filter(case=case).order_by("pk").values_list("state", flat=True)) == ["refused", "approved"]


def test_unit_returns_a_case_that_is_not_its_duty_on_the_day_it_came(client, city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        case = dispatched(city, "tongliao")
        _ok(act(client, city.deputy, case, "return", reason="属教育局职责。"))
    assert state(case) == "returned"
    assert Assignment.objects.get(case=case).return_reason == "属教育局职责。"


def test_a_leader_instruction_makes_the_case_supervised(client, city):
    case = registered(city, "tongliao")
    _ok(act(client, city.leader, case, "instruct", text="请住建局尽快解决。", leader_name="张市长"))
    case.refresh_from_db()
    assert case.supervised


def test_missing_fields_are_named_in_chinese_and_nothing_changes(client, city):
    case = collect("tongliao")
    resp = act(client, city.operator, case, "not_accept", reason="legal_process")
    assert resp.status_code == 400
    text = resp.content.decode()
    assert "请填写说明。" in text and "请按提示修改后重新提交" in text
    assert state(case) == "received"


def test_the_cores_refusal_is_shown_on_the_form(client, city):
    case = dispatched(city, "tongliao")
    act(client, city.handler, case, "claim")
    act(client, city.handler, case, "draft", body="已修复。", handler_name="李工", handler_phone="1")
    resp = act(client, city.handler, case, "submit")
    assert resp.status_code == 400
    assert "答复须经本单位主要负责人审签后报送" in resp.content.decode()
    assert state(case) == "drafted"


def test_a_stale_form_gets_the_current_state_not_a_crash(client, city):
    case = dispatched(city, "tongliao")
    act(client, city.handler, case, "claim")
    resp = act(client, city.handler, case, "claim")
    assert resp.status_code == 400
    assert "当前状态为“办理中”，不能执行“认领”" in resp.content.decode()
