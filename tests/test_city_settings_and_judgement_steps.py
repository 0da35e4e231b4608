"""Issue 14: the intervals the documents leave open are the city's settings, marked 本市设定 in
现行办理制度 and in the policy template; the ladder's judgements (移交纪检, 通报批评, 问责) are
proposals a city leader approves or refuses with a reason, in every policy, a city's file included."""
import re

import pytest

from minpan.policies.files import PolicyFileError, dump, load
from minpan.policies.paths import leaves
from minpan.policies.presets import PRESETS
from minpan.policies.rules import JUDGEMENT_KINDS


def _rows(html: str) -> list[str]:
    return re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)


def test_the_ladders_open_intervals_are_marked_as_the_citys_in_force(admin_client, settings):
    # Tongliao 第十九条 names 提醒、催办、督办、移交 but no interval between them
    settings.MINPAN_POLICY = "tongliao"
    html = admin_client.get("/admin/policies/policyinforce/").content.decode()
    city_rows = [r for r in _rows(html) if "本市设定" in r]
    assert {re.search(r"<code>(.*?)</code>", r).group(1) for r in city_rows} == set(PRESETS["tongliao"].city_settings)
    step_two = next(r for r in city_rows if "escalation.steps[1].after_days" in r)
    assert "第 2 步：逾期几个工作日后" in step_two and ">3 " in step_two


def test_rules_the_document_sets_carry_their_article_and_no_city_mark(admin_client, settings):
    settings.MINPAN_POLICY = "tongliao"
    html = admin_client.get("/admin/policies/policyinforce/").content.decode()
    row = next(r for r in _rows(html) if "<code>extension.max_days_each</code>" in r)
    assert "每次最多延长的工作日" in row and "本市设定" not in row
    extension = html[html.index("<h3>延期</h3>"):html.index("<code>extension.max_days_each</code>")]
    assert "依据：第十四条: 逐级提出延期办结申请" in extension
    channels = next(r for r in _rows(html) if "<code>channels</code>" in r)
    assert "人民网" in channels and "people_daily" not in channels.split("<code>")[0]


def test_the_template_marks_the_citys_settings():
    text = dump(PRESETS["chizhou"])
    assert re.search(r"^lead_working_days = 1 .*【本市设定】", text, re.M)
    assert "【本市设定】" not in next(line for line in text.splitlines() if line.startswith("answer_working_days"))


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_city_setting_names_a_rule_of_its_policy(name):
    known = {path for path, _ in leaves(PRESETS[name])}
    assert set(PRESETS[name].city_settings) <= known


def test_a_city_setting_that_names_no_rule_is_refused_with_the_key():
    text = dump(PRESETS["tongliao"]).replace('"escalation.steps[2].after_days"', '"escalation.steps[7].after_days"')
    with pytest.raises(PolicyFileError, match=r"第 \d+ 行 city_settings：'escalation.steps\[7\].after_days' 不是本制度的规则"):
        load(text)


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_presets_judgements_wait_for_a_leader(name):
    escalation = PRESETS[name].escalation
    for step in (*escalation.steps, escalation.quality_step):
        if step is not None and step.kind in JUDGEMENT_KINDS:
            assert step.needs_leader, f"{name}: {step.kind} issued without a leader's approval"


def test_a_city_file_cannot_issue_a_transfer_without_a_leader():
    # Tongliao's third rung: 移交纪检监察机关函, drafted for a leader's approval
    text = dump(PRESETS["tongliao"])
    third = text.index("[[escalation.steps]]", text.index("[[escalation.steps]]", text.index("[[escalation.steps]]") + 1) + 1)
    text = text[:third] + text[third:].replace("needs_leader = true", "needs_leader = false", 1)
    with pytest.raises(PolicyFileError, match=r"第 \d+ 行 escalation.steps\[2\].needs_leader：移交、通报批评、问责须由市政府领导审定"):
        load(text)
