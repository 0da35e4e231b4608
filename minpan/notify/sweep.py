"""The sweep: every minute, do what the policies say is due now.

Each kind of work is found with an indexed query on a stored column of open cases
and claimed with a conditional update in the same transaction as the step itself:
two workers sweeping at once, or a sweep run twice, take each step once; a worker
that dies half-way rolls its claim back and the next sweep takes the step.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter as Tally

from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from minpan.cases.deadlines import waiting_on_center_since
from minpan.cases.errors import CaseError
from minpan.cases.models import Case
from minpan.cases.states import OPEN_STATES, State
from minpan.cases.transitions import apply
from minpan.policies.active import policy_named
from minpan.workdays.arith import deadline_day, local_date
from minpan.workdays.service import calendar_around

from . import recipients as who
from .inbox import send
from .letters import issue_letter
from .models import Delivery, DeliveryState, Kind, SiteAlarm

log = logging.getLogger("minpan.notify")
BATCH = 500
NO_REPLY_ALARM_DAYS = 45  # points are lost at 2 months without a published reply
REQUEUE_AFTER = dt.timedelta(minutes=5)  # a queued send not taken by then is queued again


def sweep(now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    done: Tally = Tally()
    for column, handler in (
        ("remind_at", _remind), ("next_step_at", _step), ("nudge_at", _nudge), ("alarm_at", _alarm),
    ):
        done += _drain(column, handler, now)
    done["no_reply_alarm"] += _no_reply_alarm(now)
    done["deliveries_requeued"] += _requeue_deliveries(now)
    return dict(done)


def _drain(column: str, handler, now) -> Tally:
    done: Tally = Tally()
    open_states = [s.value for s in OPEN_STATES]
    while True:
        rows = list(
            Case.objects.filter(**{f"{column}__lte": now}, state__in=open_states)
            .order_by(column).values_list("pk", column)[:BATCH]
        )
        if not rows:
            return done
        for pk, value in rows:
            with transaction.atomic():
                # The claim: whoever changes the column from the value it read takes the step.
                if not Case.objects.filter(pk=pk, **{column: value}).update(**{column: None}):
                    continue
                try:
                    done[handler(pk, now)] += 1
                except CaseError as exc:
                    # Already done or no longer applicable: keep the claim, say why.
                    log.info("督办步骤跳过：case=%s %s", pk, exc)
                    done["skipped"] += 1


def _remind(pk: int, now) -> str:
    case = apply(pk, "remind", now=now)
    policy = policy_named(case.policy_name)
    people = who.in_unit(case.lead_unit, policy.reminder.recipient)
    if case.supervised:
        people += who.supervisors()
    send(Kind.REMIND, people, now=now, case=case, unit=case.lead_unit, due=_due_text(case.due_at))
    return "remind"


def _step(pk: int, now) -> str:
    case = Case.objects.select_related("lead_unit").get(pk=pk)
    policy = policy_named(case.policy_name)
    index = case.steps_done
    step = policy.escalation.steps[index]
    due_day = deadline_day(case.due_at)
    overdue = calendar_around(due_day, 30).count(due_day, local_date(now))
    skipped = ""
    if step.unless_explained and case.delay_explained_at:
        skipped = "承办单位已报告逾期理由"
    elif case.prompts < step.min_prompts:
        skipped = f"催办不足 {step.min_prompts} 次"
    case = apply(pk, step.kind, now=now, step=index, overdue_days=overdue, skipped=skipped)
    if skipped:
        return f"{step.kind}_skipped"
    letter = issue_letter(case, step, now=now, overdue_days=overdue, policy=policy) if step.letter else None
    context = dict(
        unit=case.lead_unit, due=_due_text(case.due_at), overdue_days=overdue, letter=step.letter,
        transfer_to=policy.escalation.transfer_to, on_site=policy.escalation.supervised_on_site and case.supervised,
    )
    people = {
        "urge": who.unit_leads(case.lead_unit),
        "supervise": who.unit_leads(case.lead_unit) + who.supervisors(),
        "transfer": who.supervisors() + who.leaders(),
        "criticise": who.supervisors() + (who.leaders() if step.needs_leader else []),
        "account": who.supervisors() + who.leaders(),
    }[step.kind]
    send(Kind(step.kind), people, now=now, case=case, **context)
    return step.kind if letter is None else f"{step.kind}_letter"


def _nudge(pk: int, now) -> str:
    case = Case.objects.select_related("lead_unit").get(pk=pk)
    since = waiting_on_center_since(case)
    if since is None:
        return "nothing_waiting"
    waiting = "return" if case.state == State.RETURNED else "extension"
    case = apply(pk, "nudge", now=now, since=since, waiting=waiting)
    if waiting == "return":
        unit = case.assignments.filter(returned_at=since).values_list("unit__name", flat=True).first()
        send(Kind.NUDGE_RETURN, who.operators(), now=now, case=case, unit=unit)
    else:
        unit = case.lead_unit
        send(Kind.NUDGE_EXTENSION, who.reviewers(), now=now, case=case, unit=unit)
    return f"nudge_{waiting}"


def _alarm(pk: int, now) -> str:
    case = apply(pk, "alarm", now=now)
    send(Kind.ALARM_UNANSWERED, who.operators() + who.supervisors(), now=now, case=case)
    return "alarm"


def _no_reply_alarm(now) -> int:
    """The website itself: no reply published for 45 days. Raised once a day while it lasts."""
    last = Case.objects.filter(publish_mode="public").aggregate(m=Max("answered_at"))["m"]
    # a site that has never published counts from its first message
    since = last or Case.objects.order_by("received_at").values_list("received_at", flat=True).first()
    if since is None:
        return 0
    days = (now - since).days
    if days < NO_REPLY_ALARM_DAYS:
        return 0
    with transaction.atomic():
        _, created = SiteAlarm.objects.get_or_create(
            key=f"no_reply:{local_date(now).isoformat()}", defaults={"kind": Kind.ALARM_NO_REPLY, "raised_at": now}
        )
        if created:
            send(Kind.ALARM_NO_REPLY, who.operators() + who.supervisors(), now=now, count=days)
    return int(created)


def _requeue_deliveries(now) -> int:
    """Pending sends whose task was lost (a process died after commit), and sends stuck mid-way."""
    from .tasks import deliver

    Delivery.objects.filter(state=DeliveryState.SENDING, next_attempt_at__lte=now).update(state=DeliveryState.PENDING)
    due = Delivery.objects.filter(state=DeliveryState.PENDING, next_attempt_at__lte=now).filter(
        Q(queued_at__isnull=True) | Q(queued_at__lt=F("next_attempt_at")) | Q(queued_at__lt=now - REQUEUE_AFTER)
    )
    count = 0
    for pk, queued in due.values_list("pk", "queued_at")[:BATCH]:
        # Claim the queueing, so two sweeps queue it once; the task claims again before sending.
        if Delivery.objects.filter(pk=pk, queued_at=queued).update(queued_at=now):
            deliver.enqueue(pk)
            count += 1
    return count


def _due_text(due_at) -> str:
    return f"{deadline_day(due_at):%Y年%m月%d日} 24:00" if due_at else "（未计时）"
