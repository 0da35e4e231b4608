"""Once a month has ended, the sweep drafts its bulletin for the center (Tongliao 第二十一条 定期通报,
monthly: 本市设定): once, however often it runs; the center edits and submits it as its own."""
from minpan.bulletins.models import Bulletin, BulletinState
from minpan.bulletins.services import bulletin_submit
from minpan.notify.sweep import sweep
from tests.flow import at


def test_the_sweep_drafts_last_months_bulletin_once(city, two_months):
    done = sweep(at("2026-11-01 00:05"))
    assert done["bulletin_drafted"] == 1
    assert sweep(at("2026-11-01 00:06"))["bulletin_drafted"] == 0
    bulletin = Bulletin.objects.get()
    assert (bulletin.first_day.isoformat(), bulletin.last_day.isoformat()) == ("2026-10-01", "2026-10-31")
    assert bulletin.drafted_by is None and bulletin.state == BulletinState.DRAFT
    assert {line["unit_name"] for line in bulletin.lines} == {"东城区", "市教育局"}
    step = bulletin.steps.get()
    assert step.actor is None and step.kind == "draft"
    bulletin_submit(bulletin=bulletin, by=city.supervisor, now=at("2026-11-02 09:00"))


def test_the_draft_page_says_the_system_drafted_it(city, two_months, client):
    sweep(at("2026-11-01 00:05"))
    client.force_login(city.supervisor)
    assert "系统" in client.get("/desk/bulletins/").content.decode()


def test_those_who_submit_bulletins_are_told_a_draft_waits(city, two_months):
    from minpan.notify.models import Kind, Notification

    sweep(at("2026-11-01 00:05"))
    told = Notification.objects.filter(kind=Kind.BULLETIN_DRAFTED)
    assert {n.recipient for n in told} >= {city.supervisor, city.operator}
    assert city.handler not in {n.recipient for n in told}  # a unit's people draft no bulletin
    note = told.first()
    assert "2026年10月01日至2026年10月31日" in note.body and "报送签批" in note.body
    sweep(at("2026-11-01 00:06"))
    assert Notification.objects.filter(kind=Kind.BULLETIN_DRAFTED).count() == told.count()  # once
