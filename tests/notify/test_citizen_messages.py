"""The writer hears from the system by SMS and e-mail; their contact is not kept once sent."""
from django.core import mail

from minpan.notify.api import notify_citizen
from minpan.notify.models import Delivery
from minpan.notify.tasks import deliver_all
from tests.flow import collect


def test_the_writer_gets_the_receipt_by_sms_and_email_and_the_address_is_masked_after(db, django_capture_on_commit_callbacks, caplog):
    case = collect("tongliao")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert notify_citizen(case, "receipt", f"查询码 {case.tracking_code}") == 2
    assert len(callbacks) == 1
    deliver_all.call(list(Delivery.objects.values_list("pk", flat=True)))
    assert mail.outbox[0].to == ["wxm@example.cn"] and case.tracking_code in mail.outbox[0].body
    addresses = set(Delivery.objects.values_list("address", flat=True))
    assert addresses == {"138****8000", "w***@example.cn"}
    assert "13800138000" not in caplog.text


def test_a_writer_without_contact_gets_nothing_queued(db):
    case = collect("tongliao", citizen={"name": "匿名"})
    assert notify_citizen(case, "receipt", "x") == 0
