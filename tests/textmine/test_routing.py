"""Lead-unit suggestion (pure) and the `minpan route evaluate` command."""
import csv
import io

from django.core.management import call_command

from minpan.textmine.management.commands.route import canonical_agency
from minpan.textmine.routing import UnitRouter, top_k_accuracy, unit_place

HISTORY = [
    ("小区电梯坏了", "物业不修电梯", "市住建局"),
    ("老旧小区改造", "楼顶漏水请改造", "市住建局"),
    ("违章搭建", "邻居违章搭建铁皮棚", "市住建局"),
    ("学校收费", "学校乱收资料费", "市教育局"),
    ("学位紧张", "孩子入学没有学位", "市教育局"),
    ("老师补课", "老师有偿补课", "市教育局"),
    ("洛南县路灯不亮", "洛南县东街路灯不亮", "洛南县人民政府办公室"),
    ("洛南县道路硬化", "洛南县砖厂道路何时硬化", "洛南县人民政府办公室"),
]


def router():
    titles, bodies, units = zip(*HISTORY)
    return UnitRouter().fit(titles, bodies, units)


def test_the_place_in_a_units_name_is_its_county_or_district():
    assert unit_place("洛南县人民政府办公室") == "洛南县"
    assert unit_place("商洛市商州区城关街道办事处") == "商州区"
    assert unit_place("商洛市公安局") is None


def test_a_message_naming_a_county_goes_to_that_county_first():
    assert router().suggest("洛南县学校乱收费", "洛南县某中学乱收资料费")[0][0] == "洛南县人民政府办公室"


def test_a_message_without_a_place_goes_by_its_topic():
    suggested = [unit for unit, _ in router().suggest("电梯经常坏", "小区电梯坏了物业不管")]
    assert suggested[0] == "市住建局" and len(suggested) == 3


def test_top_k_accuracy_counts_a_hit_within_the_first_k():
    acc = top_k_accuracy(router(), ["孩子没有学位"], [""], ["市教育局"], ks=(1, 3))
    assert acc == {1: 1.0, 3: 1.0}


def test_agency_names_that_drifted_over_the_years_become_one():
    assert canonical_agency("市信息办") == canonical_agency("市信息中心")
    assert canonical_agency("商洛市公安局交警支队") == canonical_agency("商洛市公安局交通警察支队")
    assert canonical_agency("丹凤县政府办") == canonical_agency("丹凤县人民政府办公室") == "丹凤县人民政府"


def test_route_evaluate_splits_by_date_and_reports_top_1_and_top_3(tmp_path):
    path = tmp_path / "letters.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["mail_id", "title", "query", "query_date", "reply", "reply_date", "reply_agency", "url"])
        w.writeheader()
        for n in range(4):
            for i, (title, body, unit) in enumerate(HISTORY):
                w.writerow({"mail_id": f"{n}-{i}", "title": title, "query": body, "query_date": f"202{n}-0{i + 1}-01",
                            "reply": "", "reply_date": "", "reply_agency": unit, "url": ""})
        w.writerow({"mail_id": "x", "title": "无日期", "query": "", "query_date": "", "reply": "", "reply_date": "",
                    "reply_agency": "市教育局", "url": ""})
    out = io.StringIO()
    call_command("route", "evaluate", "--csv", str(path), stdout=out)
    lines = out.getvalue().splitlines()
    assert "no date 1" in lines[0]
    assert lines[-1].startswith("text + place in name") and "top-1" in lines[-1] and "top-3" in lines[-1]
