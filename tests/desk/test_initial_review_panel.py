"""The initial-review panel (初审助手) on the case page: suggestions, similar earlier messages, redaction preview."""
import re

import pytest

from minpan.cases.models import Case
from minpan.cases.states import State
from minpan.cases.transitions import apply
from minpan.textmine import classify
from tests.desk.pages import act, state
from tests.flow import collect, dispatched
from tests.textmine.test_classify import synthetic_rows

ELEVATOR = "A市东风路附近小区电梯经常故障，请领导重视！"
LETTER = (
    "我们是东风路幸福小区的业主，小区 3 号楼的电梯自去年十月起经常故障，困人事件已发生四次，"
    "物业公司一直以缺少维修资金为由拖延，业主多次向街道反映也没有结果，老人和孩子上下楼非常危险，"
    "恳请有关部门督促物业公司尽快维修电梯，并公开维修资金的使用情况。"
)


@pytest.fixture
def trained(tmp_path, settings):
    settings.MINPAN_MODELS_DIR = tmp_path / "models"
    rows = synthetic_rows(12, seed=1)
    classify.train_artefact([r["title"] for r in rows], [r["detail"] for r in rows], [r["label"] for r in rows],
                            source="test")


def _page(client, user, case) -> str:
    client.force_login(user)
    resp = client.get(f"/desk/case/{case.pk}/")
    assert resp.status_code == 200
    return resp.content.decode()


def test_operator_sees_the_suggested_domain_with_confidence_and_alternatives(client, city, trained):
    case = collect("tongliao", subject="小区电梯经常故障", body=ELEVATOR)
    text = _page(client, city.operator, case)
    panel = text[text.index("初审助手"):text.index("公开前脱敏预览")]
    domain = panel[panel.index("<h3>领域</h3>"):panel.index("<h3>留言类型</h3>")]
    assert domain.index("城乡建设") < domain.index("教育文体")  # the top suggestion comes first …
    assert len(re.findall(r"置信度 \d+%", domain)) == 3  # … with two alternatives, each with its confidence
    assert "<h3>留言类型</h3>" in panel


def test_classify_form_is_prefilled_with_the_top_suggestion(client, city, trained):
    case = collect("tongliao", subject="小区电梯经常故障", body=ELEVATOR)
    apply(case, "accept", actor=city.operator)
    text = _page(client, city.operator, case)
    form = text[text.index('id="do-classify"'):]
    assert re.search(r'<option value="urban" selected>', form)


def test_accepting_the_prefilled_domain_is_recorded_as_accepted(client, city, trained):
    case = collect("tongliao", subject="小区电梯经常故障", body=ELEVATOR)
    apply(case, "accept", actor=city.operator)
    _page(client, city.operator, case)
    act(client, city.operator, case, "classify", msg_type="complaint", domain="urban", urgency="normal")
    assert state(case) == State.REGISTERED
    outcome = case.suggestions.get(kind="domain")
    assert (outcome.outcome, outcome.chosen) == ("accepted", "urban")


def test_choosing_another_domain_is_recorded_as_a_correction(client, city, trained):
    case = collect("tongliao", subject="小区电梯经常故障", body=ELEVATOR)
    apply(case, "accept", actor=city.operator)
    _page(client, city.operator, case)
    act(client, city.operator, case, "classify", msg_type="complaint", domain="commerce", urgency="normal")
    outcome = case.suggestions.get(kind="domain")
    assert (outcome.outcome, outcome.chosen) == ("corrected", "commerce")


def test_an_earlier_copy_is_listed_with_its_similarity_and_state(client, city):
    earlier = dispatched(city, "tongliao", subject="电梯故障无人修", body=LETTER)
    repeat = collect("tongliao", subject="再次反映电梯问题", body="尊敬的领导您好！" + LETTER + "谢谢！")
    text = _page(client, city.operator, repeat)
    table = text[text.index("相似的既往留言"):text.index("公开前脱敏预览")]
    assert f'/desk/case/{earlier.pk}/' in table
    assert re.search(r"<strong>\d+%</strong>", table)
    assert "待认领" in table  # the earlier case's state
    assert "并入此件" in table and "按重复事项不予受理" in table


def test_merging_from_the_panel_closes_the_repeat_into_the_earlier_case(client, city):
    earlier = dispatched(city, "tongliao", subject="电梯故障无人修", body=LETTER)
    repeat = collect("tongliao", subject="再次反映电梯问题", body="尊敬的领导您好！" + LETTER)
    resp = act(client, city.operator, repeat, "merge", target=str(earlier.pk))
    assert resp.status_code == 302
    repeat = Case.objects.get(pk=repeat.pk)
    assert (repeat.state, repeat.merged_into_id) == (State.MERGED, earlier.pk)


def test_refusing_as_a_duplicate_from_the_panel_names_the_earlier_case(client, city):
    earlier = dispatched(city, "tongliao", subject="电梯故障无人修", body=LETTER)
    repeat = collect("tongliao", subject="再次反映电梯问题", body="尊敬的领导您好！" + LETTER)
    text = _page(client, city.operator, repeat)
    assert f'name="not_accept-duplicate_of" value="{earlier.pk}"' in text
    act(client, city.operator, repeat, "not_accept", reason="duplicate", duplicate_of=str(earlier.pk))
    repeat = Case.objects.get(pk=repeat.pk)
    assert (repeat.state, repeat.not_accepted_reason) == (State.NOT_ACCEPTED, "duplicate")
    assert earlier.reference in repeat.not_accepted_explanation


def test_no_earlier_message_is_listed_for_an_unrelated_one(client, city):
    dispatched(city, "tongliao", subject="电梯故障无人修", body=LETTER)
    other = collect("tongliao", subject="学校门口交通拥堵", body="每天早上七点半实验小学门口车辆乱停，孩子过马路很危险，希望增派交警疏导。")
    assert "未发现相似的既往留言" in _page(client, city.operator, other)


def test_redaction_preview_marks_the_writers_name_and_numbers(client, city):
    case = collect("tongliao", subject="路灯不亮", body="我是王小明，住幸福小区 3 栋 2 单元 501 室，电话 13912345678，路灯坏了一个月。")
    text = _page(client, city.operator, case)
    preview = text[text.index("公开前脱敏预览"):]
    preview = preview[:preview.index("</section>")]
    assert '<mark title="姓名">某某</mark>' in preview
    assert '<mark title="手机号">139****5678</mark>' in preview
    assert "13912345678" not in preview and "王小明" not in preview
    assert "姓名 1 处" in preview and "手机号 1 处" in preview and "门牌号 1 处" in preview


def test_unit_staff_never_see_the_panel(client, city):
    case = dispatched(city, "tongliao", subject="电梯故障无人修", body=LETTER)
    assert "初审助手" not in _page(client, city.handler, case)


def test_the_panel_leaves_once_the_case_is_dispatched(client, city):
    case = dispatched(city, "tongliao", subject="电梯故障无人修", body=LETTER)
    assert "初审助手" not in _page(client, city.operator, case)


def test_a_form_letter_about_another_road_is_marked_as_another_place(client, city):
    template = "改造工程一年多了，路面一直坑坑洼洼，雨天积水严重，请问工程计划什么时候完工？施工期间能否改善通行条件？"
    dispatched(city, "tongliao", subject="朝阳路改造工程什么时候完工？", body="朝阳路" + template)
    same = dispatched(city, "tongliao", subject="湖心路改造工程进度", body="湖心路" + template)
    repeat = collect("tongliao", subject="湖心路改造工程什么时候完工？", body="湖心路" + template)
    rows = _page(client, city.operator, repeat).split("<tr>")
    other = next(r for r in rows if "朝阳路" in r)
    mine = next(r for r in rows if f"/desk/case/{same.pk}/" in r)
    assert "地点不同" in other and "地点不同" not in mine


def test_both_case_pages_link_the_merge(client, city):
    earlier = dispatched(city, "tongliao", subject="电梯故障无人修", body=LETTER)
    repeat = collect("tongliao", subject="再次反映电梯问题", body="尊敬的领导您好！" + LETTER)
    act(client, city.operator, repeat, "merge", target=str(earlier.pk))
    repeat_page = _page(client, city.operator, repeat)
    assert f'已并入 <a href="/desk/case/{earlier.pk}/">{earlier.reference}</a>' in repeat_page
    earlier_page = _page(client, city.operator, earlier)
    assert "并入本件的重复留言" in earlier_page and f'href="/desk/case/{repeat.pk}/"' in earlier_page
    # the unit handling the earlier case may not open the repeats (they never reached it): not listed
    assert "并入本件的重复留言" not in _page(client, city.handler, earlier)


def test_a_message_still_awaiting_review_is_listed_but_cannot_be_merged_into(client, city):
    waiting = collect("tongliao", subject="电梯故障无人修", body=LETTER)
    repeat = collect("tongliao", subject="再次反映电梯问题", body="尊敬的领导您好！" + LETTER)
    row = next(r for r in _page(client, city.operator, repeat).split("<tr>") if f"/desk/case/{waiting.pk}/" in r)
    assert "待初审" in row and "并入此件" not in row and "按重复事项不予受理" in row
