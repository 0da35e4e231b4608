"""`minpan report stats`: the whole of stdout is one JSON object; XLSX holds the same figures;
bad dates are refused in Chinese with a non-zero exit."""
import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent.parent
KEYS = ("received", "not_accepted", "accepted", "answered", "answered_on_time", "fell_due", "fell_due_on_time",
        "on_time_rate", "overdue_open", "rated", "satisfied", "satisfaction_rate")


@pytest.mark.django_db
def test_json_is_the_whole_of_stdout(two_months):
    out = StringIO()
    call_command("report", "stats", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert {k: data[k] for k in KEYS} == {
        "received": 6, "not_accepted": 1, "accepted": 4, "answered": 4, "answered_on_time": 3, "fell_due": 4,
        "fell_due_on_time": 2, "on_time_rate": 0.5, "overdue_open": 2, "rated": 3, "satisfied": 2,
        "satisfaction_rate": pytest.approx(2 / 3),
    }
    rows = [{k: r[k] for k in ("unit", "fell_due", "fell_due_on_time", "overdue_open", "answered")} for r in data["by_unit"]]
    assert rows == [
        {"unit": "市住建局", "fell_due": 1, "fell_due_on_time": 1, "overdue_open": 0, "answered": 1},
        {"unit": "市教育局", "fell_due": 2, "fell_due_on_time": 1, "overdue_open": 0, "answered": 2},
        {"unit": "东城区", "fell_due": 1, "fell_due_on_time": 0, "overdue_open": 2, "answered": 0},
    ]


@pytest.mark.django_db
def test_xlsx_holds_the_same_figures(two_months, tmp_path):
    path = tmp_path / "十月.xlsx"
    call_command("report", "stats", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "xlsx", "--out", str(path), stderr=StringIO())
    book = load_workbook(path)
    assert book.sheetnames == ["汇总", "按单位", "按渠道", "按类型", "按领域", "派单异议与知识库"]
    summary = {row[0]: row[1:] for row in book["汇总"].iter_rows(min_row=3, values_only=True)}
    assert summary["收到留言数"] == (6, 4)
    assert summary["按时办结率"] == (0.5, 0.5)  # fractions; the cell format shows 50.0%
    assert summary["满意率"] == (pytest.approx(2 / 3), None)
    assert summary["期末逾期未办结数"] == (2, 1)
    rate_cell = next(r for r in book["汇总"].iter_rows(min_row=3) if r[0].value == "按时办结率")[1]
    assert rate_cell.number_format == "0.0%"
    units = list(book["按单位"].iter_rows(values_only=True))
    header = units[0]
    assert [r[0] for r in units[1:]] == ["市住建局", "市教育局", "东城区"]
    assert units[3][header.index("期末逾期未办结数")] == 2


@pytest.mark.django_db
def test_xlsx_needs_a_file():
    with pytest.raises(CommandError, match="--out"):
        call_command("report", "stats", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "xlsx")


@pytest.mark.parametrize("first,last,words", [
    ("2026-10-32", "2026-10-31", "日期格式无效"),
    ("2026-11-01", "2026-10-31", "晚于截止日期"),
])
def test_bad_dates_exit_non_zero_with_a_chinese_message(first, last, words):
    run = subprocess.run(
        [sys.executable, "manage.py", "report", "stats", "--from", first, "--to", last, "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode != 0
    assert words in run.stderr and run.stdout == ""
