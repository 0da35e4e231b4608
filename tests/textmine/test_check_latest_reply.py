"""The selector pages call, and the fragment that shows its result to the reviewer."""
from django.template.loader import render_to_string

from minpan.cases.transitions import apply
from minpan.textmine.replies import check_latest_reply
from tests.flow import at, dispatched


def test_no_reply_yet_means_no_check(city):
    case = dispatched(city, "chizhou", now=at("2026-02-24 09:00"))
    assert check_latest_reply(case) is None
    assert render_to_string("desk/_reply_check.html", {"reply_check": None}).strip() == ""


def test_the_latest_reply_is_checked_under_the_case_policy_and_shown_with_its_reasons(city):
    case = dispatched(city, "chizhou", now=at("2026-02-24 09:00"))
    case = apply(case, "claim", actor=city.handler, now=at("2026-02-24 09:30"))
    case = apply(case, "draft", actor=city.handler, now=at("2026-02-24 10:00"), body="已转街道处理。",
                 handler_name="李工", handler_phone="0566-1234567")
    case = apply(case, "draft", actor=city.handler, now=at("2026-02-24 11:00"),
                 body="您好！您的留言已收悉，感谢您对我们工作的支持<script>。",
                 handler_name="李工", handler_phone="无")
    check = check_latest_reply(case)
    assert check.codes == ["perfunctory", "no_result_or_basis", "no_contact"]  # version 2, Chizhou 第九条(三)
    html = render_to_string("desk/_reply_check.html", {"reply_check": check})
    assert "答复质量检查" in html and "敷衍应付" in html and "第九条(三)" in html
    assert "<script>" not in html


def test_a_good_reply_shows_no_problem(city):
    case = dispatched(city, "naiman", now=at("2026-02-24 09:00"))
    case = apply(case, "claim", actor=city.handler, now=at("2026-02-24 09:30"))
    case = apply(case, "draft", actor=city.handler, now=at("2026-02-24 10:00"),
                 body="经现场核实，幸福小区 3 号楼前路灯因线路老化损坏，已于 2 月 24 日更换线路和灯具，路灯已恢复照明。")
    html = render_to_string("desk/_reply_check.html", {"reply_check": check_latest_reply(case)})
    assert "未发现问题" in html and "关联度" in html
