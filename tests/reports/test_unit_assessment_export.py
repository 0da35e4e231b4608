"""`minpan report assessment`: the whole of stdout is one JSON object (each unit's score, rank and
the events behind it); the workbook reads back with the same ranking and details; a bad month is
refused in Chinese. October 2026 of conftest.py's data set, under Tongliao's rules."""
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def tongliao(settings):
    settings.MINPAN_POLICY = "tongliao"


def test_json_holds_scores_and_their_events(two_months, tongliao):
    out = StringIO()
    call_command("report", "assessment", "--year", "2026", "--month", "2026-10", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert (data["policy"], data["from"], data["to"], data["basis"]) == ("tongliao", "2026-10-01", "2026-10-31", "第十九条、第二十一条")
    assert (data["start_score"], data["min_cases"], data["points"]["overdue"], data["points"]["quality"]) == (100, 3, -2, -2)
    assert [(u["unit"], u["score"], u["cases"], u["ranked"]) for u in data["units"]] == [
        ("市住建局", 100, 1, False), ("市教育局", 97, 2, False), ("东城区", 97, 1, False),
    ]
    district = data["units"][2]
    assert [(i["case"], i["what"], i["points"], i["date"]) for i in district["items"]] == [
        (two_months.C.reg_no, "答复被退回重办", -1, "2026-10-13"), (two_months.C.reg_no, "逾期未按期办结", -2, "2026-10-14"),
    ]


def test_the_year_without_a_month(two_months, tongliao):
    out = StringIO()
    call_command("report", "assessment", "--year", "2026", stdout=out)
    data = json.loads(out.getvalue())
    assert (data["from"], data["to"]) == ("2026-01-01", "2026-12-31")
    assert [(u["unit"], u["score"], u["rank"]) for u in data["units"]] == [("市住建局", 98, 1), ("市教育局", 97, None), ("东城区", 95, None)]


def test_the_workbook_reads_back(two_months, tongliao, tmp_path):
    path = tmp_path / "考核.xlsx"
    call_command("report", "assessment", "--year", "2026", "--format", "xlsx", "--out", str(path), stderr=StringIO())
    book = load_workbook(path)
    ranking = [r[:6] for r in book["考核排名"].iter_rows(values_only=True)]
    assert "单位考核" in ranking[0][0]
    assert ranking[2] == ("名次", "单位", "期限届满件数", "扣分", "加分", "得分")
    assert ranking[3:] == [(1, "市住建局", 3, 2, 0, 98), ("不参与排名", "市教育局", 2, 3, 0, 97), ("不参与排名", "东城区", 2, 5, 0, 95)]
    details = list(book["考核明细"].iter_rows(values_only=True))
    assert details[0] == ("单位", "日期", "留言编号", "事项", "分值", "依据")
    assert [(d[0], d[1], d[3], d[4]) for d in details[1:]] == [
        ("市住建局", "2026-11-03", "逾期未按期办结", -2),
        ("市教育局", "2026-10-15", "逾期未按期办结", -2), ("市教育局", "2026-10-16", "网民评价不满意", -1),
        ("东城区", "2026-09-20", "逾期未按期办结", -2), ("东城区", "2026-10-13", "答复被退回重办", -1),
        ("东城区", "2026-10-14", "逾期未按期办结", -2),
    ]


@pytest.mark.parametrize("args, message", [
    (["--year", "2026", "--month", "2026-13"], "应写作 YYYY-MM"),
    (["--year", "2026", "--month", "2025-05"], "不在 2026 年"),
    (["--year", "1999"], "四位数字"),
    (["--year", "2026", "--format", "xlsx"], "--out"),
])
def test_bad_periods_are_refused_in_chinese(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", "assessment", *args, stdout=StringIO())
