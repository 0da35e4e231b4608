"""What other parts of minpan call to reach people: staff through `inbox.send`, citizens here.

A citizen's SMS or e-mail carries only wording we wrote and references we made (the tracking
code, a case reference, a link): never the subject, body or name the writer typed, so that a
form on a government site cannot be used to send chosen text to a stranger's phone or mailbox.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from minpan.cases.models import Case, Citizen

from . import deliveries, to_writer
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


def notify_citizen(
    case: Case, kind: str, text: str | None = None, *, channels: Iterable[str] = (Channel.SMS, Channel.EMAIL), **facts: Any,
) -> int:
    """An SMS and/or e-mail to the writer of `case`, through the same retried deliveries as staff
    notifications. Returns how many sends were queued (0 when the writer left no contact).

    A Kind.TO_WRITER_* `kind` (or its older name: receipt, merge, unmerge) has its own wording, the
    admin's Template row or to_writer.DEFAULTS, filled with to_writer.facts(case) and `facts`:
    system facts only (to_writer's docstring); a `text` given with it is not used. For any other
    kind `text` is the wording, and must be our own too.
    E-mail goes only to an address its owner confirmed.
    """
    citizen = Citizen.objects.filter(case=case).first()
    if citizen is None or not citizen.reachable:
        return 0
    now = timezone.now()
    kind = to_writer.OLDER_NAMES.get(kind, kind)
    if kind in to_writer.DEFAULTS:
        title, text = to_writer.render(kind, {**to_writer.facts(case), **facts})
    elif text is not None:
        title = CITIZEN_TITLES.get(kind, "留言办理")
    else:
        raise ValueError(f"no wording for a notice of kind {kind!r} to the writer")
    channels = set(channels)
    rows = []
    if citizen.phone and Channel.SMS in channels:
        rows.append(Delivery(case=case, channel=Channel.SMS, address=citizen.phone, title="", text=f"【{title}】{text}", next_attempt_at=now, queued_at=now))
    if citizen.email and citizen.email_confirmed_at and Channel.EMAIL in channels:
        rows.append(Delivery(case=case, channel=Channel.EMAIL, address=citizen.email, title=title, text=text, next_attempt_at=now, queued_at=now))
    return deliveries.queue(rows)


def ask_citizen_to_confirm_email(case: Case, *, link: str, days: int) -> int:
    """The one e-mail an unconfirmed address gets: fixed wording and the confirmation link."""
    citizen = Citizen.objects.filter(case=case).first()
    if citizen is None or not citizen.email or citizen.email_confirmed_at:
        return 0
    now = timezone.now()
    return deliveries.queue([Delivery(
        case=case, channel=Channel.EMAIL, address=citizen.email, title=CONFIRM_TITLE,
        text=CONFIRM_TEXT.format(link=link, days=days), next_attempt_at=now, queued_at=now,
    )])

