"""Recompute a case's stored deadline columns under its policy.

Called by transitions.apply after every action, so the columns the sweeper and the
queues read are always those the rules give for the case's present state.
"""
from __future__ import annotations

import datetime as dt

from minpan.policies.rules import Policy
from minpan.workdays.arith import SHANGHAI, end_of_day, local_date
from minpan.workdays.service import calendar_around, warn_unknown

from .states import State

# Reminders go out at the start of the office day.
OFFICE_OPENS = dt.time(8, 30)

CLOCK_STATES = frozenset({State.DISPATCHED, State.IN_PROGRESS, State.DRAFTED, State.SIGNED, State.SUBMITTED, State.SENT_BACK})
RETURN_STATES = frozenset({State.DISPATCHED, State.IN_PROGRESS})


def recompute(case, policy: Policy, now: dt.datetime, lead_received_at: dt.datetime | None) -> None:
    unverified = False
    case.due_at = case.remind_at = case.return_due_at = None

    if case.state in CLOCK_STATES and case.clock_started_at:
        start = local_date(case.clock_started_at)
        days = policy.answer_working_days + case.extension_days
        cal = calendar_around(start, days)
        due = cal.add(start, days)
        case.due_at = end_of_day(due)
        unverified |= warn_unknown(cal, start, due)
        lead = policy.reminder.lead_working_days
        waiting = case.state != State.SUBMITTED or policy.reminder.until_published
        if lead is not None and waiting:
            day = cal.subtract(due, lead)
            case.remind_at = dt.datetime.combine(day, OFFICE_OPENS, tzinfo=SHANGHAI)

    if case.state in RETURN_STATES and policy.return_rule.allowed and lead_received_at:
        receipt = local_date(lead_received_at)
        window = policy.return_rule.window_working_days
        cal = calendar_around(receipt, max(window, 1))
        last = cal.add(receipt, window)
        if window == 0 and not cal.is_workday(receipt):
            # 当日 for a form that arrives on a holiday: the unit's first working day, when someone can sign.
            last = cal.add(receipt, 1)
        case.return_due_at = end_of_day(last)
        unverified |= warn_unknown(cal, receipt, last)

    if case.state == State.APPROVED and policy.publication.same_day:
        case.publish_due_at = case.publish_due_at or end_of_day(local_date(now))
    else:
        case.publish_due_at = None

    case.calendar_unverified = unverified


def extension_room(case, policy: Policy) -> int | None:
    """Working days still grantable by extension (None: no cap)."""
    rule = policy.extension
    caps = []
    if rule.max_days_total is not None:
        caps.append(rule.max_days_total - case.extension_days)
    if rule.total_limit_days is not None:
        caps.append(rule.total_limit_days - policy.answer_working_days - case.extension_days)
    return max(min(caps), 0) if caps else None
