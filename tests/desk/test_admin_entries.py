from django.contrib.auth import get_user_model

from minpan.desk.models import ReplyTemplate, SignInLock
from tests.desk.test_sign_in import PASSWORD, _post


def test_admin_edits_templates_and_unlocks_accounts(client, city):
    for _ in range(5):
        _post(client, password="wrong")
    assert _post(client).status_code == 429
    admin = get_user_model().objects.create_superuser("root", password="correct-horse-battery")
    client.force_login(admin)
    ReplyTemplate.objects.create(title="通用：感谢", body="感谢。")
    assert "通用：感谢" in client.get("/admin/desk/replytemplate/").content.decode()
    page = client.get("/admin/desk/signinlock/").content.decode()
    assert "登录失败记录" in page and "handler" in page
    row = SignInLock.objects.get()
    resp = client.post("/admin/desk/signinlock/", {"action": "unlock", "_selected_action": [row.pk]})
    assert resp.status_code == 302 and not SignInLock.objects.exists()
    client.logout()
    assert _post(client, password=PASSWORD).status_code == 302  # unlocked
    client.force_login(admin)
    for url in ("/admin/units/unit/", "/admin/auth/user/", "/admin/workdays/dayoverride/", "/admin/desk/attachment/"):
        assert client.get(url).status_code == 200, url
