"""首页 and the 适老化 switch."""
import pytest

pytestmark = pytest.mark.django_db


def test_the_site_root_is_the_portal_home(client):
    resp = client.get("/")
    assert resp.status_code == 200
    page = resp.content.decode()
    assert "网民留言办理" in page and "自承办单位收到之日起 5 个工作日内答复" in page
    assert 'lang="zh-CN"' in page and 'name="viewport"' in page


def test_no_asset_comes_from_another_site(client):
    page = client.get("/").content.decode()
    assert "http://" not in page and "https://" not in page and "//cdn" not in page


def test_elder_mode_is_a_cookie_that_needs_no_javascript(client):
    resp = client.get("/elder/", {"on": "1", "next": "/answers/?q=路灯"})
    assert resp.status_code == 302 and resp["Location"] == "/answers/?q=%E8%B7%AF%E7%81%AF"
    assert 'class="elder"' in client.get("/").content.decode()
    assert "退出适老模式" in client.get("/").content.decode()
    client.get("/elder/", {"next": "/"})
    assert 'class="elder"' not in client.get("/").content.decode()


def test_the_portal_offers_no_entry_the_policy_lacks(client, settings):
    # no tile, no menu entry leading to "本地未开设此栏目"
    settings.MINPAN_POLICY = "tongliao"
    page = client.get("/").content.decode()
    assert "网站找错" not in page and "/website-error/" not in page and "本地未开设此栏目" not in page
    settings.MINPAN_POLICY = "naiman"  # the policy with 我为政府网站找错
    page = client.get("/").content.decode()
    assert "报告本网站的错别字" in page and page.count('href="/website-error/"') == 2
