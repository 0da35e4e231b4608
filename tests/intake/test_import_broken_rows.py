"""A channel's file with broken records still imports its good ones; each bad one is reported with
the file line where its record starts (the header is line 1, records may span lines) and why."""
import pytest
from django.core.management import CommandError

from minpan.cases.models import Case
from tests.intake.files import run_import

GOOD = "R1,路灯不亮,幸福小区路灯不亮已一周。,2026-11-20 09:00,张三,市长板块\n"


def test_bad_records_are_reported_by_line_and_good_ones_kept(db, tmp_path):
    body = (
        "留言编号,标题,内容,留言时间,留言人,板块\n"                                   # line 1
        + GOOD                                                                         # line 2
        + 'R2,排水不畅,"雨后积水\n深达半米，\n请疏通。",2026-11-21 10:00,李四,市长板块\n'  # lines 3-5
        + "R3,时间写错,内容完整的一条留言。,昨天下午,王五,市长板块\n"                    # line 6
    ).encode() + "R4,坏字节,这一条有坏字节".encode() + b"\xff\xfe" + ",2026-11-22 08:00,赵六,市长板块\n".encode() + (
        "R5,,没有标题的留言内容。,2026-11-22 09:00,钱七,市长板块\n"                      # line 8
        "R6,最后一条,好好的一条留言。,2026-11-23 09:00,孙八,市长板块\n"                  # line 9
    ).encode()
    path = tmp_path / "board.csv"
    path.write_bytes(body)
    lines, _ = run_import(str(path), "--format", "people_daily")
    assert lines[-1] == "imported 3, already there 0, rejected 3"
    assert set(Case.objects.values_list("external_id", flat=True)) == {"R1", "R2", "R6"}
    assert Case.objects.get(external_id="R2").body == "雨后积水\n深达半米，\n请疏通。"
    report = "\n".join(lines[:-1])
    assert "第 6 行：“留言时间”不是可识别的时间：'昨天下午'" in report
    assert "第 7 行：含无法识别的字节" in report
    assert "第 8 行：“标题”为空" in report


def test_a_record_refused_by_the_policy_is_reported_not_lost(db, tmp_path, settings):
    settings.MINPAN_POLICY = "tongliao"  # the 人民网 boards only
    path = tmp_path / "x.csv"
    path.write_text("工单编号,诉求内容,来电时间\nG1,小区门口垃圾无人清运。,2026-11-20 09:00\n", encoding="utf-8")
    lines, _ = run_import(str(path), "--format", "hotline_12345")
    assert lines[-1] == "imported 0, already there 0, rejected 1"
    assert lines[0].startswith("第 2 行：本制度不受理“12345 政务服务热线”渠道的留言")


def test_an_unknown_format_is_refused_with_the_list(db, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="未知的格式 .weibo.。可用：people_daily、hotline_12345、shangluo、province、csv"):
        run_import(str(path), "--format", "weibo")


def test_missing_columns_are_named(db, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("编号,标题\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"表头缺少人民网领导留言板格式所需的列：body（内容或留言内容）"):
        run_import(str(path), "--format", "people_daily")


def test_a_missing_file_is_said_plainly(db, tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        run_import(str(tmp_path / "none.csv"), "--format", "people_daily")
