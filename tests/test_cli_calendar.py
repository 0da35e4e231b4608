import io

import pytest
from django.core.management import CommandError, call_command


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip()


def test_add_prints_the_iso_date_after_national_day(db):
    assert run("calendar", "add", "2026-09-30", "5")[0] == "2026-10-13"


def test_is_workday_knows_the_makeup_saturday(db):
    assert run("calendar", "is-workday", "2026-10-10")[0] == "yes"
    assert run("calendar", "is-workday", "2026-10-05")[0] == "no"


def test_bad_date_is_refused_clearly(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("calendar", "add", "2026-13-01", "5")


def test_negative_days_are_refused(db):
    with pytest.raises(CommandError, match="不能为负数"):
        run("calendar", "add", "2026-09-30", "-2")


def test_a_year_without_schedule_is_flagged_loudly(db):
    out, err = run("calendar", "add", "2027-09-30", "1")
    assert out == "2027-10-01"  # weekends only: the 2027 National Day is not known yet
    assert "2027 年的节假日安排未载入" in err


def test_importing_the_next_years_notice_changes_the_arithmetic(db, tmp_path):
    notice = tmp_path / "2027.csv"
    notice.write_text(
        "date,kind,name\n"
        + "".join(f"2027-10-0{d},holiday,国庆节\n" for d in range(1, 8))
        + "2027-09-26,workday,国庆节\n2027-10-09,workday,国庆节\n",
        encoding="utf-8",
    )
    assert "已载入 9 个日期" in run("calendar", "import", str(notice))[0]
    out, err = run("calendar", "add", "2027-09-30", "1")
    assert out == "2027-10-08"
    assert err == ""
    assert run("calendar", "is-workday", "2027-10-09")[0] == "yes"


def test_import_names_the_bad_line_and_loads_nothing(db, tmp_path):
    notice = tmp_path / "bad.csv"
    notice.write_text("2027-10-01,holiday,国庆节\n2027-10-02,vacation,国庆节\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第 2 行类型"):
        run("calendar", "import", str(notice))
    assert run("calendar", "is-workday", "2027-10-01")[0] == "yes"


def test_import_of_a_missing_file_says_so(db):
    with pytest.raises(CommandError, match="找不到文件"):
        run("calendar", "import", "/nonexistent/2027.csv")
