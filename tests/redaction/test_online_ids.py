"""E-mail, WeChat, QQ and Weibo ids."""
import pytest

from minpan.redaction import redact, spans


def test_email_keeps_the_first_letter_and_the_domain():
    assert redact("邮箱 wxm@example.cn 联系") == "邮箱 w***@example.cn 联系"
    assert redact("回复请发到12345678@qq.com，谢谢") == "回复请发到1***@qq.com，谢谢"


@pytest.mark.parametrize("text, value", [
    ("我的微信号是wxid_abc123，随时联系", "wxid_abc123"),
    ("微信：zhang_san88", "zhang_san88"),
    ("VX：Li2020abc 联系我", "Li2020abc"),
    ("加vx abc12345", "abc12345"),
    ("wx:hello_world", "hello_world"),
])
def test_wechat_ids(text, value):
    [span] = spans(text)
    assert span.kind == "wechat" and text[span.start:span.end] == value
    assert span.replacement == value[0] + "*" * (len(value) - 1)


@pytest.mark.parametrize("text, value", [
    ("QQ：123456789", "123456789"), ("qq号 30748522。", "30748522"), ("扣扣 10001", "10001"),
    ("我的QQ是 9876543210", "9876543210"),
])
def test_qq_numbers(text, value):
    [span] = spans(text)
    assert span.kind == "qq" and text[span.start:span.end] == value


def test_weibo_mentions_and_ids():
    assert redact("我在微博@小明爱吃鱼 发过帖") == "我在微博@***** 发过帖"
    assert redact("微博ID：1234567890。") == "微博ID：1*********。"
    assert redact("微博名：湘江老王，") == "微博名：****，"


def test_an_at_sign_without_weibo_is_left_alone():
    assert redact("不久，@厨房，卫生间漏水") == "不久，@厨房，卫生间漏水"


def test_ordinary_wechat_words_are_kept():
    text = "通过微信群通知业主，微信公众号也发了，QQ群里也有人说。"
    assert redact(text) == text
