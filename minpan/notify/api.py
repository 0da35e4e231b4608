"""What other parts of minpan call to reach people: staff through `inbox.send`, citizens here."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from minpan.cases.models import Citizen

from .models import Channel, Delivery

CITIZEN_TITLES = {"receipt": "留言已收到", "reply": "留言已答复"}


def notify_citizen(case, kind: str, text: str) -> int:
    """An SMS and/or e-mail to the writer of `case`, through the same retried deliveries as staff
    notifications. Returns how many sends were queued (0 when the writer left no contact)."""
    citizen = Citizen.objects.filter(case=case).first()
    if citizen is None:
        return 0
    now = timezone.now()
    title = CITIZEN_TITLES.get(kind, "留言办理")
    rows = []
    if citizen.phone:
        rows.append(Delivery(case=case, channel=Channel.SMS, address=citizen.phone, title="", text=f"【{title}】{text}", next_attempt_at=now, queued_at=now))
    if citizen.email:
        rows.append(Delivery(case=case, channel=Channel.EMAIL, address=citizen.email, title=title, text=text, next_attempt_at=now, queued_at=now))
    if not rows:
        return 0
    ids = [d.pk for d in Delivery.objects.bulk_create(rows)]
    from .tasks import deliver_all

    transaction.on_commit(lambda: deliver_all.enqueue(ids))
    return len(ids)
