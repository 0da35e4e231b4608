"""Message-type cue rules: pure functions, no database."""
import pytest

from minpan.policies.presets import PRESETS
from minpan.textmine import msgtype


def first(title, body="", **kw):
    return msgtype.rank_by_cues(title, body, **kw)[0][0]


def test_a_question_about_a_procedure_is_a_consultation():
    assert first("请问G4县农村户口能否买社保？") == "consult"
    assert first("咨询离职后社保续保的问题", "我准备辞职，原单位社保什么时候可以停？") == "consult"


def test_an_accusation_with_a_request_to_investigate_is_a_complaint():
    assert first("举报某汽车租赁公司合同欺骗", "请有关部门严查。") == "complaint"
    assert first("某小区物业乱收费", "物业强制收取停车管理费，不开发票。") == "complaint"


def test_a_proposal_is_a_suggestion():
    assert first("建议增开到动物园的公交线路") == "suggestion"
    assert first("能否实行考后知分填报志愿") == "suggestion"


def test_asking_for_help_for_oneself_is_help():
    assert first("农民工工伤求助", "单位不给做工伤鉴定，家里生活困难，恳请领导帮帮我们。") == "help"


def test_a_problem_reported_without_an_accusation_is_a_report():
    assert first("反映幸福小区路灯不亮", "3 号楼前路灯坏了一个月，晚上出行不便。") == "report"


def test_a_message_without_any_cue_falls_back_to_report():
    assert msgtype.cues_found("幸福小区的情况", "3 号楼前面。") == []
    assert first("幸福小区的情况", "3 号楼前面。") == "report"


def test_rhetorical_questions_in_the_body_do_not_make_a_consultation():
    title, body = "学校强制学生补课收费", "这合理吗？这合法吗？有没有人管？请教育局查处。"
    assert first(title, body) == "complaint"


def test_confidences_are_shares_best_first_and_k_long():
    ranked = msgtype.rank_by_cues("投诉某公司拖欠工资", "请求帮助讨薪", k=3)
    confidences = [p for _, p in ranked]
    assert len(ranked) == 3 and confidences == sorted(confidences, reverse=True)
    assert sum(p for _, p in msgtype.rank_by_cues("投诉某公司拖欠工资", "", k=7)) == pytest.approx(1, abs=0.001)


def test_only_the_types_of_the_policy_are_offered_and_a_missing_type_passes_its_weight_on():
    tongliao = PRESETS["tongliao"].message_types  # no 反映 and no 求助
    ranked = msgtype.rank_by_cues("反映幸福小区路灯不亮", "晚上出行不便", allowed=tongliao, k=7)
    assert {t for t, _ in ranked} <= set(tongliao)
    assert ranked[0][0] == "complaint"  # 反映 → 投诉, the nearest type Tongliao has
    yuncheng = PRESETS["yuncheng"].message_types
    assert msgtype.rank_by_cues("反映幸福小区路灯不亮", "", allowed=yuncheng)[0][0] == "report"


def test_what_the_rules_saw_can_be_shown():
    assert ("complaint", "举报") in msgtype.cues_found("举报无证办学", "")


def test_labels_may_be_codes_or_chinese_names_and_unknown_ones_are_named():
    assert msgtype.codes_of(["咨询", "complaint"]) == ["consult", "complaint"]
    with pytest.raises(ValueError, match="表扬"):
        msgtype.codes_of(["咨询", "表扬"])


def test_a_model_is_learnt_only_from_enough_typed_cases_of_two_types():
    assert not msgtype.enough(["consult"] * 300)
    assert not msgtype.enough(["consult", "complaint"] * 99)
    assert msgtype.enough(["consult", "complaint"] * 100)
