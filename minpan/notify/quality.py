"""A send-back for a fault the policy names (答非所问、敷衍塞责 …) starts its ladder at once, as
lateness does: the policy's quality_step issues its letter (a 催办单, 书面督办通知, a draft 通报批评
or 问责移交函 for a leader to approve) and tells whom that rung tells. Heard after the send-back
commits; the letter is numbered under its counter's lock like the sweep's."""
from __future__ import annotations

from functools import partial

from django.db import transaction

from minpan.cases.hooks import Applied
from minpan.policies.codes import QUALITY_FAULTS

from . import recipients as who
from .inbox import Message, send_many
from .letters import issue_letter
from .models import Kind

STEP_NAMES = {"urge": "催办", "supervise": "督办", "transfer": "移交问责", "criticise": "通报批评", "account": "问责"}


def fault_found(applied: Applied) -> None:
    fault = applied.data.get("fault")
    step = applied.policy.escalation.quality_step
    if not fault or step is None:
        return
    case, label = applied.case, QUALITY_FAULTS[fault]
    unit = case.lead_unit
    people = who.for_step(step.kind, step.needs_leader, partial(who.in_unit, unit), who.at_center)
    with transaction.atomic():
        letter = issue_letter(case, step, now=applied.at, overdue_days=0, policy=applied.policy, fault=label) if step.letter else None
        send_many([Message(Kind.QUALITY_FAULT, people, case, {
            "unit": unit.name if unit else "", "fault": label, "step": STEP_NAMES[step.kind],
            "letter": letter.title if letter else "", "draft": bool(letter and letter.state == "draft"),
        })], now=applied.at)
