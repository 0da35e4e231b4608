"""Classifying and dispatching record whether the operator kept the suggestion or corrected it;
corrections are counted when the models are trained again."""
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from minpan.cases.errors import RuleViolation
from minpan.cases.models import Case
from minpan.cases.transitions import apply
from minpan.textmine import classify
from minpan.textmine.models import Kind, Outcome, Suggestion
from minpan.textmine.suggest import feedback
from tests.flow import collect, fresh
from tests.textmine.test_classify import synthetic_rows


def suggested(case, kind, *codes):
    return Suggestion.objects.create(case=case, kind=kind, ranked=[[c, round(0.9 / (i + 1), 2)] for i, c in enumerate(codes)],
                                     model_version="test", made_at=timezone.now())


@pytest.fixture
def accepted_case(city):
    case = collect("tongliao", subject="A3区公交线路班次太少", body="请增加班次")
    suggested(case, Kind.DOMAIN, "transport", "urban", "commerce")
    suggested(case, Kind.MSG_TYPE, "suggestion", "complaint", "consult")
    suggested(case, Kind.LEAD_UNIT, city.education.pk, city.housing.pk)
    apply(case, "accept", actor=city.operator)
    return case


def outcome(case, kind):
    return Suggestion.objects.get(case=case, kind=kind)


def test_operator_who_classifies_as_suggested_accepts_the_suggestion(city, accepted_case):
    apply(accepted_case, "classify", actor=city.operator, msg_type="suggestion", domain="transport")
    s = outcome(accepted_case, Kind.DOMAIN)
    assert (s.outcome, s.chosen, s.decided_by) == (Outcome.ACCEPTED, "transport", city.operator)
    assert outcome(accepted_case, Kind.MSG_TYPE).outcome == Outcome.ACCEPTED
    assert outcome(accepted_case, Kind.LEAD_UNIT).outcome == Outcome.PENDING  # decided at dispatch


def test_operator_who_chooses_another_value_corrects_the_suggestion(city, accepted_case):
    apply(accepted_case, "classify", actor=city.operator, msg_type="complaint", domain="urban")
    for kind, chosen in ((Kind.DOMAIN, "urban"), (Kind.MSG_TYPE, "complaint")):
        s = outcome(accepted_case, kind)
        assert (s.outcome, s.chosen) == (Outcome.CORRECTED, chosen)


def test_dispatching_to_the_suggested_unit_accepts_and_to_another_corrects(city, accepted_case):
    apply(accepted_case, "classify", actor=city.operator, msg_type="suggestion", domain="transport")
    apply(accepted_case, "dispatch", actor=city.operator, lead=city.housing)
    s = outcome(accepted_case, Kind.LEAD_UNIT)
    assert (s.outcome, s.chosen) == (Outcome.CORRECTED, str(city.housing.pk))

    other = collect("tongliao")
    suggested(other, Kind.LEAD_UNIT, city.housing.pk)
    apply(other, "accept", actor=city.operator)
    apply(other, "classify", actor=city.operator, msg_type="consult", domain="urban")
    apply(other, "dispatch", actor=city.operator, lead=city.housing)
    assert outcome(other, Kind.LEAD_UNIT).outcome == Outcome.ACCEPTED


def test_only_the_first_decision_counts(city, accepted_case):
    apply(accepted_case, "classify", actor=city.operator, msg_type="suggestion", domain="transport")
    apply(accepted_case, "classify", actor=city.operator, msg_type="complaint", domain="urban")
    assert outcome(accepted_case, Kind.DOMAIN).outcome == Outcome.ACCEPTED
    assert fresh(accepted_case).domain == "urban"  # the case has the later value; training reads it


def test_a_refused_classification_leaves_the_suggestion_undecided(city, accepted_case):
    with pytest.raises(RuleViolation):
        apply(accepted_case, "classify", actor=city.operator, msg_type="help", domain="transport")  # not a Tongliao type
    assert outcome(accepted_case, Kind.DOMAIN).outcome == Outcome.PENDING


def test_classifying_a_case_without_suggestions_works_and_records_nothing(city):
    case = collect("tongliao")
    apply(case, "accept", actor=city.operator)
    apply(case, "classify", actor=city.operator, msg_type="consult", domain="urban")
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    assert fresh(case).state == "dispatched"
    assert not Suggestion.objects.filter(case=case).exists()


def test_feedback_gives_the_acceptance_rate_per_kind(city, accepted_case):
    apply(accepted_case, "classify", actor=city.operator, msg_type="complaint", domain="transport")
    rows = {r["kind"]: r for r in feedback(days=30)}
    assert (rows["domain"]["decided"], rows["domain"]["accepted"], rows["domain"]["rate"]) == (1, 1, 1.0)
    assert (rows["msg_type"]["corrected"], rows["msg_type"]["in_top"]) == (1, 1.0)  # 投诉 was the second suggestion
    assert rows["lead_unit"]["decided"] == 0
    assert feedback(days=30, now=timezone.now() + dt.timedelta(days=31))[0]["decided"] == 0
    out = io.StringIO()
    call_command("classify", "feedback", stdout=out)
    assert "领域：1 件，采纳 1，更正 0，采纳率 100.0%" in out.getvalue()


def test_training_from_the_database_counts_the_rows_that_came_from_corrections(db, tmp_path, settings):
    settings.MINPAN_MODELS_DIR = tmp_path / "models"
    codes = {"城乡建设": "urban", "教育文体": "education", "交通运输": "transport"}
    now = timezone.now()
    cases = Case.objects.bulk_create([
        Case(channel="portal", tracking_code=f"F{i:09d}", query_password="-", subject=r["title"] or "留言",
             body=r["detail"], received_at=now, policy_name="tongliao", domain=codes[r["label"]])
        for i, r in enumerate(synthetic_rows(12, seed=5))
    ])
    for case in cases[:4]:
        Suggestion.objects.create(case=case, kind=Kind.DOMAIN, ranked=[["other", 0.5]], made_at=now,
                                  chosen=case.domain, outcome=Outcome.CORRECTED, decided_at=now)
    Suggestion.objects.create(case=cases[5], kind=Kind.DOMAIN, ranked=[[cases[5].domain, 0.9]], made_at=now,
                              chosen=cases[5].domain, outcome=Outcome.ACCEPTED, decided_at=now)
    out = io.StringIO()
    call_command("classify", "train", stdout=out)
    meta = classify.current_meta()
    assert (meta["rows"], meta["from_corrections"], meta["from_accepted_suggestions"]) == (36, 4, 1)
    assert "其中 4 条来自对建议的更正" in out.getvalue()
    version = (settings.MINPAN_MODELS_DIR / "domain" / "CURRENT").read_text().strip()
    assert json.loads((settings.MINPAN_MODELS_DIR / "domain" / version / "meta.json").read_text())["promoted"] is True
