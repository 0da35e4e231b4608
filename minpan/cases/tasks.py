"""The worker's side of a deferred collection (hooks.later): the job case_collect queues inside
the transaction that records the message, so it commits with the case or not at all."""
from __future__ import annotations

from django_tasks import task

from minpan.policies.active import policy_named

from . import hooks
from .models import Case, Event
from .states import Action, State


@task()
def follow_collect(case_id: int, context: dict) -> bool:
    """Run the `later` functions and the listeners of the case's collection; False when the case
    is gone (erased before the worker came to it)."""
    case = Case.objects.filter(pk=case_id).first()
    event = Event.objects.filter(case_id=case_id, action=Action.COLLECT).order_by("seq").first()
    if case is None or event is None:
        return False
    hooks.follow_later(hooks.Applied(
        case=case, action=Action.COLLECT, actor=None, role=event.role, unit=None, policy=policy_named(case.policy_name),
        at=event.at, before="", after=State.RECEIVED, data=event.data, context=context,
    ))
    return True
