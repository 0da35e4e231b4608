"""What other parts of minpan call to reach people: staff through `inbox.send`, citizens here.

A citizen's SMS or e-mail carries only wording we wrote and references we made (the tracking
code, a case reference, a link): never the subject, body or name the writer typed, so that a
form on a government site cannot be used to send chosen text to a stranger's phone or mailbox.
"""
from __future__ import annotations

from django.utils import timezone

from minpan.cases.models import Citizen

from . import deliveries
from .models import Channel, Delivery

CITIZEN_TITLES = {"receipt": "留言已收到", "reply": "留言已答复"}
CONFIRM_TITLE = "请确认您的电子邮箱"
CONFIRM_TEXT = (
    "您好：\n\n"
    "有人在民盼通办网上留言时填写了这个电子邮箱。\n"
    "如果是您本人，请在 {days} 天内打开下面的链接，点击“确认”按钮，留言回执就会发到这个邮箱：\n\n"
    "{link}\n\n"
    "如果不是您本人留言，请不要打开链接，忽略本邮件即可，您不会再收到关于这条留言的邮件。\n\n"
    "本邮件由系统自动发送，请勿回复。"
)


def notify_citizen(case, kind: str, text: str, *, channels=(Channel.SMS, Channel.EMAIL)) -> int:
    """An SMS and/or e-mail to the writer of `case`, through the same retried deliveries as staff
    notifications. Returns how many sends were queued (0 when the writer left no contact).

    E-mail goes only to an address its owner confirmed; `text` must be our own wording (see above).
    """
    citizen = Citizen.objects.filter(case=case).first()
    if citizen is None:
        return 0
    now = timezone.now()
    title = CITIZEN_TITLES.get(kind, "留言办理")
    rows = []
    if citizen.phone and Channel.SMS in channels:
        rows.append(Delivery(case=case, channel=Channel.SMS, address=citizen.phone, title="", text=f"【{title}】{text}", next_attempt_at=now, queued_at=now))
    if citizen.email and citizen.email_confirmed_at and Channel.EMAIL in channels:
        rows.append(Delivery(case=case, channel=Channel.EMAIL, address=citizen.email, title=title, text=text, next_attempt_at=now, queued_at=now))
    return deliveries.queue(rows)


def ask_citizen_to_confirm_email(case, *, link: str, days: int) -> int:
    """The one e-mail an unconfirmed address gets: fixed wording and the confirmation link."""
    citizen = Citizen.objects.filter(case=case).first()
    if citizen is None or not citizen.email or citizen.email_confirmed_at:
        return 0
    now = timezone.now()
    return deliveries.queue([Delivery(
        case=case, channel=Channel.EMAIL, address=citizen.email, title=CONFIRM_TITLE,
        text=CONFIRM_TEXT.format(link=link, days=days), next_attempt_at=now, queued_at=now,
    )])

