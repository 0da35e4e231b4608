"""Redaction of what the portal publishes (pure: no database)."""
import pytest

from minpan.textmine.redact import id_checksum_ok, luhn_ok, redact, spans

VALID_ID = "150525198506123010"


def test_the_writers_name_and_its_given_part_are_masked():
    assert redact("我叫王小明，小明的邻居也知道", names=["王小明"]) == "我叫某某，某某的邻居也知道"


def test_compound_surnames_keep_the_given_name_rule():
    assert "建国" not in redact("欧阳建国反映：建国路积水", names=["欧阳建国"])


def test_a_one_character_given_name_alone_is_left_as_it_is_too_common_to_mask():
    assert redact("王明说明天来", names=["王明"]) == "某某说明天来"


@pytest.mark.parametrize("text, expected", [
    ("请王先生回电", "请某先生回电"),
    ("李女士反映", "某女士反映"),
    ("欧阳先生", "某先生"),
    ("，张某某称", "，某某称"),
    ("姓名：赵大海", "姓名：某某"),
])
def test_surname_and_title_patterns(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("电话13800138000", "电话138****8000"),
    ("手机 138-0013-8000。", "手机 138-****-8000。"),
    ("+86 138 0013 8000", "+86 138 **** 8000"),
    ("座机0475-8234567", "座机0475-***4567"),
    ("(010)62345678", "(010)****5678"),
    ("电话：8234567", "电话：***4567"),
])
def test_phone_numbers_keep_head_and_tail(text, expected):
    assert redact(text) == expected


def test_id_numbers_are_masked_only_with_a_valid_checksum():
    assert id_checksum_ok(VALID_ID)
    assert redact(f"身份证{VALID_ID}") == "身份证150***********3010"
    assert redact("订单号150525198506123011") == "订单号150525198506123011"


def test_a_15_digit_id_number_is_masked():
    assert redact("旧身份证150525850612301") == "旧身份证150*********301"


def test_bank_cards_pass_the_luhn_check():
    assert luhn_ok("6222020200001234567") is False and luhn_ok("4111111111111111")
    assert redact("卡号4111111111111111") == "卡号4111********1111"
    assert redact("卡号 4111 1111 1111 1111") == "卡号 4111 **** **** 1111"


def test_email_keeps_the_first_letter_and_the_domain():
    assert redact("邮箱 wxm@example.cn 联系") == "邮箱 w***@example.cn 联系"


def test_licence_plates():
    assert redact("车牌京A12345违停") == "车牌京A***45违停"
    assert redact("新能源车粤B·D12345") == "新能源车粤B·****45"


def test_flat_numbers_but_not_a_building_alone():
    assert redact("家住幸福小区3号楼2单元501室") == "家住幸福小区*号楼*单元*室"
    assert redact("小区3号楼前路灯坏了") == "小区3号楼前路灯坏了"
    assert redact("五栋三单元") == "*栋*单元"


def test_extra_literals_catch_what_the_patterns_miss():
    assert "110101199003071234" not in redact("身份证110101199003071234", extra=["110101199003071234"])


def test_spans_report_kinds_in_order_without_overlap():
    found = spans(f"王先生 13800138000 {VALID_ID} a@b.cn", names=["王小明"])
    assert [s.kind for s in found] == ["name", "mobile", "id", "email"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_ordinary_text_is_left_readable():
    text = "2026年3月5日下午，幸福路与建设路交叉口的红绿灯坏了，高峰期拥堵 30 分钟以上。"
    assert redact(text) == text


def test_empty_and_none():
    assert redact("") == "" and redact(None) == ""


def test_a_writer_who_introduces_themselves_is_masked_but_a_place_is_not():
    from minpan.textmine.redact import redact

    assert "王小明" not in redact("我是王小明，家住幸福小区。")
    assert "李娜" not in redact("反映人：李娜。")
    assert redact("我是高新区居民，想咨询社保。") == "我是高新区居民，想咨询社保。"


def test_a_person_named_after_their_role_is_masked():
    from minpan.textmine.redact import redact

    assert "赵某" not in redact("物业经理赵某拒绝维修。")


def test_grouped_nineteen_digit_cards_and_flats_without_room_sign():
    from minpan.textmine.redact import luhn_ok, redact

    number = "6222020200112233445"
    # make it Luhn-valid by fixing the last digit
    for last in range(10):
        candidate = number[:-1] + str(last)
        if luhn_ok(candidate):
            break
    grouped = " ".join(candidate[i:i + 4] for i in range(0, 19, 4))
    assert candidate[4:15] not in redact(f"卡号 {grouped} 被冻结").replace(" ", "")
    assert "1102" not in redact("住在14栋5单元1102，楼道漏水。")
    assert redact("小区有几百户居民。") == "小区有几百户居民。"
