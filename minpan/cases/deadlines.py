"""Recompute a case's stored deadline columns under its policy.

Called by transitions.apply after every action, so the columns the sweeper and the
queues read are always those the rules give for the case's present state.
"""
from __future__ import annotations

import datetime as dt

from minpan.policies.rules import Policy
from minpan.workdays.arith import SHANGHAI, end_of_day, local_date
from minpan.workdays.service import calendar_around, warn_unknown

from .states import AWAITING_UNIT_ANSWER, HELD_BY_UNIT, RETURNABLE, UNANSWERED, State

# the ways a reminder is made by hand (policy.reminder.by), recorded as Action.PHONE_REMIND
BY_HAND = ("phone", "sms")
# Reminders go out at the start of the office day.
OFFICE_OPENS = dt.time(8, 30)

# The national inspection of government websites: a valid message unanswered for 3 months
# fails the site, so the center is warned at 60 days.
ALARM_AFTER = dt.timedelta(days=60)


def recompute(case, policy: Policy, now: dt.datetime) -> None:
    unverified = False
    case.due_at = case.remind_at = case.return_due_at = case.next_step_at = case.nudge_at = case.phone_at = None

    if case.state in HELD_BY_UNIT and (case.clock_started_at or case.coordinated_due):
        steps = policy.escalation.steps
        after = max((s.after_days for s in steps), default=0) + 1
        if case.coordinated_due:
            # Yuncheng 五(二): the limit a 专题协调会议 set is the deadline in force (24:00 of that day)
            start = due = case.coordinated_due
            cal = calendar_around(due, after + (policy.reminder.lead_working_days or 0) + 2)
        else:
            start = local_date(case.clock_started_at)
            days = policy.answer_working_days + case.extension_days
            cal = calendar_around(start, days + after)
            due = cal.add(start, days)
        case.due_at = end_of_day(due)
        unverified |= warn_unknown(cal, start, due)
        lead = policy.reminder.lead_working_days
        if lead is not None:
            if case.supervised:
                lead += policy.escalation.supervised_extra_lead_days
            remind_day = _office_opens(cal.subtract(due, lead))
            waiting = case.state != State.SUBMITTED or policy.reminder.until_published
            if waiting and case.reminded_for != case.due_at:
                case.remind_at = remind_day
            # the center's call (Chizhou 第九条(四), Yuncheng 五(三)) is due on the same day and stays
            # due, whatever the sweep's notice did, until it is recorded or the unit has answered
            if case.state in AWAITING_UNIT_ANSWER and case.phoned_for != case.due_at and any(w in policy.reminder.by for w in BY_HAND):
                case.phone_at = remind_day
        if case.state in AWAITING_UNIT_ANSWER and case.steps_done < len(steps):
            # "N working days overdue" is reached at 24:00 of the Nth working day after the deadline
            # day; the notice goes out when the office opens on the next working day, never on a holiday.
            case.next_step_at = _office_opens(cal.add(due, steps[case.steps_done].after_days + 1))

    since = waiting_on_center_since(case)
    if since and since != case.nudged_for:
        # waited a whole working day after the one it began on
        cal = calendar_around(local_date(since), 2)
        case.nudge_at = _office_opens(cal.add(local_date(since), 2))

    # the deadline in force: the live one while it runs; kept after the answer is approved (the
    # reports judge on-time answers by it); gone with the clock (returned, recalled, reopened)
    if case.due_at is not None:
        case.deadline_at = case.due_at
    elif case.clock_started_at is None:
        case.deadline_at = None

    case.alarm_at = None
    if case.state in UNANSWERED and not case.alarmed:
        day = local_date(case.received_at + ALARM_AFTER)
        cal = calendar_around(day, 1)
        case.alarm_at = _office_opens(day if cal.is_workday(day) else cal.add(day, 1))

    lead_received_at = _lead_received_at(case)

    if case.state in RETURNABLE and policy.return_rule.allowed and lead_received_at:
        receipt = local_date(lead_received_at)
        window = policy.return_rule.window_working_days
        cal = calendar_around(receipt, max(window, 1))
        last = cal.add(receipt, window)
        if window == 0 and not cal.is_workday(receipt):
            # 当日 for a form that arrives on a holiday: the unit's first working day, when someone can sign.
            last = cal.add(receipt, 1)
        case.return_due_at = end_of_day(last)
        unverified |= warn_unknown(cal, receipt, last)

    case.publish_step_at = None
    if case.state == State.APPROVED and policy.publication.same_day:
        case.publish_due_at = case.publish_due_at or end_of_day(local_date(now))
        if case.publish_late_for != case.publish_due_at:
            # not published that day: the sweep takes it up when the office opens on the next working day
            day = local_date(case.publish_due_at - dt.timedelta(microseconds=1))
            case.publish_step_at = _office_opens(calendar_around(day, 1).add(day, 1))
    else:
        case.publish_due_at = None

    case.calendar_unverified = unverified


def _office_opens(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, OFFICE_OPENS, tzinfo=SHANGHAI)


def _lead_received_at(case):
    if case.state not in RETURNABLE:
        return None
    if hasattr(case, "lead_assignments"):  # prefetched by transitions.apply_batch
        return case.lead_assignments[0].dispatched_at if case.lead_assignments else None
    return case.assignments.filter(active=True, role="lead").values_list("dispatched_at", flat=True).first()


def waiting_on_center_since(case):
    """When the case began to wait on the center: a return not yet re-dispatched, or an extension not yet decided."""
    if case.state == State.RETURNED:
        return case.assignments.filter(returned_at__isnull=False).order_by("-returned_at").values_list("returned_at", flat=True).first()
    if case.extension_pending:
        # with the center from the request, or (逐级) from the unit leader's signature; one still with
        # the unit's leader (state endorsing) is not the center's wait
        if hasattr(case, "pending_extensions"):  # prefetched by transitions.apply_batch
            req = case.pending_extensions[0] if case.pending_extensions else None
        else:
            req = case.extensions.filter(state="pending").only("requested_at", "endorsed_at").first()
        return (req.endorsed_at or req.requested_at) if req else None
    return None


def extension_room(case, policy: Policy) -> int | None:
    """Working days still grantable by extension (None: no cap)."""
    rule = policy.extension
    caps = []
    if rule.max_days_total is not None:
        caps.append(rule.max_days_total - case.extension_days)
    if rule.total_limit_days is not None:
        caps.append(rule.total_limit_days - policy.answer_working_days - case.extension_days)
    return max(min(caps), 0) if caps else None
