"""Erasing the writer's identity from a case, at their request (PIPL 第四十七条) or when the
retention period has passed; a legal hold stops both.

The case stays: its state, dates, channel, type, domain, units, deadlines and events are the
city's statistics and archive. What goes: the writer's name, phone, ID number, e-mail, address,
employer and IP; the message and everything written back to them is replaced by its redacted
text (the same cut the public copy is made with, cases.publication); their files are deleted
from the disk; the duplicate index and the cached hot-topic month that read the raw text go.
Events are append-only and hash-chained, and by design carry no personal data (a follow-up is
recorded by its length), so they stay as they are.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from minpan.cases.errors import CaseError
from minpan.cases.models import Case, Citizen, PublicCopy, Reply
from minpan.cases.publication import make_copy, passage, public_text, terms_for
from minpan.cases.states import State
from minpan.notify.models import Delivery, DeliveryState
from minpan.portal.models import Attachment, Submission
from minpan.similar.models import Indexed, Sample
from minpan.textmine.models import HotReport

log = logging.getLogger(__name__)

# a case is closed, for the retention clock, in these states; from its archiving, else its answer
CLOSED = (State.ARCHIVED, State.PUBLISHED, State.NOT_ACCEPTED, State.MERGED)
ERASED_NAME = "（已删除）"


class OnHold(CaseError):
    """The center has put the case under a legal hold."""


def case_erase(*, case: Case, now: dt.datetime | None = None) -> bool:
    """Erase the writer's identity from the case; False if it was already erased. Raises OnHold."""
    now = now or timezone.now()
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.legal_hold:
            raise OnHold("该留言已被受理中心依法保全，暂不能删除个人信息；如有疑问请联系受理中心。")
        if case.erased_at is not None:
            return False
        citizen = Citizen.objects.filter(case=case).first()
        terms = terms_for(case, citizen, official=[])
        case.publish_personal = False

        def redact(text: str) -> str:
            return passage(text, terms).text if text else text

        text = public_text(case)
        case.subject = text.subject.text[:200]
        case.body = text.body.text
        case.masked_subject, case.masked_body = redact(case.masked_subject)[:200], redact(case.masked_body)
        case.rating_comment, case.follow_up = redact(case.rating_comment), redact(case.follow_up)
        case.publish_masks = {}
        case.erased_at = now
        case.save()
        for reply in Reply.objects.filter(case=case):
            Reply.objects.filter(pk=reply.pk).update(body=redact(reply.body), callback_note=redact(reply.callback_note))
        if citizen is not None:
            Citizen.objects.filter(case=case).update(
                name="", phone="", phone_hash="", email="", id_number="", address="", employer="", ip=None,
                email_confirmed_at=None,
            )
        if PublicCopy.objects.filter(case=case).exists():
            make_copy(case, now)  # remade without anything the writer had agreed to publish
        # notices not yet sent go nowhere now; the sent ones keep their title and dates only
        Delivery.objects.filter(case=case, state__in=[DeliveryState.PENDING, DeliveryState.SENDING]).update(
            state=DeliveryState.FAILED, last_error="留言人已删除个人信息")
        Delivery.objects.filter(case=case).update(address="", text="")
        Submission.objects.filter(case=case).update(password="")
        Sample.objects.filter(case=case).delete()
        Indexed.objects.filter(case=case).delete()
        # the month's hot topics, and the next month's (which counts this one as its "before")
        month = timezone.localtime(case.received_at).date().replace(day=1)
        following = (month + dt.timedelta(days=32)).replace(day=1)
        HotReport.objects.filter(month__in=[f"{month:%Y-%m}", f"{following:%Y-%m}"]).delete()
        paths = [Path(settings.MINPAN_FILES_DIR) / a.stored_as for a in Attachment.objects.filter(case=case)]
        Attachment.objects.filter(case=case).delete()
        transaction.on_commit(lambda: _remove(paths))
    return True


def _remove(paths: list[Path]) -> None:
    root = Path(settings.MINPAN_FILES_DIR).resolve()
    for path in paths:
        if not path.resolve().is_relative_to(root):
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            log.exception("未能删除留言人的附件文件")


def due_for_purge(now: dt.datetime | None = None):
    """Closed cases past the retention period whose writer is not yet erased, and not on hold."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=round(365.25 * settings.MINPAN_RETENTION_YEARS))
    closed_at = Coalesce(F("archived_at"), F("answered_at"), F("received_at"))
    return (Case.objects.filter(state__in=[s.value for s in CLOSED], erased_at__isnull=True, legal_hold=False)
            .annotate(closed_at=closed_at).filter(closed_at__lt=cutoff))


def purge(*, now: dt.datetime | None = None, limit: int = 500) -> dict:
    """The retention sweep (`minpan privacy purge` and the worker): safe to run twice or at once,
    each case is erased under its row lock and only once."""
    done = held = 0
    for case in due_for_purge(now).order_by("pk")[:limit]:
        try:
            done += case_erase(case=case, now=now)
        except OnHold:  # held between the query and the lock
            held += 1
    return {"erased": done, "held": held}


_last_sweep = [float("-inf")]
SWEEP_EVERY = 3600.0  # seconds: the schedule counts in years; the query reads every closed case


def sweep() -> dict:
    """The worker's step: the purge, at most hourly per worker process."""
    if time.monotonic() - _last_sweep[0] < SWEEP_EVERY:
        return {}
    _last_sweep[0] = time.monotonic()
    return purge()


def hold_set(*, case: Case, reason: str) -> Case:
    """The center's legal hold (a dispute, an inquiry, a court's request): stops erasure and purge."""
    reason = (reason or "").strip()
    if not reason:
        raise CaseError("设置保全须写明理由。")
    Case.objects.filter(pk=case.pk).update(legal_hold=True, legal_hold_reason=reason)
    return Case.objects.get(pk=case.pk)


def hold_release(*, case: Case) -> Case:
    Case.objects.filter(pk=case.pk).update(legal_hold=False)
    return Case.objects.get(pk=case.pk)


def rekey() -> int:
    """Re-encrypt every phone and ID number with the newest key and re-hash the phones (key
    rotation): after this the old key may be dropped from MINPAN_DATA_KEYS."""
    count = 0
    for citizen in Citizen.objects.exclude(Q(phone="") & Q(id_number="")).iterator():
        citizen.save(update_fields=["phone", "id_number", "phone_hash"])  # encrypts with the first key
        count += 1
    return count
