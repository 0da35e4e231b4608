"""The worker retrains the models on a schedule, in a child process, one worker at a time."""
import datetime as dt
import io
import sys

import pytest
from django.core.management import CommandError, call_command

from minpan.cases.models import Case
from minpan.cases.transitions import apply
from minpan.textmine import classify, retrain
from minpan.textmine.models import RetrainLock
from minpan.textmine.retrain import Retrainer
from tests.flow import registered
from tests.textmine.test_classify import synthetic_rows, write_csv

NOW = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
CODES = {"城乡建设": "urban", "教育文体": "education", "交通运输": "transport"}


@pytest.fixture
def models_dir(tmp_path, settings):
    settings.MINPAN_MODELS_DIR = tmp_path / "models"
    return settings.MINPAN_MODELS_DIR


@pytest.fixture
def labelled(city):
    """36 cases whose domain staff set, the last through the classify action (an event)."""
    Case.objects.bulk_create([
        Case(channel="portal", tracking_code=f"L{i:09d}", query_password="-", subject=r["title"] or "留言",
             body=r["detail"], received_at=NOW, policy_name="tongliao", domain=CODES[r["label"]])
        for i, r in enumerate(synthetic_rows(12, seed=6))
    ])
    return registered(city, "tongliao", subject="小区电梯经常故障", body="物业不修")


def fake_training(tmp_path, *, code="open(sys.argv[1], 'a').write(' '.join(sys.argv[2:]) + chr(10))"):
    """A child that notes the kinds it was asked to train, instead of loading Django again."""
    log = tmp_path / "runs.txt"

    def command(kinds, root):
        return [sys.executable, "-c", f"import sys, time; {code}", str(log), *kinds]
    return command, log


def lock():
    return RetrainLock.objects.get(name=retrain.NAME)


def test_the_worker_trains_once_when_due_and_not_again_before_the_interval(labelled, models_dir, tmp_path):
    command, runs = fake_training(tmp_path)
    worker = Retrainer("w1", hours=24, check_every=0, command=command)
    assert worker.tick(NOW) == "started"
    assert worker.child is not None  # running in its own process: tick returned at once
    assert worker.wait(poll=0.05) == "done"
    assert runs.read_text().split() == ["domain"]  # 37 typed domains, too few types for msgtype
    assert lock().outcome.startswith("完成") and lock().holder == ""
    assert worker.tick(NOW + dt.timedelta(hours=23)) is None
    assert worker.tick(NOW + dt.timedelta(hours=25)) == "started"
    worker.wait(poll=0.05)
    assert len(runs.read_text().splitlines()) == 2


def test_no_training_without_new_labels_since_the_newest_model(city, labelled, models_dir, tmp_path):
    call_command("classify", "retrain", stdout=io.StringIO())  # a model from every label there is
    assert classify.current_meta()["labels_upto_event"] > 0
    command, runs = fake_training(tmp_path)
    worker = Retrainer("w1", hours=24, check_every=0, command=command)
    assert worker.tick(NOW) == "skipped"
    assert not runs.exists() and "没有新的人工分类" in lock().outcome

    apply(labelled, "classify", actor=city.operator, msg_type="complaint", domain="urban")  # a new staff label
    assert worker.tick(NOW + dt.timedelta(hours=25)) == "started"
    worker.wait(poll=0.05)
    assert runs.read_text().split() == ["domain"]


def test_a_second_worker_does_not_train_while_the_first_one_does(labelled, models_dir, tmp_path):
    command, _ = fake_training(tmp_path, code="time.sleep(30)")
    first = Retrainer("w1", hours=24, check_every=0, command=command)
    second = Retrainer("w2", hours=24, check_every=0, command=command)
    assert first.tick(NOW) == "started"
    assert second.tick(NOW) is None and second.child is None
    assert lock().holder == "w1"
    first.stop()
    assert lock().holder == "" and "中断" in lock().outcome
    assert second.tick(NOW + dt.timedelta(minutes=1)) is None  # the turn was taken: not due again for 24 h


def test_a_training_that_runs_too_long_is_killed_and_the_job_released(labelled, models_dir, tmp_path):
    command, _ = fake_training(tmp_path, code="time.sleep(30)")
    worker = Retrainer("w1", hours=24, check_every=0, timeout=0.3, command=command)
    assert worker.tick(NOW) == "started"
    assert worker.wait(poll=0.05) == "timeout"
    assert lock().holder == "" and lock().outcome.startswith("超时")


def test_a_failed_training_is_logged_and_keeps_the_model(labelled, models_dir, tmp_path, caplog):
    command, _ = fake_training(tmp_path, code="print('坏了'); sys.exit(3)")
    worker = Retrainer("w1", hours=24, check_every=0, command=command)
    worker.tick(NOW)
    assert worker.wait(poll=0.05) == "failed"
    assert "退出码 3" in lock().outcome and "坏了" in lock().outcome
    assert "定期训练失败" in caplog.text


def test_no_schedule_when_retraining_is_off(labelled, models_dir, tmp_path):
    command, runs = fake_training(tmp_path)
    assert Retrainer("w1", hours=0, command=command).tick(NOW) is None
    assert not RetrainLock.objects.exists()


def test_the_child_is_the_retrain_command_with_the_models_dir_and_the_guard(db, models_dir):
    if retrain._database_url() is None:
        pytest.skip("the SQLite test database is in memory, which a child cannot read (see the next test)")
    cmd = retrain.default_command(["domain", "msgtype"], models_dir)
    assert cmd[1:] == ["-m", "minpan.cli", "classify", "retrain", "--models-dir", str(models_dir),
                       "--keep-if-worse-by", str(retrain.MARGIN), "--kind", "domain", "--kind", "msgtype"]


def test_a_retrained_model_that_scores_worse_is_kept_back(labelled, models_dir, tmp_path):
    call_command("classify", "train", "--csv", write_csv(tmp_path / "good.csv", synthetic_rows(12, seed=1)), stdout=io.StringIO())
    good = (models_dir / "domain" / "CURRENT").read_text()
    # the staff labels turn to noise: every case gets a domain unrelated to its text
    for i, case in enumerate(Case.objects.order_by("pk")):
        Case.objects.filter(pk=case.pk).update(domain=["urban", "education", "transport"][i % 3])
    out = io.StringIO()
    call_command("classify", "retrain", "--keep-if-worse-by", "0.02", stdout=out)
    assert (models_dir / "domain" / "CURRENT").read_text() == good
    newest = retrain.latest_meta("domain")
    assert newest["promoted"] is False and "超过容差" in newest["kept_because"] and newest["previous"] == good.strip()
    assert "未启用" in out.getvalue()


def test_retrain_says_when_there_is_nothing_to_do(db, models_dir):
    out = io.StringIO()
    call_command("classify", "retrain", stdout=out)
    assert "没有需要重训的模型" in out.getvalue()


def test_retrain_of_message_types_needs_enough_typed_cases(labelled, models_dir):
    err = io.StringIO()
    with pytest.raises(CommandError, match="保留原模型"):
        call_command("classify", "retrain", "--kind", "msgtype", stdout=io.StringIO(), stderr=err)
    assert "至少 200 条" in err.getvalue()
    assert not (models_dir / "msgtype").exists()


def test_the_child_trains_on_the_database_the_worker_uses(db, models_dir):
    from django.db import connection

    url = retrain._database_url()
    if connection.vendor == "sqlite":  # the test database lives in this process's memory
        assert url is None
        with pytest.raises(ValueError, match="内存"):
            retrain.default_command(["domain"], models_dir)
    else:
        assert url.endswith("/" + connection.settings_dict["NAME"])
        assert retrain._child_env()["DATABASE_URL"] == url
