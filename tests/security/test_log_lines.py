"""Log lines cannot be forged and carry no personal data or secrets: every handler configured in
settings.LOGGING escapes CR/LF (and other control characters) and masks phone, ID and card
numbers, e-mail addresses, passwords and tokens — in the message, in its arguments, in tracebacks."""
import io
import logging
from contextlib import contextmanager

import pytest


@contextmanager
def console(logger_name: str):
    """What the configured handler of `logger_name` writes, as the server's log would hold it."""
    handler = logging.getLogger(logger_name).handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)


def test_a_forged_line_stays_on_one_line_with_the_number_masked():
    with console("minpan") as out:
        logging.getLogger("minpan.portal").warning("查询失败：%s", "13812345678\n伪造行")
    text = out.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")
    assert "13812345678" not in text and "138****5678" in text
    assert "\\n伪造行" in text


@pytest.mark.parametrize("message, secret", [
    ("邮件发送失败：wxm@example.cn", "wxm@example.cn"),
    ("身份证 110101199003071234 已登记", "110101199003071234"),
    ("网关请求 Authorization: Bearer abcDEF123456", "abcDEF123456"),
    ("login failed password=hunter2-very-secret", "hunter2-very-secret"),
    ("{'token': 'tok_0123456789abcdef'}", "tok_0123456789abcdef"),
    ("回执密码：AB12CD34", "AB12CD34"),
])
def test_personal_data_and_secrets_are_masked(message, secret):
    with console("minpan") as out:
        logging.getLogger("minpan.notify").error("%s", message)
    assert secret not in out.getvalue()


def test_other_control_characters_are_escaped_too():
    with console("minpan") as out:
        logging.getLogger("minpan").info("a\rb\x1b[31mc\u2028d")
    assert out.getvalue() == "a\\rb\\x1b[31mc\\x2028d\n"


def test_a_traceback_keeps_its_lines_indented_under_its_record_and_masked():
    with console("minpan") as out:
        try:
            raise ValueError("bad phone 13812345678\nERROR forged record")
        except ValueError:
            logging.getLogger("minpan.notify").exception("发送出错")
    lines = out.getvalue().splitlines()
    assert lines[0] == "发送出错"
    assert all(line.startswith("    ") for line in lines[1:])  # nothing else starts at the margin
    assert "13812345678" not in out.getvalue()


def test_djangos_not_found_warning_with_a_newline_in_the_path_is_one_line(client, db):
    with console("django") as out:
        client.get("/desk/no-such-page%0AERROR%20forged/")
    text = out.getvalue()
    assert "Not Found" in text and text.count("\n") == 1
