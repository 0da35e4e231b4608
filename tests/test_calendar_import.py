"""`minpan calendar import FILE`: a State Council schedule replaces only the years it covers. A line
of another year is refused (a stray 2026 line in a 2027 file once wiped all of 2026), a holiday block
running over New Year is kept, odd lines are warned about, and open cases' deadlines counted across
a day that changed are counted again, each move on the case's timeline."""
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from minpan.cases.models import Event
from minpan.cases.states import Action
from minpan.workdays.models import DayOverride, ScheduleYear
from tests.flow import at, dispatched, fresh

NATIONAL_DAY_2027 = (
    "date,kind,name\n"
    + "".join(f"2027-10-0{d},holiday,国庆节\n" for d in range(1, 8))
    + "2027-09-26,workday,国庆节\n2027-10-09,workday,国庆节\n"
)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip()


def notice(tmp_path, text, name="2027.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_stray_line_of_another_year_is_refused_and_nothing_is_loaded(city, tmp_path):
    before = DayOverride.objects.filter(date__year=2026).count()
    assert before > 20
    stray = NATIONAL_DAY_2027 + "2026-05-06,holiday,劳动节\n"
    with pytest.raises(CommandError, match="第 11 行的日期 2026-05-06 不在本文件的年份（2027 年）之内"):
        run("calendar", "import", notice(tmp_path, stray))
    assert DayOverride.objects.filter(date__year=2026).count() == before
    assert not DayOverride.objects.filter(date__year=2027).exists()
    assert not ScheduleYear.objects.filter(year=2027).exists()


def test_other_years_are_untouched(city, tmp_path):
    kept = list(DayOverride.objects.filter(date__year=2026).values_list("date", "kind"))
    out, _ = run("calendar", "import", notice(tmp_path, NATIONAL_DAY_2027))
    assert "已载入 9 个日期，年份：2027" in out
    assert list(DayOverride.objects.filter(date__year=2026).values_list("date", "kind")) == kept
    assert ScheduleYear.objects.filter(year=2027).exists()


def test_a_holiday_block_running_over_new_year_is_kept_without_wiping_the_year_before(city, tmp_path):
    kept = DayOverride.objects.filter(date__year=2026).count()
    text = "2026-12-31,holiday,元旦\n2027-01-01,holiday,元旦\n2027-01-02,holiday,元旦\n" + NATIONAL_DAY_2027.split("\n", 1)[1]
    run("calendar", "import", notice(tmp_path, text))
    assert DayOverride.objects.get(date=dt.date(2026, 12, 31)).kind == "holiday"
    assert DayOverride.objects.filter(date__year=2026).count() == kept + 1
    assert not ScheduleYear.objects.filter(year=2026, source__contains="2027.csv").exists()


def test_odd_lines_are_warned_about_by_date(city, tmp_path):
    text = NATIONAL_DAY_2027 + "2027-11-13,holiday,\n2027-11-17,workday,\n"
    _, err = run("calendar", "import", notice(tmp_path, text))
    assert "2027-11-13（周六）本是周末，单独列为休息日" in err
    assert "2027-11-17（周三）本是工作日，却列为调休上班日" in err
    assert "2027-10-02" not in err  # a weekend inside the National Day block is what a block is


def test_open_deadlines_across_a_changed_day_are_counted_again_on_the_timeline(city, tmp_path):
    case = dispatched(city, "tongliao", now=at("2027-09-28 10:00"))
    before = fresh(case).due_at
    assert fresh(case).calendar_unverified  # 2027's schedule is not loaded yet
    out, _ = run("calendar", "import", notice(tmp_path, NATIONAL_DAY_2027))
    assert "在办留言期限随之调整 1 件" in out
    case = fresh(case)
    assert case.due_at > before and not case.calendar_unverified
    event = Event.objects.get(case=case, action=Action.RECALENDAR)
    assert event.data["due_before"] != event.data["due_after"] and event.data["verified"] is True
    assert event.state_before == event.state_after == "dispatched"
    # on the staff timeline
    from django.test import Client

    client = Client()
    client.force_login(city.operator)
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "节假日安排调整期限" in page and event.data["due_after"] in page


def test_a_case_before_the_changed_days_is_left_alone(city, tmp_path):
    case = dispatched(city, "tongliao", now=at("2026-03-02 10:00"))
    run("calendar", "import", notice(tmp_path, NATIONAL_DAY_2027))
    assert not Event.objects.filter(case=case, action=Action.RECALENDAR).exists()


@pytest.mark.parametrize("args, message", [
    (("add", "1899-12-31", "3"), "超出工作日历的范围"),
    (("add", "2026-01-01", "9" * 30), "过大"),
    (("is-workday", "2101-01-01"), "超出工作日历的范围"),
])
def test_dates_outside_the_calendar_and_huge_counts_are_refused(db, args, message):
    with pytest.raises(CommandError, match=message):
        run("calendar", *args)
