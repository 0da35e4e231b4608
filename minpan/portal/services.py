"""What the public can do: write (once per form), look a case up, rate the answer.

Each function checks the limits first and raises a CaseError subclass whose message
is for the citizen; the case itself is made and moved only through cases.services
and cases.transitions.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import time
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from minpan.cases.errors import CaseError
from minpan.cases.hooks import Applied
from minpan.cases.models import Case
from minpan.cases.services import case_by_code, case_collect
from minpan.cases.states import Rating, State
from minpan.cases.transitions import apply
from minpan.notify.api import ask_citizen_to_confirm_email, notify_citizen

from . import challenge, confirm_email, limits, uploads
from .limits import RECEIPT_TTL
from .models import Submission

log = logging.getLogger("minpan.portal")
KEY_RE = re.compile(r"[A-Za-z0-9_\-]{20,64}")


class TooMany(CaseError):
    """A rate limit is reached."""


class NeedsCheck(CaseError):
    """A rate limit is near: a person must answer the small check first."""


class StillSaving(CaseError):
    """The same form is being saved by another request that has not finished."""


# How long the second of two identical submissions waits for the first to commit, in seconds
# between looks: about 1.5 s in all, then the writer is asked to press the button again.
WAIT_FOR_TWIN = (0.05, 0.1, 0.2, 0.4, 0.75)


def portal_submit(
    *, key: str, channel: str, subject: str, body: str, citizen: dict, may_publish: bool,
    publish_personal: bool = False, files=(), site: str = "", ip: str = "", suggested_type: str = "",
    suggested_domain: str = "", check_token: str = "", check_answer: str = "", now: dt.datetime | None = None,
) -> tuple[Submission, bool]:
    """Collect one message from the write form. Returns the submission and whether it is new.

    The same key twice (a refresh, a double click, a retry after a lost response) returns
    the first submission and makes nothing. `site` (scheme and host) begins the e-mail
    confirmation link.
    """
    if not KEY_RE.fullmatch(key or ""):
        raise CaseError("表单已失效，请刷新页面后重新提交。")
    now = now or timezone.now()
    contacts = [c for c in (citizen.get("phone"), citizen.get("email")) if c]
    checked = uploads.check(files)
    # The check is answered (and its token used up) before the limits are looked at: a wrong
    # answer must cost the token even when the request goes no further.
    solved = bool(check_token) and challenge.check(check_token, check_answer)
    written: list[Path] = []
    try:
        # One transaction: the limits' hits, the case, its writer, its event, the submission and
        # the job that indexes it and sends the receipt (hooks.later) commit together or not at
        # all, so a tracking code shown is a message stored and followed up, worker up or down.
        with transaction.atomic():
            _reserve(ip, contacts, solved=solved, answered=bool(check_answer), now=now)
            case, password = case_collect(
                channel=channel, subject=subject, body=body, citizen={**citizen, "ip": ip or None},
                may_publish=may_publish, publish_personal=publish_personal, received_at=now, defer={"site": site},
            )
            submission = Submission.objects.create(
                key=key, case=case, password=password, created_at=now,
                suggested_type=suggested_type, suggested_domain=suggested_domain,
            )
            uploads.store(case, checked, written)
    except BaseException as exc:
        uploads.discard(written)  # the rows were rolled back; their files must not stay behind
        if isinstance(exc, (TooMany, NeedsCheck)):
            # the same form sent again (a refresh, a retry after a lost response) is not a new
            # message: it finds the first, whatever the limits say now
            earlier = Submission.objects.filter(key=key).select_related("case").first()
            if earlier is None:
                raise
            return earlier, False
        if not isinstance(exc, IntegrityError):
            raise
        # The key is taken: the same form saved before, or by another request at this moment
        # (a double click). Looked up only now, so a new message costs no query for it.
        other = _made_by_the_other_request(key)
        if other is None:
            log.warning("同一表单同时提交两次，另一次尚未保存完成：key=%s…", key[:6], exc_info=True)
            raise StillSaving("这份留言正在保存，请稍等几秒后再点一次“提交留言”，不会重复提交。") from None
        return other, False
    return submission, True


def _made_by_the_other_request(key: str) -> Submission | None:
    """The submission the other request made with this key. PostgreSQL, and SQLite with its
    IMMEDIATE transactions, refuse our row only once the other is committed, so it is found at
    once; where the two transactions overlap on one connection (Django's test server on an
    in-memory SQLite database gives every request thread the same one) it may still be on its
    way, so look again briefly."""
    for pause in (0, *WAIT_FOR_TWIN):
        time.sleep(pause)
        found = Submission.objects.filter(key=key).select_related("case").first()
        if found is not None:
            return found
    return None


def check_needed(ip: str, contacts=(), *, now=None) -> bool:
    """Whether the page should show the small check to this writer now."""
    return limits.near(limits.SUBMIT_PER_IP, ip, now=now) or any(
        limits.near(limits.SUBMIT_PER_CONTACT, c, now=now) for c in contacts
    )


def _reserve(ip: str, contacts: list[str], *, solved: bool, answered: bool, now) -> None:
    """Take this message's place in the address's and each contact's window, or refuse, inside the
    caller's transaction (a refusal or a failure after it rolls the hits back). Counting and taking
    are one step (limits.counted), so of N messages sent at once from one address no more than the
    limit get in, and no more than `near` without the check."""
    wanted = [(limits.SUBMIT_PER_IP, ip), *((limits.SUBMIT_PER_CONTACT, c) for c in contacts)]
    at_ip, *at_contacts = limits.counted(wanted, now=now)
    if at_ip >= limits.SUBMIT_PER_IP.allowed:
        raise TooMany(f"此网络提交的留言过多，请 {limits.SUBMIT_PER_IP.wait_text()} 后再试，或拨打 12345 热线。")
    if any(n >= limits.SUBMIT_PER_CONTACT.allowed for n in at_contacts):
        raise TooMany(f"同一联系方式今天已提交 {limits.SUBMIT_PER_CONTACT.allowed} 件留言，请明天再试或查询已提交留言的进度。")
    near = at_ip >= limits.SUBMIT_PER_IP.near or any(n >= limits.SUBMIT_PER_CONTACT.near for n in at_contacts)
    if near and not solved:
        raise NeedsCheck("请正确回答验证问题后再提交。" if answered else "请回答下面的验证问题后提交。")
    limits.add(wanted, now=now)


def confirm_receipt(applied: Applied) -> None:
    """A `later` function of the collection: for a message from the write form (the context
    carries the site the writer used), the receipt and the e-mail confirmation, in the worker."""
    site = applied.context.get("site")
    if site is not None:
        _confirm(applied.case, site)


def _confirm(case: Case, site: str) -> None:
    """The receipt by SMS, and to a typed e-mail address only the request to confirm it
    (confirm_email sends the receipt there once its owner has). Our own words only."""
    try:
        notify_citizen(case, "receipt", confirm_email.receipt_text(case))
        citizen = case.citizen
        if citizen.email and not citizen.email_confirmed_at:
            ask_citizen_to_confirm_email(case, link=confirm_email.link_for(citizen, site=site), days=confirm_email.VALID_DAYS)
    except Exception:  # a failed confirmation must not undo a message the writer holds a code for
        log.exception("留言 %s 的收到确认未能发送", case.pk)


def receipt_password(submission: Submission, *, now: dt.datetime | None = None) -> str:
    """The query password, once: the first call returns it and wipes it; later calls return ''."""
    now = now or timezone.now()
    with transaction.atomic():
        sub = Submission.objects.select_for_update().get(pk=submission.pk)
        password = sub.password if now - sub.created_at <= RECEIPT_TTL else ""
        if sub.password:
            sub.password, sub.shown_at = "", now
            sub.save(update_fields=["password", "shown_at"])
    return password


# ---- 一键查询 ------------------------------------------------------------------------

def normalize_code(code: str) -> str:
    return re.sub(r"[\s\-]", "", code or "").upper()[:32]


def portal_lookup(*, code: str, password: str, ip: str = "", now: dt.datetime | None = None) -> Case:
    """The case for code + password. A wrong code and a wrong password fail alike, and
    both count against the IP and the code, so the answer says nothing about the code."""
    now = now or timezone.now()
    code = normalize_code(code)
    password = (password or "").strip()[:64]
    # The try is charged before the password is compared, and given back if it was right:
    # of N tries at once no more than the window's room are compared at all.
    reserved = limits.take([(limits.QUERY_FAIL_PER_IP, ip), (limits.QUERY_FAIL_PER_CODE, code or "-")], now=now)
    if reserved is None:
        raise TooMany("查询失败次数过多，请一小时后再试。忘记密码可用“忘记查询密码”找回，或拨打 12345 热线核实身份后查询。")
    case = case_by_code(code, password.upper()) if code and password else None
    if case is None:
        raise CaseError("查询码或查询密码不正确。")
    limits.give_back(reserved)
    return case


def portal_rate(*, case: Case, rating: str, comment: str = "") -> Case:
    """The writer rates the published answer; 不满意 puts the case in the center's 待回访 queue."""
    if rating not in Rating.values:
        raise CaseError("请选择 满意、基本满意 或 不满意。")
    if case.state != State.PUBLISHED:
        raise CaseError("答复发布后才能评价。")
    return apply(case, "rate", actor=None, rating=rating, comment=(comment or "")[:2000])
