"""Phones in the spellings citizens use (pure: no database)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from minpan.redaction import digits_of, redact, spans

FW = str.maketrans("0123456789", "０１２３４５６７８９")


def test_a_realistic_message_with_a_dotted_and_a_dashed_mobile():
    text = "我的手机138.1234.5678打不通的话，请打我爱人的1381-234-5678，白天在上班。"
    out = redact(text)
    assert "1234" not in out.replace("1381", "") and "138.****.5678" in out
    assert "13812345678" not in digits_of(out)


def test_mobile_spellings():
    assert redact("电话13800138000") == "电话138****8000"
    assert redact("手机 138-0013-8000。") == "手机 138-****-8000。"
    assert redact("+86 138 0013 8000") == "+86 138 **** 8000"
    assert redact("0086-13800138000") == "0086-138****8000"
    assert redact("手机１３９１２３４５６７８") == "手机１３９****５６７８"


def test_a_mobile_broken_over_a_line_is_still_one_number():
    text = "有事请联系1391234\n5678，谢谢"
    [span] = spans(text)
    assert span.kind == "mobile" and text[span.start:span.end] == "1391234\n5678"


def test_landlines_with_area_codes_and_extensions():
    assert redact("座机0475-8234567") == "座机0475-***4567"
    assert redact("(010)62345678") == "(010)****5678"
    assert redact("家里电话0475 8123456") == "家里电话0475 ***3456"
    assert redact("单位0731-84512345转808找我") == "单位0731-****2345转808找我"


def test_bare_local_numbers_only_after_a_phone_word():
    assert redact("电话：8234567") == "电话：***4567"
    assert redact("联系方式 82345678。") == "联系方式 ****5678。"
    assert redact("共8234567人次") == "共8234567人次"


def test_two_phones_side_by_side():
    found = spans("电话13812345678/13987654321")
    assert [s.kind for s in found] == ["mobile", "mobile"]


def test_digits_of_reads_full_width_and_drops_separators():
    assert digits_of("１３８-1234 5678") == "13812345678"
    assert digits_of("") == "" and digits_of(None) == ""


separators = st.sampled_from([" ", "  ", "-", ".", "\n", " - ", "·", "_"])


@settings(max_examples=200, deadline=None)
@given(
    second=st.sampled_from("3456789"),
    rest=st.text("0123456789", min_size=9, max_size=9),
    cuts=st.lists(st.tuples(st.integers(1, 10), separators), max_size=2, unique_by=lambda c: c[0]),
    full_width=st.lists(st.booleans(), min_size=11, max_size=11),
    before=st.sampled_from(["我的电话是", "手机：", "联系", "请打", ""]),
    after=st.sampled_from(["，谢谢。", "。", "（白天）", ""]),
)
def test_any_mobile_with_any_separators_or_full_width_digits_is_fully_masked(second, rest, cuts, full_width,
                                                                          before, after):
    number = "1" + second + rest
    chars = [c.translate(FW) if fw else c for c, fw in zip(number, full_width)]
    for at, sep in sorted(set(cuts), reverse=True):
        chars.insert(at, sep)
    written = "".join(chars)
    text = before + written + after
    hidden = [s for s in spans(text) if s.kind == "mobile"]
    assert len(hidden) == 1
    start = len(before)
    assert hidden[0].start <= start and start + len(written) <= hidden[0].end
    # the middle four digits are starred, whatever the spelling; head and tail stay
    assert hidden[0].replacement.count("*") == 4
    assert digits_of(hidden[0].replacement) == number[:3] + number[7:]
