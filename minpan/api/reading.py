"""What a person's token reads: the desk's own selectors and its rules of sight, as JSON.

The list is the desk's queue (desk.queues: the same tabs, filters and pages); the case is what the
case page shows that person (cases.access.sight: the text as their side reads it, the writer only
where the page shows them, a unit that no longer holds the case sees nothing after it let go)."""
from __future__ import annotations

from django.db.models import Q

from minpan.cases.access import Sight, is_center, sight, unit_subject
from minpan.cases.models import Case, Citizen
from minpan.cases.states import Action, Channel, State
from minpan.desk.casepage import event_details, offered_forms
from minpan.desk.clock import Clock
from minpan.desk.queues import PER_PAGE, Queue, QueueFilter, queue_page
from minpan.policies.active import policy_named
from minpan.units.people import roles_of

NOT_HELD = "本单位已不再承办"
WRITER_FIELDS = ("name", "phone", "email", "id_number", "address", "employer")


def _when(moment):
    return moment.isoformat() if moment else None


def case_row(case: Case, *, center: bool, held: bool = True) -> dict:
    return {
        "id": case.pk, "reference": case.reference,
        "subject": case.subject if center else unit_subject(case),
        "channel": case.channel, "channel_label": Channel(case.channel).label if case.channel in Channel.values else case.channel,
        "held": held,
        # a unit's row for a case it let go shows neither the case's later state nor the next unit
        "state": case.state if held else None, "state_label": State(case.state).label if held else NOT_HELD,
        "msg_type": case.msg_type, "domain": case.domain, "urgency": case.urgency,
        "received_at": _when(case.received_at), "due_at": _when(case.due_at) if held else None,
        "lead_unit": (case.lead_unit.name if case.lead_unit is not None else None) if held else None,
    }


def case_page(user, queue: Queue, filters: QueueFilter, number) -> dict:
    page = queue_page(user, queue, Clock(), filters, number)
    center = is_center(user)
    return {
        "page": page.number, "per_page": PER_PAGE, "total": page.total, "has_next": page.has_next,
        "results": [case_row(c, center=center, held=getattr(c, "held", True)) for c in page.rows],
    }


def _step(event) -> dict:
    return {
        "at": _when(event.at), "action": event.action, "action_label": Action(event.action).label,
        "by": event.actor_name or event.get_role_display(), "unit": event.unit.name if event.unit_id else None,
        "state_before": event.state_before, "state_after": event.state_after, "note": event.note,
        "details": [[k, v] for k, v in event_details(event.data)],
    }


def _answer(reply) -> dict:
    return {"version": reply.version, "body": reply.body, "unit": reply.unit.name if reply.unit_id else None,
            "drafted_at": _when(reply.drafted_at), "signed_at": _when(reply.signed_at)}


def _offered(user, case: Case) -> list[dict]:
    roles = roles_of(user)
    forms = offered_forms(user, case, roles, policy_named(case.policy_name))
    return [{"action": f.action.value, "label": f.label, "fields": list(f.fields)} for f in forms]


def case_detail(user, case: Case) -> dict:
    """The case as the case page shows it to `user` (desk.casepage.case_context / past_context)."""
    seen: Sight = sight(user, case)
    held = seen.ended_at is None
    events = case.events.select_related("unit").order_by("seq")
    replies = case.replies.select_related("unit").order_by("-version")
    if not held:
        # its own 退办 happened at that moment; the re-dispatch at the same moment names the next unit
        events = events.filter(Q(at__lt=seen.ended_at) | Q(at=seen.ended_at, action=Action.RETURN))
        replies = replies.filter(drafted_at__lte=seen.ended_at)
    writer = None
    if held and seen.identity:
        citizen = Citizen.objects.filter(case=case).first()
        writer = {f: (getattr(citizen, f) or "") for f in WRITER_FIELDS} if citizen else None
    return {
        **case_row(case, center=seen.center, held=held),
        "subject": seen.subject(case), "body": seen.body(case), "writer": writer,
        # the page shows the 追问 to whoever may see the writer, or where the writer is not withheld
        "follow_up": case.follow_up if held and (seen.identity or not case.identity_withheld) else "",
        "no_longer_held_since": _when(seen.ended_at),
        "replies": [_answer(r) for r in replies],
        "timeline": [_step(e) for e in events],
        "actions": _offered(user, case) if held else [],
    }
