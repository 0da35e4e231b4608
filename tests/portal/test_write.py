"""我要留言: the write form, its policy-driven fields, idempotency, rate limits, honeypot and the small check."""
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minpan.cases.models import Case, Citizen
from minpan.portal import limits
from minpan.portal.models import Attachment, Submission

from .conftest import PDF, PNG, WRITER, form_data

pytestmark = pytest.mark.django_db


def test_write_page_states_limits_consent_and_promise(client):
    page = client.get("/write/").content.decode()
    assert "标题不超过 200 字" in page and "10 至 5000 字" in page
    assert "个人信息" in page and "不会公开" in page
    assert "自承办单位收到之日起 5 个工作日内答复" in page  # tongliao
    assert 'name="website"' in page and "验证问题" not in page


def test_message_types_follow_the_active_policy(client, settings):
    settings.MINPAN_POLICY = "yuncheng"
    page = client.get("/write/").content.decode()
    assert "反映" in page and "监督意见" not in page
    settings.MINPAN_POLICY = "tongliao"
    assert "监督意见" in client.get("/write/").content.decode()


def test_a_message_becomes_one_case_on_the_policy_web_channel(client, settings):
    settings.MINPAN_POLICY = "yuncheng"
    resp = client.post("/write/", form_data(client, msg_type="report", domain="transport"))
    assert resp.status_code == 302 and resp["Location"].startswith("/receipt/")
    case = Case.objects.get()
    assert case.channel == "mayor_mailbox" and case.state == "received" and case.policy_name == "yuncheng"
    assert Citizen.objects.get(case=case).phone == WRITER["phone"]
    sub = Submission.objects.get(case=case)
    assert (sub.suggested_type, sub.suggested_domain) == ("report", "transport")


def test_naiman_writes_to_the_portal_channel(client, settings):
    settings.MINPAN_POLICY = "naiman"
    client.post("/write/", form_data(client))
    assert Case.objects.get().channel == "portal"


def test_tongliao_writes_to_its_first_channel(client):
    client.post("/write/", form_data(client, msg_type="suggestion"))
    assert Case.objects.get().channel == "people_daily"


def test_submitting_twice_with_the_same_key_makes_one_case(client):
    data = form_data(client)
    first = client.post("/write/", data)
    second = client.post("/write/", data)
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_new_form_makes_a_new_case(client):
    client.post("/write/", form_data(client))
    client.post("/write/", form_data(client, subject="另一件事情"))
    assert Case.objects.count() == 2


def test_contact_is_required_where_the_policy_turns_away_anonymous_messages(client):
    resp = client.post("/write/", form_data(client, name="", phone="", email=""))
    assert resp.status_code == 400 and Case.objects.count() == 0
    page = resp.content.decode()
    assert "请填写真实姓名。" in page
    assert "至少填写手机/电话或电子邮箱中的一项" in page


def test_contact_is_optional_where_the_policy_does_not_ask_for_it(client, settings):
    settings.MINPAN_POLICY = "chizhou"  # callback_before_submit: contact asked for
    assert client.post("/write/", form_data(client, name="", phone="", email="")).status_code == 400
    from minpan.policies.presets import PRESETS
    from minpan.portal.promise import contact_required
    assert [p for p in PRESETS.values() if not contact_required(p)] == []  # every preset asks today


def test_honeypot_filled_in_makes_nothing(client):
    resp = client.post("/write/", form_data(client, website="http://spam.example"))
    assert resp.status_code == 400 and Case.objects.count() == 0
    assert "提交未成功" in resp.content.decode()


def test_consent_must_be_given(client):
    data = form_data(client)
    del data["consent"]
    resp = client.post("/write/", data)
    assert resp.status_code == 400 and "请阅读并勾选个人信息使用说明" in resp.content.decode()


def test_check_appears_when_the_ip_is_near_its_limit_and_must_be_answered(client):
    for _ in range(limits.SUBMIT_PER_IP.near):
        limits.hit(limits.SUBMIT_PER_IP, "127.0.0.1")
    page = client.get("/write/").content.decode()
    question = re.search(r"验证问题：(.+?)等于几？", page).group(1)
    data = form_data(client)
    resp = client.post("/write/", {**data, "check_answer": ""})
    assert resp.status_code == 400 and Case.objects.count() == 0
    page = resp.content.decode()
    question = re.search(r"验证问题：(.+?)等于几？", page).group(1)
    token = re.search(r'name="check_token" value="([^"]+)"', page).group(1)
    resp = client.post("/write/", {**data, "check_token": token, "check_answer": str(_solve(question))})
    assert resp.status_code == 302 and Case.objects.count() == 1


def test_a_solved_check_works_once(client):
    from minpan.portal import challenge
    question, token = challenge.make()
    answer = _solve(question.removesuffix("等于几？"))
    assert challenge.check(token, str(answer)) is True
    assert challenge.check(token, str(answer)) is False
    assert challenge.check(token + "x", str(answer)) is False


def test_per_ip_limit_stops_submissions(client):
    for _ in range(limits.SUBMIT_PER_IP.allowed):
        limits.hit(limits.SUBMIT_PER_IP, "127.0.0.1")
    resp = client.post("/write/", form_data(client))
    assert resp.status_code == 400 and Case.objects.count() == 0
    assert "提交的留言过多" in resp.content.decode()


def test_per_contact_limit_stops_submissions_from_any_address(client):
    for _ in range(limits.SUBMIT_PER_CONTACT.allowed):
        limits.hit(limits.SUBMIT_PER_CONTACT, WRITER["phone"])
    resp = client.post("/write/", form_data(client), REMOTE_ADDR="10.1.2.3")
    assert resp.status_code == 400 and "同一联系方式" in resp.content.decode()
    assert Case.objects.count() == 0


def test_limits_store_no_raw_ip_or_phone(client):
    client.post("/write/", form_data(client))
    keys = "".join(limits.Hit.objects.values_list("key", flat=True))
    assert "127.0.0.1" not in keys and WRITER["phone"] not in keys


def test_image_and_pdf_attachments_are_kept_outside_the_web_root(client, files_dir):
    files = [SimpleUploadedFile("路灯.png", PNG, "image/png"), SimpleUploadedFile("说明.pdf", PDF, "application/pdf")]
    resp = client.post("/write/", {**form_data(client), "attachments": files})
    assert resp.status_code == 302
    kinds = sorted(Attachment.objects.values_list("content_type", flat=True))
    assert kinds == ["application/pdf", "image/png"]
    for a in Attachment.objects.all():
        assert (files_dir / a.stored_as).is_file()


def test_a_renamed_html_file_is_not_a_pdf(client):
    fake = SimpleUploadedFile("证明.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    resp = client.post("/write/", {**form_data(client), "attachments": [fake]})
    assert resp.status_code == 400 and Case.objects.count() == 0
    assert "不是可接受的图片或 PDF 文件" in resp.content.decode()


def test_an_oversized_file_is_refused_with_its_size(client):
    big = SimpleUploadedFile("大图.png", PNG + b"\0" * (5 * 1024 * 1024), "image/png")
    resp = client.post("/write/", {**form_data(client), "attachments": [big]})
    assert resp.status_code == 400 and "超过 5 MB 的上限" in resp.content.decode()


def test_at_most_three_attachments(client):
    files = [SimpleUploadedFile(f"{i}.png", PNG, "image/png") for i in range(4)]
    resp = client.post("/write/", {**form_data(client), "attachments": files})
    assert resp.status_code == 400 and "附件最多 3 个" in resp.content.decode()


def _solve(question: str) -> int:
    digits = "零一二三四五六七八九十"
    if "加" in question:
        a, b = question.split("加")
        return digits.index(a) + digits.index(b)
    a, b = question.split("减")
    return digits.index(a) - digits.index(b)
