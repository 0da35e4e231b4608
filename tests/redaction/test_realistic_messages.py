"""Whole messages as citizens write them, and replies as units write them: nothing personal
survives, and what makes the message useful (places, dates, amounts, hotlines) does."""
from minpan.redaction import redact


def test_a_villager_writing_about_a_disabled_son():
    text = ("本人系E5县白马乡清泉村7组村民，名叫周桂英，今年68岁，儿子周小龙残疾，"
            "包工头姓刘，电话一三九零七三一二二八八，拖欠工资3万余元，多次拨打12345无果。")
    out = redact(text)
    for gone in ("周桂英", "周小龙", "姓刘", "七三一二"):
        assert gone not in out
    assert "清泉村7组村民" in out and "3万余元" in out and "12345" in out


def test_a_flat_owner_complaining_about_a_barbecue():
    text = ("我家住在A市A6区万家丽路二段298号锦绣华城小区16栋1单元2003室，楼下的烧烤店每天营业到凌晨三点。"
            "我的手机 139 0731 2288，微信 lxm_1990。")
    out = redact(text)
    assert "万家丽路二段***号锦绣华城小区**栋*单元****室" in out
    assert "0731" not in out and "lxm_1990" not in out and "烧烤店每天营业到凌晨三点" in out


def test_a_teacher_with_a_staff_number_and_a_salary_card():
    text = "我是A7县一名乡村教师，工号：0731025，工资卡号：6217 0029 2000 1234 567，已经三个月没有发工资。"
    out = redact(text)
    assert "0731025" not in out and "0029" not in out and "我是A7县一名乡村教师" in out


def test_a_mother_born_in_1952():
    text = "我母亲黄淑珍，1952年6月出生，身份证号码43010219520618002X，医保卡号：A12345678。"
    out = redact(text)
    for gone in ("黄淑珍", "1952", "0618", "A12345678"):
        assert gone not in out


def test_a_reply_addresses_the_writer_and_gives_the_office_phone():
    text = "王小明：你反映的问题已交由A市住建局办理，联系电话：0731-88888888。经查，你所住的金色家园3栋1单元属于……"
    out = redact(text, keep=["0731-88888888"])
    assert out.startswith("某某：你反映的问题") and "0731-88888888" in out and "金色家园*栋*单元" in out


def test_a_plate_and_a_manager():
    out = redact("车牌湘A·8B2C9的车主长期在小区消防通道停车，物业张经理不管。")
    assert out == "车牌湘A·***C9的车主长期在小区消防通道停车，物业某经理不管。"
