"""The portal's limits hold when an attacker sends many requests at the same moment: a real
server process (runserver, threaded, one database connection per request) on a file SQLite
database or the PostgreSQL test database, and requests released together from threads.

What a request was allowed to do is read from its answer: a message accepted is a redirect to
its receipt; a look-up whose password was compared says "查询码或查询密码不正确"; one refused
before any comparison says "查询失败次数过多".
"""
import re

import pytest

from minpan.portal import limits

from .conftest import Browser, at_once, run_sql

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the server sees committed rows

WRONG = "查询码或查询密码不正确"
TOO_MANY = "查询失败次数过多"
MESSAGE = {
    "name": "王小明", "email": "", "msg_type": "consult", "domain": "", "subject": "小区路灯不亮",
    "body": "幸福小区 3 号楼前路灯坏了一个月，晚上出行不便，请尽快修复。",
    "may_publish": "yes", "consent": "on", "website": "",
}


def write_page(port) -> tuple[Browser, dict]:
    """A browser that opened the write form: the form as it was handed out (key, check token)."""
    browser = Browser(port)
    status, page = browser.get("/write/")
    assert status == 200, page[:300]
    token = re.search(r'name="check_token"(?: value="([^"]*)")?', page).group(1) or ""
    question = re.search(r"验证问题：(.+?)等于几？", page)
    return browser, {
        "key": re.search(r'name="key" value="([^"]+)"', page).group(1), "check_token": token,
        "question": question.group(1) if question else "",
    }


def written(port, phone="13800138000") -> tuple[str, str]:
    """A message written through the server: (tracking code, query password) as its writer holds them."""
    browser, form = write_page(port)
    status, receipt = browser.post("/write/", {**MESSAGE, "phone": phone, "key": form["key"]})
    assert status == 302, receipt[:500]
    page = browser.get(receipt)[1]
    return (re.search(r'id="tracking-code">([A-Z0-9]+)<', page).group(1),
            re.search(r'id="query-password">([A-Z0-9]+)<', page).group(1))


def test_twelve_messages_at_once_from_one_address_let_no_more_than_the_limit_in_without_the_check(server):
    port, url = server
    forms = [write_page(port) for _ in range(12)]
    answers = at_once([
        # a different phone each, so only the address's limit is in play
        lambda b=b, f=f, i=i: b.post("/write/", {**MESSAGE, "phone": f"139000000{i:02d}", "key": f["key"]})
        for i, (b, f) in enumerate(forms)
    ])
    accepted = [a for a in answers if a[0] == 302]
    assert 1 <= len(accepted) <= limits.SUBMIT_PER_IP.near, [a[0] for a in answers]
    refused = [a for a in answers if a[0] != 302]
    assert all(status == 400 and "验证问题" in page for status, page in refused)
    # and the next writer from this address is asked the question at once
    assert "验证问题：" in Browser(port).get("/write/")[1]


def test_forty_wrong_look_ups_at_once_from_one_address_compare_at_most_twenty_passwords(server):
    port, url = server
    browser = Browser(port)
    browser.get("/query/")
    answers = at_once([
        lambda i=i: browser.post("/query/", {"code": f"ZZ{i:08d}", "password": "WRONGPWD"}) for i in range(40)
    ])
    compared = [a for a in answers if WRONG in a[1]]
    assert len(compared) <= limits.QUERY_FAIL_PER_IP.allowed
    assert all(status == 400 and (WRONG in page or TOO_MANY in page) for status, page in answers)
    assert len(compared) >= 1


def test_twenty_wrong_passwords_at_once_on_one_code_compare_at_most_five_and_then_the_right_one_waits(server):
    port, url = server
    code, password = written(port)
    browser = Browser(port)
    browser.get("/query/")
    answers = at_once([lambda: browser.post("/query/", {"code": code, "password": "WRONGPWD"}) for _ in range(20)])
    assert sum(WRONG in a[1] for a in answers) <= limits.QUERY_FAIL_PER_CODE.allowed
    assert sum(TOO_MANY in a[1] for a in answers) >= 20 - limits.QUERY_FAIL_PER_CODE.allowed

    status, page = browser.post("/query/", {"code": code, "password": password})
    assert status == 400 and TOO_MANY in page
    # An hour later (the tries moved back past the window) the right password opens the message.
    run_sql(url, "UPDATE portal_hit SET at = '2000-01-01 00:00:00'")
    assert browser.post("/query/", {"code": code, "password": password}) == (302, "/status/")
