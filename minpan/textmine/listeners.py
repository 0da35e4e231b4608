"""What textmine does when the core applies an action (registered in apps.TextmineConfig.ready)."""
from __future__ import annotations

import logging

from minpan.cases.hooks import Applied

from .replies import check_case_reply
from .suggest import record_choice
from .tasks import suggest_case

log = logging.getLogger(__name__)


def suggest_for_new_message(applied: Applied) -> None:
    """After commit, in the worker: suggestions need the models, which the web must not load.
    A failure to queue is logged by the hooks; the initial-review page computes what is missing."""
    suggest_case.enqueue(applied.case.pk)


def flag_submitted_reply(applied: Applied) -> dict:
    """In the submit's transaction: the reply check's flags go into the SUBMIT event. The check
    only informs the reviewer (答非所问、敷衍塞责 are theirs to send back); it never blocks the
    submission, so a fault in it is logged and the submission goes on without flags."""
    case = applied.case
    reply = case.replies.get(version=applied.data["reply_version"])
    try:
        check = check_case_reply(case, reply, applied.policy)
    except Exception:
        log.exception("reply check failed on %s", case.reference)
        return {}
    return {"reply_flags": check.codes, "reply_relevance": round(check.relevance, 3)}


def record_classification(applied: Applied) -> None:
    """In the classify's transaction: whether the operator kept the suggested domain and type or
    corrected them, feedback for the next training. It is the decision the event records, so it
    rolls back with it."""
    for kind in ("domain", "msg_type"):
        record_choice(applied.case, kind, applied.data[kind], actor=applied.actor, now=applied.at)


def record_dispatch(applied: Applied) -> None:
    """In the dispatch's transaction: the same for the suggested lead unit."""
    record_choice(applied.case, "lead_unit", applied.data["lead"], actor=applied.actor, now=applied.at)
