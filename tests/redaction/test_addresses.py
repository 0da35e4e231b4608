"""Door-level addresses and plates: the road, estate and village stay readable."""
import pytest

from minpan.redaction import redact


@pytest.mark.parametrize("text, expected", [
    ("我家住在幸福路88号，", "我家住在幸福路**号，"),
    ("地址：幸福路88号幸福家园小区5栋", "地址：幸福路**号幸福家园小区*栋"),
    ("家住幸福小区3号楼2单元501室", "家住幸福小区*号楼*单元***室"),
    ("我住3号楼501，楼上漏水", "我住*号楼***，楼上漏水"),
    ("业主家在2单元601，", "业主家在*单元***，"),
    ("住在张家村三组12号，", "住在张家村三组**号，"),
    ("石门村五村民小组8号", "石门村五村民小组*号"),
    ("五栋三单元", "*栋*单元"),
    ("住在14栋5单元1102，楼道漏水。", "住在**栋*单元****，楼道漏水。"),
    ("住恒大华府19-5-302，", "住恒大华府**-*-***，"),
    ("住址：恒大华府13号楼，", "住址：恒大华府**号楼，"),
])
def test_door_level_parts_are_starred(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "小区3号楼前的路灯坏了。",
    "3号楼前的路灯坏了，晚上很黑。",
    "5栋楼下垃圾堆积。",
    "小区有几百户居民，共522户。",
    "房子是三室两厅。",
    "地铁2号线施工噪音大。",
    "这是县城一座标志性的古桥。",
    "第三单元的考试题目太难。",
])
def test_where_a_problem_is_stays(text):
    assert redact(text) == text


def test_a_realistic_complaint_keeps_the_estate_and_road():
    text = ("我是丽发新城的业主，住8栋2单元1203室。小区北门外的芙蓉中路每天晚上都有渣土车经过，"
            "3号楼前的路灯也坏了两个月。")
    out = redact(text)
    assert "丽发新城" in out and "芙蓉中路" in out and "3号楼前的路灯" in out
    assert "1203" not in out and "*栋*单元****室" in out


@pytest.mark.parametrize("text, expected", [
    ("车牌京A12345违停", "车牌京A***45违停"),
    ("新能源车粤B·D12345", "新能源车粤B·****45"),
    ("蒙G·A1234的车", "蒙G·***34的车"),
])
def test_licence_plates(text, expected):
    assert redact(text) == expected
