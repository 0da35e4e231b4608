"""The sweep: every minute, do what the policies say is due now.

Each kind of work is found with an indexed query on a stored column of open cases.
A batch of rows is locked (others' locked rows skipped, so several workers share the
work) and claimed with a conditional update of that column, in the same transaction
as the steps themselves: a sweep run twice, or two workers at once, take each step
once; a worker that dies half-way rolls its claim back and the next sweep takes it.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter as Tally
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from minpan.bulletins.services import bulletin_draft_due
from minpan.cases.deadlines import waiting_on_center_since
from minpan.cases.models import Case
from minpan.cases.states import OPEN_STATES, State
from minpan.cases.transitions import apply_batch
from minpan.policies.active import policy_named
from minpan.units.roles import Role
from minpan.workdays.arith import deadline_day, deadline_text, local_date
from minpan.workdays.service import calendar_around, next_year_missing, one_calendar

from . import recipients as who
from .inbox import Message, send, send_many
from .letters import issue_letter
from .models import Delivery, DeliveryState, Kind, SiteAlarm

log = logging.getLogger("minpan.notify")
BATCH = 500
NO_REPLY_ALARM_DAYS = 45  # points are lost at 2 months without a published reply
REQUEUE_AFTER = dt.timedelta(minutes=5)
FOLLOWED_STEPS_KEPT = dt.timedelta(days=3)  # a queued send not taken by then is queued again
OPEN = sorted(s.value for s in OPEN_STATES)


def sweep(now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    done: Tally = Tally()
    with one_calendar():
        for column, job in (("remind_at", Reminders), ("next_step_at", Ladder), ("nudge_at", Nudges), ("alarm_at", Alarms),
                            ("publish_step_at", LatePublication)):
            done += _drain(column, job, now)
    done["no_reply_alarm"] += _no_reply_alarm(now)
    done["calendar_alarm"] += _calendar_alarm(now)
    done["bulletin_drafted"] += bulletin_draft_due(now) is not None  # 通报: the period just ended
    done["tasks_reaped"] += reap_stale_tasks(now)
    done["followed_steps_pruned"] += _prune_followed_steps(now)
    done["deliveries_requeued"] += _requeue_deliveries(now)
    return dict(done)


def _drain(column: str, job, now) -> Tally:
    done: Tally = Tally()
    while True:
        with transaction.atomic():
            ids = list(
                Case.objects.select_for_update(skip_locked=True)
                .filter(**{f"{column}__lte": now}, state__in=OPEN)
                .order_by(column).values_list("pk", flat=True)[:BATCH]
            )
            if not ids:
                return done
            # The claim: rows whose column still says "due" are ours; a step refused by the rules keeps it.
            Case.objects.filter(pk__in=ids, **{f"{column}__lte": now}).update(**{column: None})
            run = job(now)
            taken = apply_batch(ids, run.choose, now=now)
            send_many(run.messages(taken), now=now)
            done.update(run.tally(taken))
            done["skipped"] += len(ids) - len(taken)


class Job:
    def __init__(self, now):
        self.now = now
        self.people: dict = {}
        # what choose() worked out for a case, read again by messages() and tally(): {case id: facts}
        self.facts: dict = {}

    def tally(self, taken) -> Tally:
        return Tally(str(action.value) for _, action in taken)

    def in_unit(self, unit_id, role) -> list:
        key = (unit_id, role)
        if key not in self.people:
            self.people[key] = who.in_unit(unit_id, role) if unit_id else []
        return self.people[key]

    def center(self, *roles) -> list:
        return [p for r in roles for p in self.people.setdefault(("center", r), who.at_center(r))]


class Reminders(Job):
    def choose(self, case):
        return "remind", {}

    def messages(self, taken):
        for case, _ in taken:
            policy = policy_named(case.policy_name)
            people = self.in_unit(case.lead_unit_id, policy.reminder.recipient)
            if case.supervised:
                people = people + self.center(Role.SUPERVISOR)
            yield Message(Kind.REMIND, people, case, {"unit": _unit_name(case), "due": _due_text(case.due_at)})


class Ladder(Job):
    def choose(self, case):
        policy = policy_named(case.policy_name)
        if case.due_at is None or case.steps_done >= len(policy.escalation.steps):
            return None
        step = policy.escalation.steps[case.steps_done]
        due_day = deadline_day(case.due_at)
        overdue = calendar_around(due_day, 30).count(due_day, local_date(self.now))
        skipped = ""
        if step.unless_explained and case.delay_explained_at:
            skipped = "承办单位已报告逾期理由"
        elif case.prompts < step.min_prompts:
            skipped = f"催办不足 {step.min_prompts} 次"
        self.facts[case.pk] = {"overdue": overdue, "skipped": skipped, "step": step}
        return step.kind, {"step": case.steps_done, "overdue_days": overdue, "skipped": skipped}

    def tally(self, taken) -> Tally:
        return Tally(f"{a.value}_skipped" if self.facts[c.pk]["skipped"] else str(a.value) for c, a in taken)

    def messages(self, taken):
        for case, _ in taken:
            facts = self.facts[case.pk]
            step = facts["step"]
            if facts["skipped"]:
                continue
            policy = policy_named(case.policy_name)
            if step.letter:
                issue_letter(case, step, now=self.now, overdue_days=facts["overdue"], policy=policy)
            people = who.for_step(step.kind, step.needs_leader, partial(self.in_unit, case.lead_unit_id), self.center)
            yield Message(Kind(step.kind), people, case, dict(
                unit=_unit_name(case), due=_due_text(case.due_at), overdue_days=facts["overdue"], letter=step.letter,
                transfer_to=policy.escalation.transfer_to,
                on_site=policy.escalation.supervised_on_site and case.supervised,
            ))


class Nudges(Job):
    def choose(self, case):
        since = waiting_on_center_since(case)
        if since is None:
            return None
        waiting = self.facts[case.pk] = "return" if case.state == State.RETURNED else "extension"
        return "nudge", {"since": since, "waiting": waiting}

    def messages(self, taken):
        for case, _ in taken:
            if self.facts[case.pk] == "return":
                unit = case.assignments.filter(returned_at=case.nudged_for).values_list("unit__name", flat=True).first()
                yield Message(Kind.NUDGE_RETURN, self.center(Role.CENTER_OPERATOR), case, {"unit": unit})
            else:
                yield Message(Kind.NUDGE_EXTENSION, self.center(Role.CENTER_REVIEWER), case, {"unit": _unit_name(case)})


class Alarms(Job):
    def choose(self, case):
        return "alarm", {}

    def messages(self, taken):
        for case, _ in taken:
            yield Message(Kind.ALARM_UNANSWERED, self.center(Role.CENTER_OPERATOR, Role.SUPERVISOR), case, {})


class LatePublication(Job):
    """Tongliao 第十二条: an approved answer still unpublished when the office opens the next working
    day is the center's lapse: the 受理员 who publish and the 督查 who watch over them are told."""

    def choose(self, case):
        return "publish_late", {}

    def messages(self, taken):
        for case, _ in taken:
            yield Message(Kind.PUBLISH_LATE, self.center(Role.CENTER_OPERATOR, Role.SUPERVISOR), case, {
                "unit": _unit_name(case), "due": _due_text(case.publish_due_at),
            })


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


def _calendar_alarm(now) -> int:
    """From November, while next year's schedule is missing: the admins are told, once a week."""
    year = next_year_missing(local_date(now))
    if year is None:
        return 0
    iso = local_date(now).isocalendar()
    with transaction.atomic():
        _, created = SiteAlarm.objects.get_or_create(
            key=f"calendar:{year}:{iso.year}-W{iso.week:02d}", defaults={"kind": Kind.CALENDAR_MISSING, "raised_at": now}
        )
        if created:
            send(Kind.CALENDAR_MISSING, who.at_center(Role.ADMIN), now=now, count=year)
    return int(created)


def _requeue_deliveries(now) -> int:
    """Pending sends whose task was lost (a process died after commit), and sends stuck mid-way:
    a claim's next_attempt_at is its start plus MINPAN_STALE_CLAIM_SECONDS, so a row still sending
    after that lost its worker; the conditional update takes it over once, whoever runs it."""
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


class WorkerLost(Exception):
    """Recorded on a task that was running when its worker died (kill -9, power cut)."""


def reap_stale_tasks(now) -> int:
    """Queued tasks left RUNNING past MINPAN_STALE_CLAIM_SECONDS by a worker that died: marked
    failed, and those safe to run twice (the sends, which claim each delivery) queued again."""
    from minpan.cases.tasks import follow_collect

    from .tasks import deliver, deliver_all

    # the sends claim each delivery; a collection's follow-up marks each step it has done (hooks.follow_later)
    again = ({t.module_path for t in (deliver, deliver_all, follow_collect)}
             | {f"{__package__}.tasks.{t.name}" for t in (deliver, deliver_all)})
    stale = now - dt.timedelta(seconds=settings.MINPAN_STALE_CLAIM_SECONDS)
    reaped = 0
    for row in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=stale)[:BATCH]:
        # Conditional, so two sweeps reap (and queue again) once.
        took = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at).update(
            status=TaskResultStatus.FAILED, finished_at=now, exception_class_path=f"{__name__}.WorkerLost",
            traceback=f"工作进程在执行中断开（{row.worker_ids[-1:] or '未知'}），超过 {settings.MINPAN_STALE_CLAIM_SECONDS} 秒未完成，已由扫描收回",
        )
        if not took:
            continue
        reaped += 1
        if row.task_path in again:
            row.task.enqueue(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        log.warning("收回中断的任务：%s %s", row.task_path, row.pk)
    return reaped


def _prune_followed_steps(now) -> int:
    """The marks of follow-up steps done (cases.FollowedStep) are needed only while a job may still be
    run again: a reaped job is queued again within MINPAN_STALE_CLAIM_SECONDS (at most a day)."""
    from minpan.cases.models import FollowedStep

    return FollowedStep.objects.filter(at__lt=now - FOLLOWED_STEPS_KEPT).delete()[0]


def _unit_name(case) -> str:
    return case.lead_unit.name if case.lead_unit_id else ""


def _due_text(due_at) -> str:
    return deadline_text(due_at) if due_at else "（未计时）"
