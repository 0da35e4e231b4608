"""忘记查询密码: the writer whose receipt page never arrived gets a new query password, sent to a
contact they proved is theirs and never shown on a page.

The writer gives the tracking code and the phone or e-mail they wrote with. An e-mail address
counts only once its owner confirmed it (confirm_email.py): the new password goes there at once.
A phone is proved by a 6-digit code sent to it (10 minutes, 5 tries): the new password then
goes to that phone. The old password stops working when the new one is set. Whether the code
or the contact matched is never said: every answer reads "如信息匹配…", and both steps are
rate limited per address and per code (limits.py).
"""
from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
import unicodedata

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from minpan.cases.errors import CaseError
from minpan.cases.hashers import hash_query_password
from minpan.cases.models import Case, Citizen
from minpan.cases.services import new_code
from minpan.notify.api import notify_citizen
from minpan.notify.models import Channel, Delivery, Kind

from . import limits
from .models import Recovery, Submission
from .services import normalize_code

CODE_MINUTES = 10
CODE_TRIES = 5
SALT = "minpan.portal.recovery"


class TooMany(CaseError):
    """The address or the message code asked too often."""


class BadCode(CaseError):
    """The SMS code is wrong, used, too old or tried too often; or nothing matched at all."""


def is_email(contact: str) -> bool:
    return "@" in (contact or "")


def phone_digits(phone: str) -> str:
    """The digits of a number as people write it: 138-0013-8000, +86 138 0013 8000, １３８…
    (full-width digits are read as ASCII, so a number stored either way matches)."""
    digits = re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", phone or ""))
    return digits[2:] if len(digits) == 13 and digits.startswith("86") else digits


def recovery_ask(*, code: str, contact: str, ip: str = "", now: dt.datetime | None = None) -> None:
    """Step one. By a confirmed e-mail: a new password is set and sent there. By phone: a code is
    sent there. Nothing when the code or contact does not match, and nothing says which."""
    now = now or timezone.now()
    code = normalize_code(code)
    if limits.take([(limits.RECOVER_PER_IP, ip), (limits.RECOVER_PER_CODE, code or "-")], now=now) is None:
        raise TooMany(f"找回密码的次数过多，请 {limits.RECOVER_PER_CODE.wait_text()} 后再试，或拨打 12345 热线核实身份。")
    citizen = Citizen.objects.filter(case__tracking_code=code).select_related("case").first() if code else None
    if citizen is not None and is_email(contact):
        if citizen.email_confirmed_at and citizen.email.strip().lower() == contact.strip().lower():
            with transaction.atomic():
                recovery = Recovery.objects.create(case=citizen.case, via=Recovery.Via.EMAIL, created_at=now, expires_at=now, used_at=now)
                _new_password(recovery, Channel.EMAIL)
            return
    elif citizen is not None and phone_digits(contact) and phone_digits(citizen.phone) == phone_digits(contact):
        sms_code = f"{secrets.randbelow(10**6):06d}"
        with transaction.atomic():
            recovery = Recovery.objects.create(
                case=citizen.case, via=Recovery.Via.SMS, code_hash=_hashed(citizen.case, sms_code),
                created_at=now, expires_at=now + dt.timedelta(minutes=CODE_MINUTES),
            )
            notify_citizen(citizen.case, Kind.TO_WRITER_RECOVERY_CODE, channels=(Channel.SMS,), sms_code=sms_code, minutes=CODE_MINUTES)
            _sent_with(recovery, Channel.SMS)
        return
    hash_query_password("")  # about the time a match spends, so the answer's speed says nothing either


def recovery_by_sms(*, code: str, phone: str, sms_code: str, ip: str = "", now: dt.datetime | None = None) -> None:
    """Step two by phone: the right code, in time and within its tries, sets a new password and
    sends it to that phone. Raises BadCode otherwise, with the same words whatever was wrong."""
    now = now or timezone.now()
    code = normalize_code(code)
    if limits.take([(limits.RECOVER_PER_IP, ip)], now=now) is None:
        raise TooMany(f"找回密码的次数过多，请 {limits.RECOVER_PER_IP.wait_text()} 后再试，或拨打 12345 热线核实身份。")
    bad = BadCode(f"验证码不正确或已失效。验证码 {CODE_MINUTES} 分钟内有效，最多可试 {CODE_TRIES} 次；可返回上一步重新获取。")
    recovery = (
        Recovery.objects.filter(case__tracking_code=code, via=Recovery.Via.SMS, used_at=None, expires_at__gt=now)
        .select_related("case__citizen").order_by("-created_at").first()
    )
    if recovery is None or phone_digits(recovery.case.citizen.phone) != phone_digits(phone) or not phone_digits(phone):
        raise bad
    # The try is charged before the code is compared: parallel guesses cannot share one try.
    if not Recovery.objects.filter(pk=recovery.pk, used_at=None, tries__lt=CODE_TRIES).update(tries=F("tries") + 1):
        raise bad
    if not hmac.compare_digest(recovery.code_hash, _hashed(recovery.case, (sms_code or "").strip())):
        raise bad
    with transaction.atomic():
        # used once: of two right answers at once, one sets the password
        if not Recovery.objects.filter(pk=recovery.pk, used_at=None).update(used_at=now):
            raise bad
        _new_password(recovery, Channel.SMS)


def _new_password(recovery: Recovery, channel: str) -> None:
    """Set a new password (hashed; the old one stops working) and send it by `channel` only."""
    case = recovery.case
    password = new_code(8)
    Case.objects.filter(pk=case.pk).update(query_password=hash_query_password(password))
    # a receipt page still waiting would show the old password: it shows none now
    Submission.objects.filter(case=case).update(password="")
    notify_citizen(case, Kind.TO_WRITER_NEW_PASSWORD, channels=(channel,), password=password)
    _sent_with(recovery, channel)


def _sent_with(recovery: Recovery, channel: str) -> None:
    # The send just queued in this transaction carries the secret: the sweep wipes its text once sent.
    queued = Delivery.objects.filter(case=recovery.case, channel=channel).order_by("-pk").first()
    if queued is not None:
        recovery.deliveries.add(queued)


def _hashed(case: Case, sms_code: str) -> str:
    return salted_hmac(SALT, f"{case.pk}:{sms_code}").hexdigest()

