"""我为政府网站找错: Naiman's own channel; other policies explain where to go instead."""
import re

import pytest

from minpan.cases.models import Case

pytestmark = pytest.mark.django_db


def report(client, **over):
    page = client.get("/website-error/").content.decode()
    found = re.search(r'name="key" value="([^"]+)"', page)
    key = found.group(1) if found else "k" * 24
    data = {"key": key, "page_url": "https://www.naiman.gov.cn/zwgk/", "kind": "link", "description": "政务公开栏目的链接打不开，显示 404。",
            "name": "李四", "phone": "13912345678", "email": "", "consent": "on", "website": ""}
    data.update(over)
    return client.post("/website-error/", data)


def test_naiman_takes_error_reports_on_the_website_error_channel(client, settings):
    settings.MINPAN_POLICY = "naiman"
    page = client.get("/website-error/").content.decode()
    assert "自承办单位收到之日起 5 个工作日内答复" in page
    resp = report(client)
    assert resp.status_code == 302 and resp["Location"].startswith("/receipt/")
    case = Case.objects.get()
    assert case.channel == "website_error" and case.subject == "网站找错：链接无法打开"
    assert "https://www.naiman.gov.cn/zwgk/" in case.body and case.may_publish is False


def test_other_policies_hide_the_form_and_explain(client):
    page = client.get("/website-error/").content.decode()
    assert "本地没有开设“我为政府网站找错”栏目" in page and "<form" not in page.split("<main")[1]
    assert report(client).status_code == 400
    assert Case.objects.count() == 0


def test_a_report_needs_a_description(client, settings):
    settings.MINPAN_POLICY = "naiman"
    assert report(client, description="").status_code == 400
    assert Case.objects.count() == 0
