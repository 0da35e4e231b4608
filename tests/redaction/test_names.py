"""The writer's name and third parties' names, and ordinary words that stay."""
import pytest

from minpan.redaction import redact


@pytest.mark.parametrize("text, expected", [
    ("我是王小明，家住幸福小区。", "我是某某，家住幸福小区。"),
    ("我叫李强今年45岁", "我叫某某今年45岁"),
    ("本人张伟，", "本人某某，"),
    ("留言人：欧阳建国。", "留言人：某某。"),
    ("反映人：李娜。", "反映人：某某。"),
    ("姓名：赵大海", "姓名：某某"),
])
def test_the_writer_introducing_themselves(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text, name", [
    ("我儿子王小明在学校被打了", "王小明"),
    ("邻居张伟经常半夜装修", "张伟"),
    ("我母亲叫曾艳军住院一周了", "曾艳军"),
    ("患者刘芳，", "刘芳"),
    ("我的室友陈浩把我的东西扔了", "陈浩"),
    ("房东黄建华一直不退押金", "黄建华"),
    ("同事周婷说公司不交社保", "周婷"),
])
def test_third_parties_after_a_relation(text, name):
    assert name not in redact(text)


@pytest.mark.parametrize("text, expected", [
    ("请王先生回电", "请某先生回电"),
    ("李女士反映", "某女士反映"),
    ("物业的欧阳女士说会处理", "物业的某女士说会处理"),
    ("张伟先生多次反映此事", "某某先生多次反映此事"),
    ("，张某某称", "，某某称"),
    ("物业经理赵某拒绝维修。", "物业经理某某拒绝维修。"),
])
def test_titles_and_x_mou(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("王小明同志：您好！来信收悉。", "某某同志：您好！来信收悉。"),
    ("尊敬的李女士：", "尊敬的某女士："),
    ("张伟先生您好，", "某某先生您好，"),
    ("尊敬的王小明：您反映的问题已转交。", "尊敬的某某：您反映的问题已转交。"),
])
def test_names_quoted_back_in_a_reply(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "我是高新区居民，想咨询社保。",
    "我是一名教师，工资拖欠三个月。",
    "本人反映一个问题。",
    "我是房东，租客不交房租。",
    "王府井附近的高速公路出口堵车。",
    "班主任老师说要交资料费。",
    "感谢各位领导，学生和鼓励政策都很好。",
    "我们于某日接到通知。",
    "同事说公司不交社保。",
    "业主曾打过110。",
])
def test_ordinary_words_stay(text):
    assert redact(text) == text


def test_a_birth_date_next_to_a_name_or_a_birth_word():
    assert redact("本人1985年3月12日出生，") == "本人****年*月**日出生，"
    assert redact("出生日期：1985-03-12。") == "出生日期：****-**-**。"
    assert redact("当事人王小明，男，1985.3.12，") == "当事人某某，男，****.*.**，"


def test_a_letter_date_after_a_signature_is_no_birth_date():
    assert redact("留言人：王小明  2019年3月12日") == "留言人：某某  2019年3月12日"
