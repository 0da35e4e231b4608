def test_the_admin_shows_the_policy_in_force_and_its_rules(admin_client, settings):
    settings.MINPAN_POLICY = "chizhou"
    page = admin_client.get("/admin/policies/policyinforce/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "池州市" in text and "7 个工作日内答复" in text
    assert "extension.total_limit_days" in text and "15" in text
    assert "MINPAN_POLICY" in text


def test_the_policy_page_is_for_staff_only(client):
    assert client.get("/admin/policies/policyinforce/").status_code == 302
