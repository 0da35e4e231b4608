"""Issue 15: the statistics count 回头看 (Chizhou 第九条(七): 市政府办公室对已办结事项不定期开展“回头看”，
核查办理措施落实情况) and callbacks (回访, the same 第九条(七)), in the indicators, `report stats` (JSON and XLSX)
and on the 统计看板.

Four Chizhou cases answered by 市住建局 in September–October 2026, each called back before its
answer was submitted (22 September). On Monday 19 October the center draws all four; it checks
three in October (措施已落实 20 Oct, 部分落实 and 未落实 21 Oct), reopens the 未落实 one on 22 October,
and reopens the 已落实 one on 23 October for another reason (not a 回头看 reopening); the fourth
is checked 未落实 on Monday 2 November."""
import datetime as dt
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from minpan.cases import lookback
from minpan.cases.transitions import apply
from minpan.reports.indicators import LOOK_BACK, cases_behind, figures
from minpan.reports.periods import Period
from minpan.reports.summary import stats
from tests.flow import at, fresh
from tests.test_look_back_at_closed_cases import answered

pytestmark = pytest.mark.django_db
SEPTEMBER, OCTOBER, NOVEMBER = Period.month(2026, 9), Period.month(2026, 10), Period.month(2026, 11)


@pytest.fixture
def looked_back(city):
    cases = [answered(city, on=d) for d in ("2026-09-28 10:00", "2026-09-30 15:00", "2026-10-10 10:00", "2026-10-16 16:00")]
    lookback.draw(since=dt.date(2026, 9, 21), until=dt.date(2026, 10, 16), percent=100, by=city.operator, now=at("2026-10-19 09:00"))
    done, partly, not_done, later = cases
    apply(done, "look_back", actor=city.operator, now=at("2026-10-20 10:00"), result="done", via="writer", note="留言人确认路灯已修复。")
    apply(partly, "look_back", actor=city.supervisor, now=at("2026-10-21 10:00"), result="partly", via="unit", note="巡检尚未排期。")
    apply(not_done, "look_back", actor=city.operator, now=at("2026-10-21 11:00"), result="not_done", via="writer", note="路灯仍不亮。")
    apply(not_done, "reopen", actor=city.operator, now=at("2026-10-22 09:00"), reason="回头看核查：办理措施未落实，重新交办。")
    apply(done, "reopen", actor=city.operator, now=at("2026-10-23 09:00"), reason="留言人反映又坏了。")
    apply(later, "look_back", actor=city.operator, now=at("2026-11-02 10:00"), result="not_done", via="unit", note="未见整改。")
    return [fresh(c) for c in cases]


def test_the_draws_checks_problems_and_reopenings_of_the_month(city, looked_back):
    f = figures(OCTOBER)[None]
    assert (f.look_back_sampled, f.look_back_checked, f.look_back_problems, f.look_back_reopened) == (4, 3, 2, 1)
    f = figures(NOVEMBER)[None]
    assert (f.look_back_sampled, f.look_back_checked, f.look_back_problems, f.look_back_reopened) == (0, 1, 1, 0)
    assert figures(SEPTEMBER)[None].callbacks == 4  # each called back on 22 September, before submitting


def test_each_figure_lists_the_cases_it_counts(city, looked_back):
    done, partly, not_done, later = looked_back
    listed = {name: set(cases_behind(OCTOBER, name).values_list("pk", flat=True)) for name in LOOK_BACK}
    assert listed == {
        "look_back_sampled": {c.pk for c in looked_back}, "look_back_checked": {done.pk, partly.pk, not_done.pk},
        "look_back_problems": {partly.pk, not_done.pk}, "look_back_reopened": {not_done.pk},
    }
    # by unit: the unit holding the case now; the two reopened ones await a new dispatch
    by_unit = figures(OCTOBER, by="unit")
    assert by_unit[city.housing.pk].look_back_sampled == 2 and by_unit[None].look_back_sampled == 2
    assert set(cases_behind(OCTOBER, "look_back_sampled", "unit", city.housing.pk).values_list("pk", flat=True)) == {partly.pk, later.pk}


def test_report_stats_gives_them_in_json_and_xlsx(city, looked_back, tmp_path, capsys):
    data = stats(OCTOBER)
    assert [data[k] for k in LOOK_BACK] == [4, 3, 2, 1]
    assert [data["previous"][k] for k in (*LOOK_BACK, "callbacks")] == [0, 0, 0, 0, 4]
    call_command("report", "stats", "--from", "2026-10-01", "--to", "2026-10-31")
    printed = json.loads(capsys.readouterr().out)
    assert printed["look_back_problems"] == 2 and printed["previous"]["callbacks"] == 4
    out = tmp_path / "october.xlsx"
    call_command("report", "stats", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "xlsx", "--out", str(out))
    rows = {r[0]: r[1:] for r in load_workbook(out)["汇总"].iter_rows(values_only=True)}
    assert rows["回头看抽查数"] == (4, 0) and rows["回头看发现问题数"] == (2, 0) and rows["回头看重新办理数"] == (1, 0)
    assert rows["回访数"] == (0, 4)


def test_the_dashboard_shows_them_where_the_policy_looks_back(city, looked_back, client, settings):
    settings.MINPAN_POLICY = "chizhou"
    client.force_login(city.leader)
    page = client.get("/desk/stats/", {"from": "2026-10-01", "to": "2026-10-31"}).content.decode()
    for name, value in [("回头看抽查数", 4), ("回头看核查数", 3), ("回头看发现问题数", 2), ("回头看重新办理数", 1)]:
        assert f'<dt>{name}</dt><dd><a href="/desk/stats/cases/?i=look_back_' in page and f'">{value}</a>' in page
    assert "<th>回访数</th>" in page  # a column of the table by unit
    listed = client.get("/desk/stats/cases/", {"i": "look_back_reopened", "from": "2026-10-01", "to": "2026-10-31"}).content.decode()
    assert "共 1 件" in listed and looked_back[2].reg_no in listed


def test_not_shown_where_no_policy_looks_back_and_nothing_was_counted(city, client, settings):
    settings.MINPAN_POLICY = "tongliao"
    client.force_login(city.leader)
    page = client.get("/desk/stats/", {"from": "2026-10-01", "to": "2026-10-31"}).content.decode()
    assert "回头看" not in page and "回访数" in page
