"""A collected message gets its suggestions from the worker, after the collecting transaction;
the initial-review page computes any that are missing."""
import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from minpan.textmine.models import Kind, Suggestion
from minpan.textmine.suggest import store_for, suggestions_for
from minpan.textmine.tasks import suggest_case
from tests.flow import collect, dispatched
from tests.textmine.test_classify import synthetic_rows, write_csv


@pytest.fixture
def domain_model(tmp_path, settings):
    """A tiny domain model in a temporary models directory (a second or two to train)."""
    settings.MINPAN_MODELS_DIR = tmp_path / "models"
    call_command("classify", "train", "--csv", write_csv(tmp_path / "train.csv", synthetic_rows(12, seed=1)), stdout=None)
    return settings.MINPAN_MODELS_DIR


def test_collecting_queues_the_suggestions_after_commit_and_computes_nothing_itself(city, domain_model, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case = collect("tongliao", subject="A3区公交线路班次太少", body="早高峰等车四十分钟，请增加班次")
    assert callbacks  # the queueing waits for the commit
    assert not Suggestion.objects.filter(case=case).exists()
    queued = DBTaskResult.objects.filter(task_path="minpan.textmine.tasks.suggest_case")
    assert [q.args_kwargs["args"] for q in queued] == [[case.pk]]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_runs_the_queued_task_and_stores_domain_and_type(city, domain_model, settings):
    settings.MINPAN_RETRAIN_HOURS = 0
    case = collect("yuncheng", subject="A3区公交线路班次太少", body="反映：早高峰等车四十分钟")  # committed for real
    call_command("worker", "--once", stdout=None)
    stored = {s.kind: s for s in Suggestion.objects.filter(case=case)}
    assert stored[Kind.DOMAIN].top == "transport"
    assert stored[Kind.DOMAIN].model_version == (domain_model / "domain" / "CURRENT").read_text().strip()
    assert stored[Kind.MSG_TYPE].top == "report" and stored[Kind.MSG_TYPE].model_version.startswith("rules-")
    assert Kind.LEAD_UNIT not in stored  # no unit has answered anything yet: tried again later


def test_the_page_computes_and_keeps_what_is_missing(city, domain_model):
    case = collect("tongliao", subject="学校食堂饭菜质量差", body="请问教育局能否管一管？")
    shown = suggestions_for(case)
    assert shown["domain"][0][:2] == ("education", "教育文体")
    assert [code for code, _, _ in shown["msg_type"]][0] == "consult"
    assert all(0 < p <= 1 for _, _, p in shown["domain"] + shown["msg_type"])
    assert shown["model"] == (domain_model / "domain" / "CURRENT").read_text().strip()
    assert shown["lead_unit"] == []
    assert Suggestion.objects.filter(case=case).count() == 2
    assert suggestions_for(case) == shown  # read back as stored, not recomputed


def test_the_lead_unit_is_suggested_once_units_have_history(city, domain_model):
    for subject, unit in (("小区电梯坏了", city.housing), ("楼顶漏水", city.housing), ("学校乱收费", city.education), ("孩子没有学位", city.education)):
        dispatched(city, "tongliao", subject=subject, body=subject, lead=unit)
    case = collect("tongliao", subject="电梯经常坏", body="小区电梯坏了物业不管")
    units = [u for u, _ in suggestions_for(case)["lead_unit"]]
    assert units[0] == city.housing


def test_storing_twice_keeps_the_first_suggestion(city, domain_model):
    case = collect("tongliao")
    first = {s.kind: s.made_at for s in store_for(case)}
    suggest_case.call(case.pk)
    assert {s.kind: s.made_at for s in Suggestion.objects.filter(case=case)} == first


def test_without_a_domain_model_the_type_is_still_suggested(city, tmp_path, settings):
    settings.MINPAN_MODELS_DIR = tmp_path / "empty"
    case = collect("tongliao", subject="投诉某公司拖欠工资")
    shown = suggestions_for(case)
    assert shown["domain"] == [] and shown["model"] == ""
    assert shown["msg_type"][0][0] == "complaint"


def test_once_staff_have_typed_enough_cases_a_learnt_model_replaces_the_rules(city, tmp_path, settings):
    from minpan.cases.models import Case
    from minpan.textmine import msgtype

    settings.MINPAN_MODELS_DIR = tmp_path / "models"
    topics = {"consult": ["社保怎么续交", "公积金提取条件", "孩子入学所需材料"], "suggestion": ["公交线路太少", "公园开放时间", "增设路灯"]}
    now = timezone.now()
    Case.objects.bulk_create([
        Case(channel="portal", tracking_code=f"M{code[:3]}{i:06d}", query_password="-", subject=f"{topic}第{i}号",
             body=f"关于{topic}，{i}", received_at=now, policy_name="tongliao", msg_type=code)
        for code, phrases in topics.items() for i, topic in enumerate(phrases * 34)
    ])
    call_command("classify", "train", "--kind", "msgtype", stdout=None)
    ranked, version = msgtype.suggest_msg_type("增设路灯", "", allowed=("consult", "suggestion", "complaint"))
    assert version == (settings.MINPAN_MODELS_DIR / "msgtype" / "CURRENT").read_text().strip()
    assert ranked[0][0] == "suggestion" and {t for t, _ in ranked} <= {"consult", "suggestion"}


def test_a_newer_model_remakes_the_undecided_suggestions_it_would_change(city, domain_model, tmp_path):
    case = collect("tongliao", subject="A3区公交线路班次太少", body="早高峰等车四十分钟，请增加班次")
    first = store_for(case)
    old = next(s for s in first if s.kind == Kind.DOMAIN).model_version
    call_command("classify", "train", "--csv", write_csv(tmp_path / "more.csv", synthetic_rows(14, seed=3)), stdout=None)
    new = (domain_model / "domain" / "CURRENT").read_text().strip()
    assert new != old
    shown = suggestions_for(case)
    assert shown["model"] == new
    assert Suggestion.objects.get(case=case, kind=Kind.DOMAIN).model_version == new


def test_a_decided_suggestion_is_kept_as_it_was_shown(city, domain_model, tmp_path):
    from minpan.cases.transitions import apply

    case = collect("tongliao", subject="A3区公交线路班次太少", body="早高峰等车四十分钟，请增加班次")
    store_for(case)
    apply(case, "accept", actor=city.operator)
    apply(case, "classify", actor=city.operator, msg_type="complaint", domain="transport")
    decided = Suggestion.objects.get(case=case, kind=Kind.DOMAIN)
    call_command("classify", "train", "--csv", write_csv(tmp_path / "more.csv", synthetic_rows(14, seed=3)), stdout=None)
    suggestions_for(case)
    again = Suggestion.objects.get(case=case, kind=Kind.DOMAIN)
    assert (again.pk, again.model_version, again.outcome) == (decided.pk, decided.model_version, decided.outcome)
