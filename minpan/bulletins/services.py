"""The bulletin's steps: drafted by the center's office, edited, submitted for signature, then
approved (签发) or returned with a reason by a leader of the role the policy names. Each step checks
who asks and the state first, writes its row (BulletinStep) and tells whom it concerns.

Issued, it goes to every unit it names (notify inbox, Kind.BULLETIN_ISSUED); until then it is the
center's alone (who may see what: `visible`)."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from minpan.cases.errors import NotPermitted, RuleViolation
from minpan.notify.inbox import Message, send_many
from minpan.notify.models import Kind
from minpan.notify.recipients import at_center, in_unit, workers
from minpan.policies.active import active_policy, policy_named
from minpan.reports.periods import Period
from minpan.units.models import Membership, Unit
from minpan.units.people import roles_of
from minpan.units.roles import CENTER_ROLES, Role
from minpan.workdays.arith import SHANGHAI

from . import drafting
from .models import Bulletin, BulletinState, BulletinStep, Section, StepKind

# the office that drafts (督查 and the center's staff); a city leader signs
DRAFTERS = frozenset({Role.CENTER_OPERATOR, Role.CENTER_REVIEWER, Role.SUPERVISOR})
EDITABLE = (BulletinState.DRAFT, BulletinState.RETURNED)


def may_draft(user) -> bool:
    return bool(roles_of(user) & DRAFTERS)


def may_edit(user, bulletin: Bulletin) -> bool:
    return bulletin.state in EDITABLE and may_draft(user)


def may_decide(user, bulletin: Bulletin) -> bool:
    return bulletin.state == BulletinState.SUBMITTED and approver_role(bulletin) in roles_of(user)


def approver_role(bulletin: Bulletin) -> str:
    return policy_named(bulletin.policy_name).bulletins.approver_role


def visible(user) -> QuerySet[Bulletin]:
    """The center sees every bulletin; a unit's people the issued ones naming their unit or the top
    unit above it (a street's cases are counted for its district); anyone else none."""
    roles = roles_of(user)
    if roles & CENTER_ROLES:
        return Bulletin.objects.all()
    paths = list(Membership.objects.filter(user=user).values_list("unit__path", flat=True))
    if not paths:
        return Bulletin.objects.none()
    tops = {int(p.strip("/").split("/")[0]) for p in paths}
    mine = Unit.objects.filter(Q(pk__in=tops) | Q(members__user=user)).values("pk")
    return Bulletin.objects.filter(state=BulletinState.ISSUED, units__in=mine).distinct()


def bulletin_draft(*, period: Period, by, now: dt.datetime, policy=None) -> Bulletin:
    policy = policy or active_policy()
    if not may_draft(by):
        raise NotPermitted("通报由中心工作人员或督查人员拟稿。")
    if not policy.bulletins.kinds:
        raise RuleViolation(f"现行办理制度（{policy.title}）未规定通报。")
    bulletin = _create(period, policy, by, now)
    if bulletin is None:
        raise RuleViolation(f"{drafting.period_label(period)}的通报已经拟稿，请在原稿上修改。")
    return bulletin


def bulletin_draft_due(now: dt.datetime) -> Bulletin | None:
    """The sweep's step: once a period (the policy's month or quarter) has ended, its bulletin is
    drafted for the center to edit and submit; None when there is none to draft. Safe to run twice
    or on two workers at once (one bulletin a period, Bulletin.Meta.constraints)."""
    policy = active_policy()
    if not policy.bulletins.kinds:
        return None
    period = drafting.last_period(policy.bulletins.every, now.astimezone(SHANGHAI).date())
    bulletin = _create(period, policy, None, now)
    if bulletin is not None:
        # nobody asked for this draft: those who edit and submit bulletins learn it waits for them
        send_many([Message(Kind.BULLETIN_DRAFTED, at_center(*sorted(DRAFTERS)), None, {"title": bulletin.title, "period": str(period)})], now=now)
    return bulletin


def _create(period: Period, policy, by, now: dt.datetime) -> Bulletin | None:
    known = Bulletin.objects.filter(policy_name=policy.name, first_day=period.first, last_day=period.last)
    if known.exists():
        return None
    made = drafting.draft(period, policy)
    try:
        with transaction.atomic():
            bulletin = Bulletin.objects.create(
                policy_name=policy.name, first_day=period.first, last_day=period.last, title=made.title,
                body="\n".join(made.paragraphs), lines=made.lines, drafted_by=by, drafted_at=now,
            )
            bulletin.units.set({line["unit"] for line in made.lines})
            _step(bulletin, StepKind.DRAFT, by, now)
    except IntegrityError:  # drafted meanwhile, by someone else or another worker
        return None
    return bulletin


def bulletin_edit(*, bulletin: Bulletin, by, now: dt.datetime, title: str, body: str) -> Bulletin:
    with transaction.atomic():
        bulletin = _locked(bulletin)
        if not may_edit(by, bulletin):
            raise NotPermitted(_why_not(bulletin, "修改"))
        bulletin.title, bulletin.body = title.strip(), body.strip()
        if not bulletin.title or not bulletin.body:
            raise RuleViolation("通报的标题和正文不能为空。")
        bulletin.save(update_fields=["title", "body"])
        _step(bulletin, StepKind.EDIT, by, now)
    return bulletin


def bulletin_submit(*, bulletin: Bulletin, by, now: dt.datetime) -> Bulletin:
    with transaction.atomic():
        bulletin = _locked(bulletin)
        if not may_edit(by, bulletin):
            raise NotPermitted(_why_not(bulletin, "报送签批"))
        bulletin.state = BulletinState.SUBMITTED
        bulletin.save(update_fields=["state"])
        _step(bulletin, StepKind.SUBMIT, by, now)
        leaders = at_center(approver_role(bulletin))
        send_many([Message(Kind.BULLETIN_TO_SIGN, leaders, None, {"title": bulletin.title})], now=now)
    return bulletin


def bulletin_approve(*, bulletin: Bulletin, by, now: dt.datetime) -> Bulletin:
    """签发: the bulletin gets its number and goes to every unit it names."""
    with transaction.atomic():
        bulletin = _locked(bulletin)
        if not may_decide(by, bulletin):
            raise NotPermitted(_why_not(bulletin, "签发"))
        year = now.astimezone(SHANGHAI).year
        heading = policy_named(bulletin.policy_name).bulletins.heading
        seq = Bulletin.objects.filter(state=BulletinState.ISSUED, issued_at__year=year).count() + 1
        bulletin.number = f"{heading}〔{year}〕第{seq}期"
        bulletin.state, bulletin.approved_by, bulletin.issued_at = BulletinState.ISSUED, by, now
        try:
            with transaction.atomic():
                bulletin.save(update_fields=["number", "state", "approved_by", "issued_at"])
        except IntegrityError:  # another leader signed another bulletin at the same moment
            raise RuleViolation("期号已被占用，请重试。") from None
        _step(bulletin, StepKind.APPROVE, by, now)
        send_many(_notices(bulletin), now=now)
    return bulletin


def bulletin_return(*, bulletin: Bulletin, by, now: dt.datetime, reason: str) -> Bulletin:
    reason = reason.strip()
    with transaction.atomic():
        bulletin = _locked(bulletin)
        if not may_decide(by, bulletin):
            raise NotPermitted(_why_not(bulletin, "退回"))
        if not reason:
            raise RuleViolation("退回须写明理由。")
        bulletin.state, bulletin.return_reason = BulletinState.RETURNED, reason
        bulletin.save(update_fields=["state", "return_reason"])
        _step(bulletin, StepKind.RETURN, by, now, note=reason)
        submitted = bulletin.steps.filter(kind=StepKind.SUBMIT).order_by("-at", "-pk").first()
        send_many([Message(Kind.BULLETIN_RETURNED, [submitted.actor] if submitted and submitted.actor else [], None,
                           {"title": bulletin.title, "reason": reason})], now=now)
    return bulletin


def _locked(bulletin: Bulletin) -> Bulletin:
    return Bulletin.objects.select_for_update().get(pk=bulletin.pk)


def _step(bulletin: Bulletin, kind: str, by, now: dt.datetime, note: str = "") -> None:
    BulletinStep.objects.create(bulletin=bulletin, kind=kind, actor=by, at=now, note=note)


def _why_not(bulletin: Bulletin, what: str) -> str:
    state = bulletin.get_state_display()
    if what in ("签发", "退回"):
        role = Role(approver_role(bulletin)).label
        return f"通报{state}，不能{what}：只有{role}可以签发或退回待签批的通报。"
    return f"通报{state}，不能{what}：只有中心工作人员、督查人员可以修改和报送草稿或退回的通报。"


def _notices(bulletin: Bulletin) -> list[Message]:
    """One notice to each unit named, to its leaders (its handlers where it has none), saying how."""
    said: dict[int, list[str]] = {}
    for line in bulletin.lines:
        how = "通报表扬" if line["section"] == Section.EXEMPLARY else f"通报批评（{Section(line['section']).label}）"
        said.setdefault(line["unit"], []).append(how)
    units = Unit.objects.in_bulk(list(said))
    out = []
    for pk, hows in said.items():
        unit = units.get(pk)
        if unit is None:
            continue
        people = in_unit(unit, Role.UNIT_PRINCIPAL, Role.UNIT_DEPUTY) or workers(unit)
        out.append(Message(Kind.BULLETIN_ISSUED, people, None, {
            "unit": unit.name, "title": bulletin.title, "number": bulletin.number, "how": "、".join(hows)}))
    return out
