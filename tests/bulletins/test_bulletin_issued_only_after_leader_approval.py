"""A bulletin goes out only once a leader signs it (Tongliao 第二十一条 报市政府…通报; the policy's
bulletins.approver_role, a city leader): the center drafts, edits and submits; the leader signs
(签发) or returns it with a reason; only then does each unit named get its notice and see it.
Each step is recorded (who, when), and each page offers only what its reader may do."""
import pytest
import time_machine

from minpan.bulletins.models import Bulletin, BulletinState
from minpan.bulletins.services import bulletin_approve, bulletin_draft, bulletin_return, bulletin_submit
from minpan.cases.errors import NotPermitted
from minpan.notify.models import Kind, Notification
from minpan.reports.periods import Period
from tests.flow import at

OCTOBER = Period.month(2026, 10)
DRAFTED, SUBMITTED, SIGNED = at("2026-11-03 09:00"), at("2026-11-03 10:00"), at("2026-11-04 09:00")


@pytest.fixture
def drafted(city, two_months):
    return bulletin_draft(period=OCTOBER, by=city.supervisor, now=DRAFTED)


def _told(kind) -> set[str]:
    return {n.recipient.get_username() for n in Notification.objects.filter(kind=kind)}


def test_a_draft_is_not_issued_and_units_do_not_see_it(city, drafted, client):
    assert drafted.number is None and drafted.issued_at is None
    assert not Notification.objects.filter(kind=Kind.BULLETIN_ISSUED).exists()
    client.force_login(city.district_handler)
    assert client.get(f"/desk/bulletins/{drafted.pk}/").status_code == 404
    assert drafted.title not in client.get("/desk/bulletins/").content.decode()


def test_only_the_leader_signs_and_only_once_submitted(city, drafted):
    with pytest.raises(NotPermitted):
        bulletin_approve(bulletin=drafted, by=city.leader, now=SIGNED)  # still a draft
    bulletin_submit(bulletin=drafted, by=city.supervisor, now=SUBMITTED)
    assert _told(Kind.BULLETIN_TO_SIGN) == {"leader"}
    for someone in (city.supervisor, city.reviewer, city.operator, city.principal):
        with pytest.raises(NotPermitted):
            bulletin_approve(bulletin=drafted, by=someone, now=SIGNED)
    assert Bulletin.objects.get(pk=drafted.pk).state == BulletinState.SUBMITTED


def test_signed_it_is_numbered_and_each_unit_named_is_told(city, drafted):
    bulletin_submit(bulletin=drafted, by=city.supervisor, now=SUBMITTED)
    issued = bulletin_approve(bulletin=drafted, by=city.leader, now=SIGNED)
    assert issued.state == BulletinState.ISSUED and issued.approved_by == city.leader and issued.issued_at == SIGNED
    assert issued.number == "网民留言办理情况通报〔2026〕第1期"
    # 东城区 has only a handler (its street's principal is under 东城街道); 市教育局 its principal
    assert _told(Kind.BULLETIN_ISSUED) == {"district_handler", "edu_principal"}
    note = Notification.objects.get(kind=Kind.BULLETIN_ISSUED, recipient=city.edu_principal)
    assert "市教育局" in note.body and "通报批评（逾期办理）" in note.body and issued.number in note.title
    assert [(s.kind, s.actor.get_username(), s.at) for s in issued.steps.all()] == [
        ("draft", "supervisor", DRAFTED), ("submit", "supervisor", SUBMITTED), ("approve", "leader", SIGNED)]
    with pytest.raises(NotPermitted):
        bulletin_approve(bulletin=issued, by=city.leader, now=SIGNED)  # signed once


def test_returned_with_a_reason_it_goes_back_to_the_drafter(city, drafted):
    bulletin_submit(bulletin=drafted, by=city.supervisor, now=SUBMITTED)
    back = bulletin_return(bulletin=drafted, by=city.leader, now=SIGNED, reason="请补充整改要求。")
    assert back.state == BulletinState.RETURNED and back.return_reason == "请补充整改要求。"
    assert _told(Kind.BULLETIN_RETURNED) == {"supervisor"}
    assert not Notification.objects.filter(kind=Kind.BULLETIN_ISSUED).exists()
    assert back.steps.last().note == "请补充整改要求。"
    bulletin_submit(bulletin=back, by=city.supervisor, now=SIGNED)  # edited and submitted again
    assert Bulletin.objects.get(pk=back.pk).state == BulletinState.SUBMITTED


def _page(client, user, bulletin) -> str:
    client.force_login(user)
    return client.get(f"/desk/bulletins/{bulletin.pk}/").content.decode()


def _offered(client, user, bulletin) -> set[str]:
    page = _page(client, user, bulletin)
    return {step for step in ("edit", "submit", "approve", "return") if f'action="/desk/bulletins/{bulletin.pk}/{step}/"' in page}


def test_each_page_offers_what_its_reader_may_do(city, drafted, client):
    url = f"/desk/bulletins/{drafted.pk}"
    assert _offered(client, city.supervisor, drafted) == {"edit", "submit"}
    assert _offered(client, city.leader, drafted) == set()  # nothing to sign yet
    assert client.post(f"{url}/submit/").status_code == 403  # the leader does not submit
    client.force_login(city.supervisor)
    assert client.post(f"{url}/submit/").status_code == 302
    assert _offered(client, city.leader, drafted) == {"approve", "return"}
    for user in (city.supervisor, city.reviewer, city.operator):
        assert _offered(client, user, drafted) == set()
        assert client.post(f"{url}/approve/").status_code == 403
    client.force_login(city.leader)
    assert client.post(f"{url}/return/", {"reason": ""}).status_code == 400  # a reason is required
    with time_machine.travel(SIGNED, tick=False):
        assert client.post(f"{url}/approve/").status_code == 302
    assert Bulletin.objects.get(pk=drafted.pk).state == BulletinState.ISSUED


def test_units_read_the_issued_bulletins_naming_them(city, drafted, client):
    bulletin_submit(bulletin=drafted, by=city.supervisor, now=SUBMITTED)
    bulletin_approve(bulletin=drafted, by=city.leader, now=SIGNED)
    # 东城街道's handler: its cases are counted for 东城区, which is named
    for user in (city.edu_handler, city.street_handler, city.district_handler):
        assert drafted.title in _page(client, user, drafted)
        assert _offered(client, user, drafted) == set()
        assert client.get(f"/desk/bulletins/{drafted.pk}/print/").status_code == 200
        assert client.post(f"/desk/bulletins/{drafted.pk}/edit/", {"title": "x", "body": "y"}).status_code == 403
    client.force_login(city.handler)  # 市住建局 is not named
    assert client.get(f"/desk/bulletins/{drafted.pk}/").status_code == 404
    assert client.get(f"/desk/bulletins/{drafted.pk}.docx").status_code == 404


def test_the_docx_reads_back(city, drafted, client):
    import io

    from docx import Document

    client.force_login(city.supervisor)
    resp = client.get(f"/desk/bulletins/{drafted.pk}.docx")
    book = Document(io.BytesIO(resp.content))
    text = "\n".join(p.text for p in book.paragraphs)
    assert drafted.title in text and "东城区（2 件）" in text
    assert book.tables[0].rows[1].cells[0].text == "东城区"
