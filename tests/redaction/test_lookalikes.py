"""Numbers and words that look like personal data but are not: they stay as written."""
import pytest

from minpan.redaction import redact


@pytest.mark.parametrize("text", [
    "2026年3月12日下午，幸福路与建设路交叉口的红绿灯坏了，高峰期拥堵 30 分钟以上。",
    "从2019-10-08开始施工，2020.01.15停工。",
    "拖欠工资12000元，罚款¥3,500.00，补贴2,400元，损失约15.6万元。",
    "依据通政办发〔2023〕12号文件，湘政发〔2019〕5号，第3号令。",
    "订单号150525198506123011，快递单号：4302021985061212，运单号 123456789012345。",
    "发票号码6228480402564890018已开具。",
    "已拨打12345，打过12315，报警110，叫了120，反映到12369。",
    "同比增长了35%，面积120平方米，共有300户，第3期，三室两厅。",
    "表格里的数据 18112525462.26 是统计值。",
    "1986.2-1991.11在G5县粮食局工作。",
    "本人于2016年10月生下二胎，2009年4月生育一男孩。",
])
def test_look_alikes_stay(text):
    assert redact(text) == text


def test_an_official_phone_passed_in_keep_stays_in_any_spelling():
    text = "如有疑问请拨打我局值班电话0475-8888888或0475 8888888，投诉人电话13812345678。"
    out = redact(text, keep=["0475-8888888"])
    assert out.count("8888888") == 2 and "13812345678" not in out


def test_keep_drops_a_span_inside_a_kept_literal():
    text = "请联系王先生（幸福路社区值班室）"
    assert redact(text, keep=["王先生"]) == text


def test_empty_and_none():
    assert redact("") == "" and redact(None) == ""
