"""A sixth city without code: a policy is a TOML file (MINPAN_POLICY=/path/city.toml), written from
a preset by `minpan policy new --from NAME` with every rule under the article it comes from, and
checked at start-up, a mistake named by key and line. Each preset is its own TOML exactly."""
import io
import re

import pytest
from django.core.management import CommandError, call_command

from minpan.policies.active import _own, policy_named
from minpan.policies.files import PolicyFileError, dump, load
from minpan.policies.presets import PRESETS
from minpan.workdays.arith import deadline_day
from tests.flow import at, dispatched, fresh
from tests.test_settings_from_environment import _refusal, _settings


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_each_preset_is_its_own_toml_exactly(name):
    assert load(dump(PRESETS[name])) == PRESETS[name]


def test_the_template_carries_the_articles_and_what_each_key_means():
    text = run("policy", "new", "--from", "tongliao")
    assert "# 第十四条: 逐级提出延期办结申请" in text and "[extension]" in text
    assert "answer_working_days = 5    # 答复时限（工作日）" in text
    assert "# max_count =" in text  # a rule not set is shown, commented out
    assert "Not yet a setting" not in text
    assert load(text) == PRESETS["tongliao"]


def _mycity(tongliao_text: str, **changes) -> str:
    text = tongliao_text.replace('name = "tongliao"', 'name = "mycity"').replace("answer_working_days = 5", "answer_working_days = 4")
    for old, new in changes.items():
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("broken, named", [
    ({"answer_working_days = 4": 'answer_working_days = "四"'}, "answer_working_days：应为整数"),
    ({"max_days_each = 3": "max_dayz_each = 3"}, "extension.max_dayz_each：未知的规则"),
    ({'channels = ["people_daily", "people_daily_chairman"]': 'channels = ["people_daily", "douyin"]'}, "channels：未知的取值 'douyin'"),
    ({'kind = "supervise"': 'kind = "scold"'}, "escalation.steps[1].kind：未知的取值 'scold'"),
    ({'clock_start = "receipt"': 'clock_start = "dispatch"'}, "clock_start：应为 'receipt' 或 'claim' 之一"),
    ({"same_day = true": "same_day = 1"}, "publication.same_day：应为 true 或 false"),
])
def test_a_mistake_is_named_by_key_and_line(broken, named):
    text = _mycity(dump(PRESETS["tongliao"]), **broken)
    with pytest.raises(PolicyFileError, match=re.escape(named)) as err:
        load(text, source="city.toml")
    line = int(str(err.value).split("第 ")[1].split(" 行")[0])
    assert named.split("：")[0].split(".")[-1].split("[")[0] in text.splitlines()[line - 1]


def test_broken_toml_syntax_is_refused_with_its_line():
    with pytest.raises(PolicyFileError, match="TOML 格式错误.*line 3"):
        load('name = "mycity"\ntitle = "x"\nanswer_working_days = = 5\n')


def test_the_check_command_names_the_mistake(tmp_path):
    path = tmp_path / "city.toml"
    path.write_text(_mycity(dump(PRESETS["tongliao"]), **{"seal = true": "seal = yes"}), encoding="utf-8")
    with pytest.raises(CommandError, match="TOML 格式错误"):
        run("policy", "check", str(path))


def test_the_service_starts_on_a_city_file_and_refuses_a_broken_one(tmp_path):
    good = tmp_path / "mycity.toml"
    good.write_text(_mycity(dump(PRESETS["tongliao"])), encoding="utf-8")
    proc = _settings("import minpan.settings as s; print(s.MINPAN_POLICY)", MINPAN_POLICY=str(good))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "mycity"
    bad = tmp_path / "bad.toml"
    bad.write_text(_mycity(dump(PRESETS["tongliao"]), **{"min_chars = 30": "min_chars = -3"}), encoding="utf-8")
    assert "reply_content.min_chars：应在 0 到 366 之间" in _refusal(MINPAN_POLICY=str(bad))
    clash = tmp_path / "clash.toml"
    clash.write_text(dump(PRESETS["tongliao"]).replace("answer_working_days = 5", "answer_working_days = 4"), encoding="utf-8")
    assert "与内置制度同名但规则不同" in _refusal(MINPAN_POLICY=str(clash))


def test_an_empty_policy_means_the_default():
    proc = _settings("import minpan.settings as s; print(s.MINPAN_POLICY)", MINPAN_POLICY="")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "tongliao"


def test_cases_run_on_the_sixth_citys_rules(city, tmp_path, settings):
    path = tmp_path / "mycity.toml"
    path.write_text(_mycity(dump(PRESETS["tongliao"])), encoding="utf-8")
    settings.MINPAN_POLICY_FILE, settings.MINPAN_POLICY = str(path), "mycity"
    _own.cache_clear()
    assert policy_named("mycity").answer_working_days == 4
    # dispatched on the Monday before National Day 2026: four working days are 9/29, 9/30, 10/8 and 10/9 (1–7 October off)
    case = dispatched(city, "mycity", now=at("2026-09-28 10:00"))
    assert fresh(case).policy_name == "mycity"
    assert deadline_day(fresh(case).due_at).isoformat() == "2026-10-09"
