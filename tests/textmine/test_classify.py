"""Domain classification: the command, the artefact, the suggestion API (small synthetic data)."""
import csv
import datetime as dt
import io
import json
import random
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from minpan.cases.models import Case
from minpan.cases.states import Domain
from minpan.textmine import classify
from minpan.textmine.features import normalise
from tests.data import require

TOPICS = {
    "城乡建设": ["小区电梯经常故障", "物业不作为楼顶漏水", "老旧小区改造进度慢", "违章搭建影响采光", "拆迁安置房迟迟不交房", "房屋产权证办不下来"],
    "教育文体": ["学校食堂饭菜质量差", "孩子入学学位紧张", "老师课外有偿补课", "幼儿园收费过高", "中学宿舍条件简陋", "体育场周末不开放"],
    "交通运输": ["公交线路班次太少", "出租车拒载绕路", "道路红绿灯时间太短", "高速收费站排长队", "客运站没有班车", "公交站台被占用"],
}
PLACES = ["A市", "A2区", "A3区", "B4县", "C1市", "D5区", "东风路", "解放路", "新华街", "人民路"]
TAILS = ["希望有关部门尽快处理。", "请领导重视！", "多次反映没有结果。", "恳请解决，谢谢。", "已经持续半年了。"]


def synthetic_rows(per_class, seed):
    rng = random.Random(seed)
    rows = []
    for label, phrases in TOPICS.items():
        for i in range(per_class):
            place, phrase = rng.choice(PLACES), rng.choice(phrases)
            title = f"{place}{phrase}" if i % 3 else ""  # some rows have no title …
            detail = "" if i % 5 == 1 else f"\n\t\t\u3000{place}{rng.choice(PLACES)}附近{phrase}，{rng.choice(TAILS)}\xa0\n"  # … some no detail
            rows.append({"id": f"{seed}-{label}-{i}", "title": title, "detail": detail, "time": "", "label": label})
    return rows


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["id", "title", "detail", "time", "label"])
        w.writeheader()
        w.writerows(rows)
    return str(path)


@pytest.fixture
def train_csv(tmp_path):
    return write_csv(tmp_path / "train.csv", synthetic_rows(12, seed=1))


@pytest.fixture
def test_csv(tmp_path):
    return write_csv(tmp_path / "test.csv", synthetic_rows(5, seed=2))


@pytest.fixture
def models_dir(tmp_path, settings):
    path = tmp_path / "models"
    settings.MINPAN_MODELS_DIR = path
    return path


def run(*args):
    out = io.StringIO()
    call_command("classify", *args, stdout=out)
    return out.getvalue().splitlines()


def test_normalise_removes_the_web_padding_and_full_width_forms():
    assert normalise("\n\t\t\u3000ＡＢ市\xa0电梯  坏了！\n") == "ab市 电梯 坏了!"


def test_evaluate_ends_with_the_macro_f1_line(train_csv, test_csv):
    lines = run("evaluate", "--train", train_csv, "--test", test_csv)
    assert re.fullmatch(r"macro_f1 [01]\.\d{4}", lines[-1])
    assert float(lines[-1].split()[1]) > 0.5  # three classes: chance is 0.33


def test_evaluate_prints_precision_recall_f1_and_support_for_each_class(train_csv, test_csv):
    lines = run("evaluate", "--train", train_csv, "--test", test_csv)
    header = next(i for i, line in enumerate(lines) if line.split()[:5] == ["label", "precision", "recall", "f1", "support"])
    rows = {line.split()[0]: line.split()[1:] for line in lines[header + 1:header + 4]}
    assert set(rows) == set(TOPICS)
    assert all(len(v) == 4 and v[3] == "5" for v in rows.values())


def test_evaluate_reports_test_rows_that_repeat_training_rows(tmp_path, train_csv):
    rows = synthetic_rows(5, seed=2)
    rows[0] = dict(next(r for r in synthetic_rows(12, seed=1) if r["title"] and r["detail"]), id="copy")
    lines = run("evaluate", "--train", train_csv, "--test", write_csv(tmp_path / "t.csv", rows))
    assert any(line.startswith("test rows near-duplicating a train row:") and not line.endswith(": 0") for line in lines)


def test_the_table_and_macro_f1_agree_with_the_usual_definitions():
    lines, macro = classify.report(["城乡建设", "城乡建设", "教育文体", "教育文体"], ["城乡建设", "教育文体", "教育文体", "教育文体"])
    assert lines[1].split() == ["城乡建设", "1.0000", "0.5000", "0.6667", "2"]
    assert lines[2].split() == ["教育文体", "0.6667", "1.0000", "0.8000", "2"]
    assert round(macro, 4) == 0.7333


def test_rows_without_text_or_label_and_short_lines_are_left_out(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("id,title,detail,time,label\n1,电梯坏了,,,城乡建设\n2,,,,教育文体\n3,学位紧张,,,\n4,短行\n", encoding="utf-8")
    assert [r["id"] for r in classify.read_csv(path)] == ["1"]


def test_evaluate_refuses_a_csv_without_labels(tmp_path, train_csv):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,title,body\n1,a,b\n", encoding="utf-8")
    with pytest.raises(CommandError, match="label"):
        run("evaluate", "--train", train_csv, "--test", str(bad))


def test_train_writes_a_versioned_artefact_that_suggest_domain_reads(train_csv, models_dir):
    run("train", "--csv", train_csv)
    version = (models_dir / "domain" / "CURRENT").read_text().strip()
    meta = json.loads((models_dir / "domain" / version / "meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == version and len(meta["data_sha256"]) == 64
    assert meta["rows"] == 33  # 36 written, 3 with neither title nor detail
    assert meta["classes"] == ["education", "transport", "urban"]
    assert "macro_f1" in meta["scores"]["cross_validation"]

    suggestions = classify.suggest_domain("A3区公交线路班次太少", "早高峰等车四十分钟，请增加班次")
    assert [code for code, _ in suggestions][0] == Domain.TRANSPORT
    confidences = [c for _, c in suggestions]
    assert len(suggestions) == 3 and confidences == sorted(confidences, reverse=True) and sum(confidences) <= 1.0001


def test_a_new_training_replaces_the_current_model(train_csv, models_dir):
    run("train", "--csv", train_csv)
    first = (models_dir / "domain" / "CURRENT").read_text()
    classify.suggest_domain("小区电梯故障", "")
    # same second, same data would give the same version: make the data differ
    rows = synthetic_rows(12, seed=3)
    run("train", "--csv", write_csv(Path(train_csv).with_name("t3.csv"), rows))
    second = (models_dir / "domain" / "CURRENT").read_text()
    assert first != second
    assert classify.current_model()[1]["version"] == second.strip()


def test_suggest_domain_is_empty_before_any_training(models_dir):
    assert classify.suggest_domain("小区电梯故障", "") == []


def test_train_refuses_labels_that_are_not_domains(tmp_path, models_dir):
    rows = synthetic_rows(6, seed=1) + [{"id": "x", "title": "咨询", "detail": "", "time": "", "label": "政治法律"}]
    with pytest.raises(CommandError, match="政治法律"):
        run("train", "--csv", write_csv(tmp_path / "odd.csv", rows))
    assert not (models_dir / "domain" / "CURRENT").exists()


def test_train_without_csv_learns_from_the_cases_staff_classified(db, models_dir):
    codes = {label: code for code, label in Domain.choices}
    now = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    Case.objects.bulk_create([
        Case(channel="portal", tracking_code=f"T{i:09d}", query_password="-", subject=r["title"] or "留言",
             body=r["detail"], received_at=now, policy_name="tongliao", domain=codes[r["label"]] if i % 4 else "")
        for i, r in enumerate(synthetic_rows(12, seed=4))
    ])
    lines = run("train")
    meta = classify.current_model()[1]
    assert meta["source"] == "database:cases" and meta["rows"] == 27
    assert meta["version"] in lines[0]


def test_train_without_csv_says_when_too_few_cases_are_classified(db, models_dir):
    with pytest.raises(CommandError, match="--csv"):
        run("train")


# ---------------------------------------------------------------- on the real data, when it is there

def test_every_label_in_the_real_data_is_a_domain():
    data = require("domain_train.csv", "domain_dev.csv")
    for name in ("domain_train.csv", "domain_dev.csv"):
        assert {r["label"] for r in classify.read_csv(data / name)} <= set(classify.DOMAIN_CODES)


def test_a_model_trained_on_part_of_the_real_data_classifies_the_dev_set(tmp_path):
    data = require("domain_train.csv", "domain_dev.csv")
    train = classify.read_csv(data / "domain_train.csv")[:3000]
    dev = classify.read_csv(data / "domain_dev.csv")
    model = classify.DomainClassifier().fit([r["title"] for r in train], [r["detail"] for r in train],
                                            [r["label"] for r in train], calibrate=False)
    _, macro = classify.report([r["label"] for r in dev], list(model.predict((r["title"], r["detail"]) for r in dev)))
    assert macro > 0.8
