"""Creating a case: the one step before the transition table applies."""
from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from dataclasses import replace

from django.db import IntegrityError, transaction
from django.utils import timezone

from minpan.policies.active import active_policy, policy_named
from minpan.policies.codes import CHANNELS
from minpan.units.roles import Role

from . import events, hooks, tasks
from .errors import CaseError
from .hashers import check_query_password, hash_query_password, needs_rewrite
from .models import Case, Citizen
from .states import Action, State

# No 0/O, 1/I/L: codes are read aloud over the phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SUBJECT_MAX = 200
BODY_MAX = 5000
CITIZEN_FIELDS = ("name", "phone", "email", "id_number", "address", "employer", "ip")


class DuplicateMessage(CaseError):
    def __init__(self, case: Case):
        self.case = case
        super().__init__(f"该渠道编号已收集过：{case.reference}（查询码 {case.tracking_code}）。")


def new_code(length: int = 10) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(text) -> str:
    """What every channel's text loses before it is stored: NUL, which PostgreSQL refuses in text
    (and SQLite would keep, so the two databases would differ), and a lone UTF-16 half, which no
    database can encode (a JSON "\\ud800" escape), shown as the replacement character."""
    return _SURROGATE.sub("\ufffd", str(text or "").replace("\x00", ""))


def case_collect(
    *, channel: str, subject: str, body: str, citizen: dict | None = None, external_id: str = "",
    received_at: dt.datetime | None = None, may_publish: bool = True, publish_personal: bool = False, actor=None,
    role: str = Role.SYSTEM, policy_name: str | None = None, history: bool = False, defer: dict | None = None,
) -> tuple[Case, str]:
    """Record a message as received. Returns the case and its query password, shown once.
    `history`: an answered message from a channel's past, imported as a record of what was done,
    not intake the policy's channels accept or refuse.
    `defer`: what follows the collection (hooks.later: indexing, the receipt, the listeners) runs
    in the worker, from one job queued in this transaction, `defer` handed to it as the context;
    the caller's request then writes only the case, its writer, its event and the job."""
    policy = active_policy() if policy_name is None else policy_named(policy_name)
    if channel not in CHANNELS:
        raise CaseError(f"未知的来源渠道 {channel!r}。")
    if channel not in policy.channels and not history:
        allowed = "、".join(CHANNELS[c] for c in policy.channels)
        raise CaseError(f"本制度不受理“{CHANNELS[channel]}”渠道的留言。受理渠道：{allowed}")
    subject, body = _clean(subject).strip(), _clean(body).strip()
    if not subject:
        raise CaseError("请填写留言标题。")
    if not body:
        raise CaseError("请填写留言内容。")
    if len(subject) > SUBJECT_MAX:
        raise CaseError(f"标题最多 {SUBJECT_MAX} 字，现有 {len(subject)} 字。")
    if len(body) > BODY_MAX:
        raise CaseError(f"留言内容最多 {BODY_MAX} 字，现有 {len(body)} 字。")
    citizen = {k: _clean(v).strip() if k != "ip" else v for k, v in (citizen or {}).items()}
    if citizen.get("phone"):
        # one spelling for a number however it came (full-width digits from an input method, via
        # an import, the API or Open311), so search, recovery and masking find it
        citizen["phone"] = unicodedata.normalize("NFKC", citizen["phone"]).strip()
    unknown = set(citizen) - set(CITIZEN_FIELDS)
    if unknown:
        raise CaseError(f"留言人信息中有未知字段：{', '.join(sorted(unknown))}")
    external_id = _clean(external_id).strip()
    received_at = received_at or timezone.now()
    password = new_code(8)
    try:
        # a savepoint only where a duplicate channel id may be refused (and then looked up)
        with transaction.atomic(savepoint=bool(external_id)):
            case = Case.objects.create(
                channel=channel, external_id=external_id, tracking_code=new_code(),
                query_password=hash_query_password(password), subject=subject, body=body,
                may_publish=may_publish, publish_personal=publish_personal, received_at=received_at, policy_name=policy.name,
                state=State.RECEIVED,
            )
            Citizen.objects.create(case=case, **citizen)
            applied = hooks.Applied(
                case=case, action=Action.COLLECT, actor=actor, role=role, unit=None, policy=policy, at=received_at,
                before="", after=State.RECEIVED, data={"channel": channel, "external_id": external_id},
            )
            data = hooks.contributions(applied)
            if defer is None:
                # similar indexes the message in here (findable as a duplicate the moment it
                # exists); textmine queues its suggestions after commit
                hooks.follow_now(applied)
            events.append(
                case=case, actor=actor, role=role, unit=None, at=received_at, action=Action.COLLECT,
                before="", after=State.RECEIVED, data=data, first=True,
            )
            if defer is None:
                hooks.announce(replace(applied, data=data))
            else:
                tasks.follow_collect.enqueue(case.pk, defer)
    except IntegrityError:
        existing = Case.objects.filter(channel=channel, external_id=external_id).first() if external_id else None
        if existing:
            raise DuplicateMessage(existing) from None
        raise
    return case, password


def case_by_code(code: str, password: str) -> Case | None:
    """The case for a tracking code and its password; None when either is wrong (never says which)."""
    case = Case.objects.filter(tracking_code=(code or "").strip().upper()).first()
    if case is None:
        hash_query_password(password or "")  # spend the same time whether or not the code exists
        return None
    if not check_query_password(password or "", case.query_password):
        return None
    if needs_rewrite(case.query_password):
        # an Argon2 hash from before the keyed one: the right password is in hand, so write it anew
        case.query_password = hash_query_password(password)
        Case.objects.filter(pk=case.pk).update(query_password=case.query_password)
    return case
