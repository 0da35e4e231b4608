"""The special report (专报, Yuncheng 五(六): 以“专报”“月报”的形式定期报告): a chosen period, narrowed
to a topic, a domain or a unit, with the same indicators counted on those cases only, on the ten
messages of tests/reports/conftest.py."""
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from minpan.reports.facts import Scope, scoped_stats
from minpan.reports.periods import Period
from tests.flow import at

pytestmark = pytest.mark.django_db
OCTOBER = Period.month(2026, 10)


def _make(tmp_path, *args, name="专报.docx"):
    path = tmp_path / name
    with time_machine.travel(at("2026-11-03 09:00"), tick=False):
        call_command("report", "special", "--from", "2026-10-01", "--to", "2026-10-31", *args, "--out", str(path), stderr=StringIO())
    return path


def test_a_unit_s_special_report_counts_its_cases_only(two_months, tmp_path):
    doc = Document(_make(tmp_path, "--unit", "市教育局", "--title", "关于市教育局留言办理情况的专报", "--number", "3"))
    text = [p.text for p in doc.paragraphs]
    assert "民盼专报〔2026〕3号" in text and "关于市教育局留言办理情况的专报" in text
    body = "\n".join(text)
    # F received 10-20 (then with 市教育局); B and F answered, B late; B rated 不满意
    assert "共收到市教育局（含下属单位）承办的群众留言1件" in body
    assert "届满的留言2件，在期限当日24时前办结1件，按时办结率50.0%" in body
    assert "收到群众评价1件，其中满意和基本满意0件，不满意1件，满意率0.0%" in body
    assert "没有超过办理期限仍未办结的留言" in body
    units = [[c.text for c in row.cells] for row in next(t for t in doc.tables if t.cell(0, 0).text == "单位").rows]
    assert [r[0] for r in units[1:]] == ["市教育局"]


def test_the_scoped_figures_match_the_unit_s_row_of_the_whole(two_months, city):
    from minpan.reports.summary import stats

    whole = next(r for r in stats(OCTOBER)["by_unit"] if r["unit"] == "东城区")
    part = scoped_stats(OCTOBER, Scope(unit=city.district))
    for key in ("fell_due", "fell_due_on_time", "overdue_open", "answered", "received", "send_backs"):
        assert part[key] == whole[key], key
    assert part["previous"]["overdue_open"] == 1  # J, at the end of September


def test_a_domain_s_special_report_as_excel(two_months, tmp_path):
    book = load_workbook(_make(tmp_path, "--domain", "教育文体", "--format", "xlsx", name="专报.xlsx"))
    summary = {row[0]: row[1] for row in book["汇总"].iter_rows(min_row=3, values_only=True)}
    assert summary["收到留言数"] == 1 and summary["答复数"] == 2 and summary["按时办结率"] == 0.5


def test_a_topic_nobody_wrote_about_is_said_in_words(two_months, tmp_path):
    body = "\n".join(p.text for p in Document(_make(tmp_path, "--topic", "供暖")).paragraphs)
    assert "关于2026年10月涉及“供暖”群众留言办理情况的专报" in body
    assert "共收到涉及“供暖”的群众留言0件" in body
    assert "本期没有办理期限届满的留言" in body and "本期没有收到群众对答复的评价" in body
    assert "本期没有收到涉及“供暖”的留言" in body


@pytest.mark.parametrize("args,words", [
    (["--domain", "天文"], "没有“天文”这个领域"),
    (["--unit", "市气象局"], "没有“市气象局”这个单位"),
])
def test_an_unknown_scope_is_refused_in_chinese(city, tmp_path, args, words):
    with pytest.raises(CommandError, match=words):
        _make(tmp_path, *args)
