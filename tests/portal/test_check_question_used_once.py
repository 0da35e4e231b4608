"""The check question (验证问题) is answered once: any answer, right or wrong, uses its token up;
a wrong answer gets a new question; a solved token brought again, later or at the same moment
by many requests, lets no second message in."""
import re

import pytest

from minpan.cases.models import Case
from minpan.portal import limits

from .conftest import at_once, form_data
from .test_limits_hold_under_parallel_requests import MESSAGE, write_page, written


def solve(question: str) -> int:
    digits = "零一二三四五六七八九十"
    a, op, b = re.fullmatch(r"(.)(加|减)(.)", question).groups()
    return digits.index(a) + digits.index(b) if op == "加" else digits.index(a) - digits.index(b)


def asked(html: str) -> tuple[str, str]:
    """(question, token) the page asks."""
    return (re.search(r"验证问题：(.+?)等于几？", html).group(1),
            re.search(r'name="check_token" value="([^"]+)"', html).group(1))


@pytest.fixture
def near_the_limit(db):
    for _ in range(limits.SUBMIT_PER_IP.near):
        limits.hit(limits.SUBMIT_PER_IP, "127.0.0.1")


def test_a_wrong_answer_uses_the_question_up_and_gets_a_new_one(client, near_the_limit):
    question, token = asked(client.get("/write/").content.decode())
    data = form_data(client)
    resp = client.post("/write/", {**data, "check_token": token, "check_answer": str(solve(question) + 1)})
    assert resp.status_code == 400 and "请正确回答验证问题" in resp.content.decode()
    new_question, new_token = asked(resp.content.decode())
    assert new_token != token
    # the first question's right answer no longer opens the way: it was answered once already
    resp = client.post("/write/", {**data, "check_token": token, "check_answer": str(solve(question))})
    assert resp.status_code == 400 and Case.objects.count() == 0
    question, token = asked(resp.content.decode())
    assert client.post("/write/", {**data, "check_token": token, "check_answer": str(solve(question))}).status_code == 302


def test_a_solved_question_lets_one_message_in_not_two(client, near_the_limit):
    question, token = asked(client.get("/write/").content.decode())
    answer = str(solve(question))
    assert client.post("/write/", {**form_data(client), "check_token": token, "check_answer": answer}).status_code == 302
    resp = client.post("/write/", {**form_data(client), "check_token": token, "check_answer": answer})
    assert resp.status_code == 400 and Case.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the server sees committed rows
def test_one_solved_question_sent_many_times_at_once_lets_one_message_in(server):
    port, url = server
    for i in range(limits.SUBMIT_PER_IP.near):
        written(port, phone=f"1370000000{i}")
    forms = [write_page(port) for _ in range(6)]
    question, token = forms[0][1]["question"], forms[0][1]["check_token"]
    assert question and token
    answers = at_once([
        lambda b=b, f=f, i=i: b.post("/write/", {
            **MESSAGE, "phone": f"1360000000{i}", "key": f["key"], "check_token": token, "check_answer": str(solve(question)),
        })
        for i, (b, f) in enumerate(forms)
    ])
    assert sorted(status for status, _ in answers) == [302, 400, 400, 400, 400, 400]
