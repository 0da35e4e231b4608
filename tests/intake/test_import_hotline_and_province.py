"""12345 work orders and provincial transfers: 12345 comes in as the 市长热线 where the policy
knows it by that name (Chizhou 第一条), a work order with no title is titled from its first sentence,
and a provincial transfer keeps the platform it came from."""
from minpan.cases.models import Case, Citizen
from tests.intake.files import csv_file, run_import, xlsx_file


def test_work_orders_under_chizhou_come_in_as_the_mayors_hotline(db, tmp_path, settings):
    settings.MINPAN_POLICY = "chizhou"
    path = csv_file(tmp_path / "12345.csv", ["工单编号", "诉求内容", "来电时间", "来电人", "来电号码", "事发地址"], [
        ["GD20261120001", "小区门口垃圾三天无人清运。气味很大。", "2026-11-20 09:00:00", "王女士", "13800138000", "贵池区秋浦路"],
    ])
    lines, _ = run_import(str(path), "--format", "hotline_12345")
    assert lines[-1] == "imported 1, already there 0, rejected 0"
    case = Case.objects.get(external_id="GD20261120001")
    assert case.channel == "mayor_hotline" and case.subject == "小区门口垃圾三天无人清运"
    citizen = Citizen.objects.get(case=case)
    assert (citizen.name, citizen.phone, citizen.address) == ("王女士", "13800138000", "贵池区秋浦路")


def test_provincial_transfers_keep_their_platform(db, tmp_path, settings):
    settings.MINPAN_POLICY = "chizhou"
    path = xlsx_file(tmp_path / "province.xlsx", ["转办编号", "来源", "标题", "内容", "转办时间"], [
        [202611001, "国务院“互联网+督查”平台", "企业欠薪", "某公司拖欠工资三个月。", "2026-11-18 10:00"],
        [202611002, "安徽省人民政府网省长信箱", "学校收费", "某中学违规收取补课费。", "2026-11-19"],
        [202611003, "某论坛", "无关来源", "内容。", "2026-11-19"],
    ])
    lines, _ = run_import(str(path), "--format", "province")
    assert lines[-1] == "imported 2, already there 0, rejected 1"
    assert Case.objects.get(external_id="202611001").channel == "gov_supervision"
    assert Case.objects.get(external_id="202611002").channel == "governor_mailbox"
    assert lines[0].startswith("第 4 行：来源“某论坛”不是已知的省级平台")
