from django.contrib.auth import get_user_model

from minpan.desk.models import LoginFailure, ReplyTemplate


def test_admin_edits_templates_and_unlocks_accounts(client, city):
    admin = get_user_model().objects.create_superuser("root", password="correct-horse-battery")
    client.force_login(admin)
    ReplyTemplate.objects.create(title="通用：感谢", body="感谢。")
    assert "通用：感谢" in client.get("/admin/desk/replytemplate/").content.decode()
    LoginFailure.objects.create(username="handler", ip="10.0.0.8", failures=5, last_failed_at="2026-03-02T09:00:00+08:00")
    row = LoginFailure.objects.get()
    resp = client.post("/admin/desk/loginfailure/", {"action": "unlock", "_selected_action": [row.pk]})
    assert resp.status_code == 302 and not LoginFailure.objects.exists()
    for url in ("/admin/units/unit/", "/admin/auth/user/", "/admin/workdays/dayoverride/", "/admin/desk/attachment/"):
        assert client.get(url).status_code == 200, url
