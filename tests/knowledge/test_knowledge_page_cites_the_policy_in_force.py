"""The 知识库 page names the direct answer's basis only where it comes from: Yuncheng 五(二) under
Yuncheng's policy; under another city's policy it cites no other city's article."""
import pytest


@pytest.mark.parametrize("policy, cited", [("yuncheng", True), ("naiman", False), ("tongliao", False)])
def test_the_page_cites_yuncheng_only_under_yuncheng(client, city, settings, policy, cited):
    settings.MINPAN_POLICY = policy
    client.force_login(city.operator)
    page = client.get("/desk/knowledge/").content.decode()
    assert ("运城办法五(二)" in page) is cited
    assert "知识库" in page
