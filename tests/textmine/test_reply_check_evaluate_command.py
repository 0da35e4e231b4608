"""`minpan replycheck evaluate`: tiny CSVs in tmp_path; the real files from the shared data."""
import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.data import require

COLUMNS = ["留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "答复意见", "答复时间"]
ROWS = [
    ("1", "东城区幸福小区车位捆绑销售", "开发商要求买房必须同时买车位，不买不给网签，请查处捆绑销售。",
     "网友您好！经核实，幸福小区开发商存在捆绑销售车位行为，市住建局已于3月12日责令其停止捆绑销售，并在3月31日前退还车位款。"),
    ("2", "西城区光明路路灯不亮", "光明路 3 号到 9 号的路灯坏了一个月，晚上出行很危险。",
     "网友：您好！您反映的问题已转交相关部门调查处理。"),
    ("3", "南城区第一中学暑假违规补课", "南城区第一中学要求学生暑假到校补课并收费，请教育局查处。",
     "网友您好！经查，南城区第一中学暑假补课属实，区教育局已于7月20日责令学校停止补课，并退还已收取的补课费。"),
    ("4", "北城区菜市场占道经营", "北城区菜市场摊贩占用人行道经营，早上行人无法通过。",
     "网友您好！经核实，北城区城管执法中队已于6月5日对菜市场周边占道摊贩进行清理，并安排专人每日早市巡查。"),
]


def write(path: Path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return str(path)


@pytest.fixture
def files(tmp_path):
    replies = write(tmp_path / "replies.csv", COLUMNS,
                    [(i, "u", t, "2019/4/25 9:32:09", b, r, "2019/5/10 14:56:53") for i, t, b, r in ROWS])
    labels = write(tmp_path / "labels.csv", ["留言编号", "完整性指标", "可解释性指标"],
                   [("1", "1.0", "1.0"), ("2", "0.0", "0.0"), ("3", "1.0", "1.0"), ("4", "1.0", "1.0")])
    hand = write(tmp_path / "hand.csv", ["留言编号", "label", "note"],
                 [("1", "answered", ""), ("2", "perfunctory", ""), ("3", "answered", ""), ("4", "answered", "")])
    weak = write(tmp_path / "weak.csv", ["留言编号", "可解释性"], [("1", "1"), ("2", "0"), ("3", "1"), ("4", "1")])
    return replies, labels, hand, weak


def run(*args):
    out = io.StringIO()
    call_command("replycheck", "evaluate", *args, stdout=out)
    return out.getvalue()


def test_evaluate_counts_flags_and_scores_against_the_labels(files):
    replies, labels, hand, weak = files
    out = run("--csv", replies, "--labels", labels, "--hand", hand, "--interpretability", weak)
    assert "replies 4" in out
    assert re.search(r"perfunctory +1 ", out)
    assert "可解释性 low (1 of 4) vs no_result_or_basis: precision 1.000 recall 1.000" in out
    assert "perfunctory: precision 1.000 recall 1.000" in out
    assert "another message's reply" in out
    assert out.strip().splitlines()[-1].startswith("key: ")


def test_the_policy_decides_which_elements_are_required(files):
    replies, *_ = files
    out = run("--csv", replies, "--policy", "tongliao", "--idf")
    assert re.search(r"no_handler +4 ", out)  # none of these replies names its handler
    assert "IDF fitted on these 8 texts" in out


def test_a_missing_file_or_column_is_a_clear_error(files, tmp_path):
    with pytest.raises(CommandError, match="读不到"):
        run("--csv", str(tmp_path / "nope.csv"))
    bad = write(tmp_path / "bad.csv", ["id", "title"], [("1", "x")])
    with pytest.raises(CommandError, match="缺少列"):
        run("--csv", bad)


def test_on_the_real_replies_shuffled_pairs_are_flagged_and_true_ones_rarely():
    data = require("replies_attachment4.csv", "reply_labels_100.csv")
    out = run("--csv", str(data / "replies_attachment4.csv"), "--labels", str(data / "reply_labels_100.csv"),
              "--hand", str(Path(__file__).resolve().parents[2] / "bench" / "data" / "reply_hand_labels.csv"))
    key = dict(part.rsplit(" ", 1) for part in out.strip().splitlines()[-1][len("key: "):].split(", "))
    assert float(key["shuffled_flagged"]) > 0.7
    assert float(key["true_pairs_flagged"]) < 0.06
    assert float(key["hand_perfunctory_f1"]) > 0.8
