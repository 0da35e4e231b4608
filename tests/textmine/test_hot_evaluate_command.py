"""`minpan hot evaluate --csv FILE`: the top topics of a CSV (tiny file here; the real one when present)."""
import csv
import io

import pytest
from django.core.management import CommandError, call_command

from minpan.textmine import hot
from tests.data import require

COLUMNS = ["留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "反对数", "点赞数"]
ROWS = [
    ("1", "u1", "A5区幸福里小区楼下烧烤店油烟扰民", "2019/7/21 22:10:05", "\n\t\t\u3000幸福里小区一楼烧烤店油烟直排。\n\t", "0", "3"),
    ("2", "u2", "幸福里小区底层餐馆油烟直排", "2019-07-28 09:01:00", "A5区幸福里小区楼下餐馆油烟直排。", "0", "0"),
    ("3", "u3", "A5区幸福里小区夜宵摊噪音到凌晨", "2019/8/1 1:05:00", "幸福里小区门口夜宵摊吵到凌晨两点。", "1", "2"),
    ("4", "u4", "A3区金桂园小区楼下餐馆油烟扰民", "2019/8/2 10:00:00", "金桂园小区楼下餐馆油烟直排。", "0", "0"),
    ("5", "u5", "咨询A市住房公积金贷款额度", "2019/8/3 10:00:00", "想了解公积金贷款最高额度。", "0", "0"),
    ("6", "u6", "时间看不懂的留言", "昨天", "无", "0", "0"),
]


def write(path, rows, columns=COLUMNS):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(columns)
        w.writerows(rows)
    return str(path)


def run(*args):
    out = io.StringIO()
    call_command("hot", *args, stdout=out)
    return out.getvalue()


def test_times_in_the_mixed_formats_of_the_data_are_read():
    assert hot.parse_time("2019/2/28 11:25:05").isoformat() == "2019-02-28T11:25:05"
    assert hot.parse_time("2019-02-28 9:58:37").isoformat() == "2019-02-28T09:58:37"
    assert hot.parse_time("2019/2/28").isoformat() == "2019-02-28T00:00:00"
    assert hot.parse_time("昨天") is None


def test_evaluate_prints_the_top_topics_with_counts_likes_dates_and_titles(tmp_path):
    text = run("evaluate", "--csv", write(tmp_path / "a3.csv", ROWS), "--top", "2")
    lines = text.splitlines()
    assert lines[0].startswith("messages 5 (skipped without a readable time: 1), 2019-07-21 .. 2019-08-03;")
    assert lines[1].startswith("1. A5区幸福里小区 · ")
    assert lines[2].strip().startswith("messages 3, writers 3, likes 5, 2019-07-21 .. 2019-08-01")
    assert "   - A5区幸福里小区楼下烧烤店油烟扰民" in lines
    assert lines[6].startswith("2. ") and "3. " not in text


def test_evaluate_refuses_a_file_without_the_columns(tmp_path):
    path = write(tmp_path / "other.csv", [("1", "x")], columns=["id", "title"])
    with pytest.raises(CommandError, match="需要列"):
        run("evaluate", "--csv", path)


def test_the_real_attachment_finds_its_well_known_topics():
    data = require("hot_topics_attachment3.csv")
    text = run("evaluate", "--csv", str(data / "hot_topics_attachment3.csv"), "--top", "5")
    assert text.startswith("messages 4310 (skipped without a readable time: 0)")
    top = [line for line in text.splitlines() if line[:2] in {"1.", "2.", "3.", "4.", "5."}]
    assert any("丽发新城" in line for line in top[:2])
    assert any("伊景园滨河苑" in line for line in top[:2])
    assert any("魅力之城" in line for line in top)
