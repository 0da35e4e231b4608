"""The writer confirms the e-mail address they typed. Until then the address gets one e-mail
in our own wording with a link, and nothing else: anyone can type anyone's address.

The link is signed (salted, 7 days) and carries the case and a keyed hash of the address, so
it stops working when the address on the case changes or is wiped. Opening it shows a page;
only the button (a POST) confirms, and confirming twice changes nothing.
"""
from __future__ import annotations

import datetime as dt

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from minpan.cases import events
from minpan.cases.errors import CaseError
from minpan.cases.models import Case, Citizen
from minpan.cases.states import Action
from minpan.units.roles import Role

SALT = "minpan.portal.confirm-email"
VALID_DAYS = 7


class BadLink(CaseError):
    """The link is damaged, too old, or for an address the case no longer has."""


def token_for(citizen: Citizen) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"c": citizen.case_id, "a": _address_hash(citizen.email)})


def link_for(citizen: Citizen, *, site: str = "") -> str:
    """The confirmation link; `site` is the scheme and host the writer used ("https://example.gov.cn")."""
    return site.rstrip("/") + reverse("portal:confirm_email", args=[token_for(citizen)])


def receipt_text(case: Case) -> str:
    """The receipt, by SMS on submission and by e-mail once the address is confirmed: our words only."""
    return f"您的留言已收到，查询码 {case.tracking_code}。请凭查询码和查询密码在网站“一键查询”查看办理进度。"


def citizen_for_link(*, token: str) -> Citizen:
    """The writer the link is for; reads only (the page a GET shows)."""
    case_id, hashed = _unsign(token)
    return _checked(Citizen.objects.filter(case_id=case_id).first(), hashed)


def email_confirm(*, token: str, now: dt.datetime | None = None) -> tuple[Case, bool]:
    """Confirm the address the link was sent to and send the receipt there. Returns the case
    and whether this call confirmed it (False: it was confirmed before; nothing is sent again)."""
    from minpan.notify.api import notify_citizen
    from minpan.notify.models import Channel

    now = now or timezone.now()
    case_id, hashed = _unsign(token)
    with transaction.atomic():
        # The case lock orders the event in the chain and makes a double click confirm once.
        case = Case.objects.select_for_update().filter(pk=case_id).first()
        citizen = _checked(Citizen.objects.filter(case=case).first() if case else None, hashed)
        assert case is not None  # _checked found the case's writer
        if citizen.email_confirmed_at:
            return case, False
        citizen.email_confirmed_at = now
        citizen.save(update_fields=["email_confirmed_at"])
        events.append(
            case=case, actor=None, role=Role.CITIZEN, unit=None, at=now, action=Action.CONFIRM_EMAIL,
            before=case.state, after=case.state,
        )
        notify_citizen(case, "receipt", receipt_text(case), channels=(Channel.EMAIL,))
    return case, True


def masked(address: str) -> str:
    name, _, domain = (address or "").partition("@")
    return f"{name[:1]}***@{domain}" if domain else ""


def _address_hash(address: str) -> str:
    return salted_hmac(f"{SALT}.address", (address or "").strip().lower()).hexdigest()[:32]


def _unsign(token: str) -> tuple[int, str]:
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=dt.timedelta(days=VALID_DAYS))
    except signing.SignatureExpired:
        raise BadLink(f"这个确认链接已过期（邮件发出后 {VALID_DAYS} 天内有效）。") from None
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("c"), int) or not isinstance(data.get("a"), str):
        raise BadLink("这个确认链接不完整或有误，请从邮件中完整复制链接后再打开。")
    return data["c"], data["a"]


def _checked(citizen: Citizen | None, hashed: str) -> Citizen:
    if citizen is None or not citizen.email or not constant_time_compare(_address_hash(citizen.email), hashed):
        raise BadLink("这个确认链接已失效：留言中的电子邮箱已更改或已删除。")
    return citizen
