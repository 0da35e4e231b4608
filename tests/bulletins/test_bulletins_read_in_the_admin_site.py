"""The admin site lists the 通报 with their records, to read: nobody adds, changes or deletes one
there (the 通报 page takes each step and records who took it)."""
from django.contrib.auth import get_user_model

from minpan.bulletins.models import Bulletin
from minpan.notify.sweep import sweep
from tests.flow import at


def test_the_admin_site_shows_a_bulletin_and_offers_no_change(city, two_months, client):
    sweep(at("2026-11-01 00:05"))
    bulletin = Bulletin.objects.get()
    admin = get_user_model().objects.create_superuser("root", "root@example.cn", "pw-root-2026-xx")
    client.force_login(admin)
    listing = client.get("/admin/bulletins/bulletin/").content.decode()
    assert bulletin.title in listing and "增加 通报" not in listing
    page = client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/change/")
    assert page.status_code == 200 and "通报办理记录" in page.content.decode()
    assert client.post(f"/admin/bulletins/bulletin/{bulletin.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Bulletin.objects.filter(pk=bulletin.pk).exists()
