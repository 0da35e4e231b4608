"""ID numbers whatever their check digit, bank cards, account and student/staff numbers."""
import pytest

from minpan.redaction import redact, spans
from minpan.redaction.numbers import id_checksum_ok, luhn_ok

VALID_ID = "150525198506123010"
WRONG_CHECK = "150525198506123011"


def test_an_id_is_masked_whether_or_not_its_check_digit_is_right():
    assert id_checksum_ok(VALID_ID) and not id_checksum_ok(WRONG_CHECK)
    assert redact(f"身份证{VALID_ID}") == "身份证150***********3010"
    assert redact(f"身份证号：{WRONG_CHECK}，请核实") == "身份证号：150***********3011，请核实"


@pytest.mark.parametrize("written", [
    "150525 19850612 3011", "150525-19850612-3011", "１５０５２５１９８５０６１２３０１１", "15052519850612301X",
    "150525 1985 0612 301x",
])
def test_an_id_in_any_spelling(written):
    [span] = spans(f"本人身份证号码{written}，已交到村委会。")
    assert span.kind == "id"
    assert span.replacement.count("*") == 11


def test_a_15_digit_id():
    assert redact("旧身份证150525850612301") == "旧身份证150*********301"


def test_a_realistic_message_with_an_id_typed_with_a_typo():
    text = ("我叫李娜，2019年在A3区社保局办理退休，身份证号码430102196505121238（最后一位可能写错了），"
            "至今没有拿到养老金，请领导帮忙查一下。")
    out = redact(text)
    assert "196505" not in out and "李娜" not in out
    assert "2019年在A3区社保局办理退休" in out


def test_cards_pass_luhn_or_follow_a_card_word():
    assert luhn_ok("4111111111111111") and not luhn_ok("6222020200001234567")
    assert redact("卡号4111111111111111") == "卡号4111********1111"
    assert redact("卡号 4111 1111 1111 1111") == "卡号 4111 **** **** 1111"
    # fails Luhn, but the words say it is a card
    assert redact("工资打到银行卡6222020200001234567上") == "工资打到银行卡6222***********4567上"
    # fails Luhn and nothing says card: some other number
    assert redact("编码6222020200001234567") == "编码6222020200001234567"


def test_a_grouped_nineteen_digit_card():
    # Luhn-valid, and nothing but its shape says it is a card
    assert redact("补贴存入 6222 0202 0000 1234 562 了") == "补贴存入 6222 **** **** ***4 562 了"


@pytest.mark.parametrize("text, hidden", [
    ("我家燃气户号：2010345678，欠费被停气", "2010345678"),
    ("社保号 43010211122，查不到缴费记录", "43010211122"),
    ("公积金账号是12345678901", "12345678901"),
    ("会员号88812345", "88812345"),
])
def test_account_numbers_after_their_label(text, hidden):
    [span] = spans(text)
    assert span.kind == "account" and text[span.start:span.end] == hidden


@pytest.mark.parametrize("text, hidden", [
    ("孩子学号：2019123456，在A市一中读初二", "2019123456"),
    ("我的工号是A00123", "A00123"),
    ("员工号 880012", "880012"),
    ("准考证号：123456789012，成绩查不到", "123456789012"),
    ("病历号 98765，住院号A123456", "98765"),
])
def test_student_staff_exam_and_patient_numbers(text, hidden):
    found = spans(text)
    assert found[0].kind == "serial" and text[found[0].start:found[0].end] == hidden


def test_an_amount_after_account_is_no_account_number():
    assert redact("银行打到我账户11783.12元") == "银行打到我账户11783.12元"
