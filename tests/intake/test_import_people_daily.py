"""`minpan import FILE --format people_daily`: a 人民网领导留言板 export into received cases, 主席板块
items (assigned by the region, Tongliao 第三条) on their own channel, the writer's name kept
privately with the case, and a second run of the same file importing nothing."""
from minpan.cases.models import Case, Citizen
from minpan.cases.states import State
from tests.intake.files import csv_file, run_import

HEADER = ["留言编号", "标题", "内容", "留言时间", "留言人", "板块"]
ROWS = [
    ["R1001", "科尔沁区供暖不热", "阳光小区 3 号楼室温只有 14 度，请尽快处理。", "2026-11-20 09:15", "张先生", "市长板块"],
    ["R1002", "开鲁县道路破损", "县城新华路多处坑洼，夜间行车危险。", "2026/11/21 20:03:11", "网友 9527", "自治区主席板块"],
]


def test_a_board_export_becomes_received_cases(db, tmp_path):
    lines, _ = run_import(str(csv_file(tmp_path / "board.csv", HEADER, ROWS)), "--format", "people_daily")
    assert lines[-1] == "imported 2, already there 0, rejected 0"
    heat = Case.objects.get(external_id="R1001")
    assert (heat.channel, heat.state, heat.subject) == ("people_daily", State.RECEIVED, "科尔沁区供暖不热")
    assert heat.received_at.isoformat() == "2026-11-20T01:15:00+00:00"  # 09:15 Beijing time
    assert Citizen.objects.get(case=heat).name == "张先生"
    assert Case.objects.get(external_id="R1002").channel == "people_daily_chairman"
    assert heat.events.get().action == "collect"


def test_the_same_file_twice_imports_nothing_new(db, tmp_path):
    path = str(csv_file(tmp_path / "board.csv", HEADER, ROWS))
    run_import(path, "--format", "people_daily")
    lines, _ = run_import(path, "--format", "people_daily")
    assert lines == ["imported 0, already there 2, rejected 0"]
    assert Case.objects.count() == 2


def test_an_export_saved_by_older_office_software_in_gb18030_imports(db, tmp_path):
    path = csv_file(tmp_path / "board-gbk.csv", HEADER, ROWS, encoding="gb18030")
    lines, err = run_import(str(path), "--format", "people_daily")
    assert lines[-1] == "imported 2, already there 0, rejected 0"
    assert Case.objects.get(external_id="R1001").subject == "科尔沁区供暖不热" and "gb18030" in err
