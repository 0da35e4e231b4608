from minpan.notify.inbox import send
from minpan.notify.models import Kind, Notification
from tests.flow import at, dispatched


def test_the_inbox_lists_my_notifications_and_counts_the_unread(client, city):
    case = dispatched(city, "tongliao", now=at("2026-02-10 10:00"))
    send(Kind.REMIND, [city.principal], now=at("2026-02-14 08:30"), case=case, deliver=False, unit="市住建局", due="2026年02月24日 24:00")
    send(Kind.REMIND, [city.handler], now=at("2026-02-14 08:30"), case=case, deliver=False, unit="市住建局", due="x")
    client.force_login(city.principal)
    page = client.get("/notify/inbox/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "【到期提醒】" in text and "1 条未读" in text
    assert Notification.objects.filter(recipient=city.handler).count() == 1  # not shown to the principal
    assert text.count("【到期提醒】") == 1


def test_marking_read_clears_the_count(client, city):
    send(Kind.ALARM_NO_REPLY, [city.operator], now=at("2026-04-17 09:00"), deliver=False, count=46)
    client.force_login(city.operator)
    client.post("/notify/inbox/read/")
    assert not Notification.objects.filter(recipient=city.operator, read_at__isnull=True).exists()


def test_someone_elses_notification_cannot_be_marked(client, city):
    [note] = send(Kind.ALARM_NO_REPLY, [city.operator], now=at("2026-04-17 09:00"), deliver=False, count=46)
    client.force_login(city.handler)
    client.post("/notify/inbox/read/", {"id": note.pk})
    note.refresh_from_db()
    assert note.read_at is None


def test_the_inbox_needs_sign_in(client):
    assert client.get("/notify/inbox/").status_code == 302
