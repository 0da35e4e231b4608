"""单独同意公开个人信息 (个人信息保护法 第二十五条): asked apart from 是否同意公开, in plain
words, unticked; without it the personal information the writer wrote is hidden before publication."""
import re

import pytest

from minpan.cases.models import Case

from .conftest import form_data

pytestmark = pytest.mark.django_db


def written(client, **kw):
    """Write through the portal and open the status page with the code and password the receipt shows."""
    page = client.get(client.post("/write/", form_data(client, **kw))["Location"]).content.decode()
    password = re.search(r'id="query-password">([A-Z0-9]+)<', page).group(1)
    case = Case.objects.latest("pk")
    client.post("/query/", {"code": case.tracking_code, "password": password})
    return case


def test_the_write_page_asks_separately_and_the_box_starts_unticked(client):
    page = client.get("/write/").content.decode()
    box = re.search(r'<input type="checkbox" name="publish_personal"[^>]*>', page).group(0)
    assert "checked" not in box
    assert "是否公开您的个人信息（单独询问，默认不公开）" in page
    assert "我同意公开我在留言里写的个人信息（姓名、电话、身份证号、住址等）" in page
    # in words an elderly reader follows: what happens without the tick, and that it changes nothing else
    assert "不勾选：公开前，我们会把您在标题和留言里写的姓名、电话、身份证号、电子邮箱、住址门牌等个人信息遮住" in page
    assert "不勾选不影响办理" in page
    # the 同意公开 choice is still its own question
    assert 'name="may_publish"' in page and page.index('name="may_publish"') < page.index('name="publish_personal"')


def test_the_promise_on_the_write_page_names_the_exception(client):
    page = client.get("/write/").content.decode()
    assert "住址门牌等个人信息会被隐去，除非我在上面单独勾选同意公开" in page


def test_agreeing_to_publish_the_message_is_not_consent_to_publish_personal_data(client):
    case = written(client, may_publish="yes")
    assert case.may_publish is True and case.publish_personal is False
    page = client.get("/status/").content.decode()
    assert "同意公开留言和答复" in page
    assert "不公开：公开前遮住您留言里写的姓名、电话、身份证号、住址门牌等个人信息" in page


def test_a_ticked_box_is_kept_and_shown_to_the_writer(client):
    case = written(client, may_publish="yes", publish_personal="on")
    assert case.may_publish is True and case.publish_personal is True
    assert "您同意公开留言里写的个人信息" in client.get("/status/").content.decode()


def test_the_tick_survives_a_form_sent_back_for_a_mistake(client):
    page = client.post("/write/", form_data(client, publish_personal="on", subject="")).content.decode()
    box = re.search(r'<input type="checkbox" name="publish_personal"[^>]*>', page).group(0)
    assert "checked" in box and not Case.objects.exists()


def test_a_writer_who_does_not_want_publication_is_shown_that(client):
    case = written(client, may_publish="no")
    assert (case.may_publish, case.publish_personal) == (False, False)
    assert "不同意公开（只答复您本人）" in client.get("/status/").content.decode()


def test_website_error_reports_never_consent(client, settings):
    settings.MINPAN_POLICY = "naiman"  # the policy with 我为政府网站找错
    data = form_data(client, url="/website-error/", page_url="/answers/", kind="link", description="公开答复页面打不开，显示错误。")
    assert client.post("/website-error/", {**data, "publish_personal": "on"}).status_code == 302
    assert Case.objects.get().publish_personal is False
