"""The writer hears from the system by SMS and, once they confirmed the address, by e-mail; the
messages carry our words and references only, never what the writer typed; the contact is not
kept once sent."""
import pytest
from django.core import mail
from django.utils import timezone

from minpan.cases.models import Citizen
from minpan.cases.transitions import apply
from minpan.notify.api import notify_citizen
from minpan.notify.models import Delivery
from minpan.notify.tasks import deliver_all
from tests.flow import at, collect

# A subject someone could type to send government-branded bait to a stranger's phone or mailbox.
BAIT = "=点此领奖 http://evil.example"


def send_queued():
    deliver_all.call(list(Delivery.objects.filter(state="pending").values_list("pk", flat=True)))


def test_an_unconfirmed_address_gets_no_email_the_phone_gets_the_sms(db, django_capture_on_commit_callbacks):
    case = collect("tongliao")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert notify_citizen(case, "receipt", f"查询码 {case.tracking_code}") == 1
    assert len(callbacks) == 1
    send_queued()
    assert mail.outbox == []
    assert list(Delivery.objects.values_list("channel", "address")) == [("sms", "138****8000")]


def test_a_confirmed_address_gets_the_email_and_is_masked_after(db, caplog):
    case = collect("tongliao")
    Citizen.objects.filter(case=case).update(email_confirmed_at=timezone.now())
    assert notify_citizen(case, "receipt", f"查询码 {case.tracking_code}") == 2
    send_queued()
    assert mail.outbox[0].to == ["wxm@example.cn"] and case.tracking_code in mail.outbox[0].body
    addresses = set(Delivery.objects.values_list("address", flat=True))
    assert addresses == {"138****8000", "w***@example.cn"}
    assert "13800138000" not in caplog.text


def test_a_writer_without_contact_gets_nothing_queued(db):
    case = collect("tongliao", citizen={"name": "匿名"})
    assert notify_citizen(case, "receipt", "x") == 0


@pytest.mark.parametrize("confirmed", [False, True])
def test_no_message_to_a_writer_quotes_what_they_typed(city, django_capture_on_commit_callbacks, confirmed):
    """Receipt, merge and unmerge notices: every SMS and e-mail, to a confirmed address or not."""
    earlier = collect("tongliao", subject="电梯经常停运", now=at("2026-03-02 09:00"))
    apply(earlier, "accept", actor=city.operator, now=at("2026-03-02 10:00"))
    case = collect("tongliao", subject=BAIT, body=f"{BAIT} 请速来领取，电话 13800138000。", now=at("2026-03-04 09:00"))
    if confirmed:
        Citizen.objects.filter(case=case).update(email_confirmed_at=timezone.now())
    from minpan.portal.services import _confirm

    with django_capture_on_commit_callbacks(execute=True):
        _confirm(case, "https://12345.example.gov.cn")
        apply(case, "merge", actor=city.operator, now=at("2026-03-04 10:00"), target=earlier.pk)
        apply(case, "unmerge", actor=city.operator, now=at("2026-03-04 11:00"), reason="不是同一事项")
    send_queued()
    rows = Delivery.objects.filter(case=case)
    assert rows.filter(channel="sms").count() == 3
    assert rows.filter(channel="email").count() == (3 if confirmed else 1)
    sent = [f"{d.title} {d.text}" for d in rows] + [f"{m.subject} {m.body}" for m in mail.outbox]
    assert all(case.tracking_code in t or "/confirm-email/" in t for t in sent)
    for typed in ("点此领奖", "evil.example", "请速来领取"):
        assert not any(typed in t for t in sent), typed
