"""The center registers a channel's callback address in the admin: the signing secret is made
there, shown once and kept encrypted; only http(s) addresses; failed calls can be sent again."""
from minpan.webhooks.models import CallState, Webhook, WebhookCall
from tests.flow import collect


def test_a_new_address_gets_a_secret_shown_once_and_kept_encrypted(admin_client):
    resp = admin_client.post("/admin/webhooks/webhook/add/", {"channel": "people_daily", "url": "https://channel.example/hook",
                                                              "active": "on", "note": "人民网留言板"}, follow=True)
    text = resp.content.decode()
    assert "签名密钥（只显示这一次" in text
    hook = Webhook.objects.get()
    secret = text.split("请交给渠道系统保存）：")[1].split("<")[0].strip()
    assert len(secret) >= 32 and secret not in hook.secret
    assert secret not in admin_client.get(f"/admin/webhooks/webhook/{hook.pk}/change/").content.decode()


def test_only_web_addresses_are_taken(admin_client):
    resp = admin_client.post("/admin/webhooks/webhook/add/", {"channel": "people_daily", "url": "file:///etc/passwd", "active": "on"})
    assert resp.status_code == 200 and not Webhook.objects.exists()


def test_failed_calls_are_sent_again_from_the_admin(admin_client, db):
    hook = Webhook.objects.create(channel="people_daily", url="https://channel.example/hook", secret="")
    collect("tongliao")
    WebhookCall.objects.filter(webhook=hook).update(state=CallState.FAILED, attempts=6)
    call = WebhookCall.objects.get()
    resp = admin_client.post("/admin/webhooks/webhookcall/", {"action": "resend", "_selected_action": [call.pk]}, follow=True)
    assert "已重新排队 1 条回调" in resp.content.decode()
    call.refresh_from_db()
    assert (call.state, call.attempts) == (CallState.PENDING, 0)
